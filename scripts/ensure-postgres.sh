#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at TEST_POSTGRES_URL (default 127.0.0.1:5432, user
# postgres, trust auth): starts the local cluster, or installs Debian's postgresql and starts it.
# Exits 0 when one answers, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

answers() { node -e '
  const { Client } = require("pg");
  const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.query("select 1")).then(() => process.exit(0), () => process.exit(1));
' "$url" >/dev/null 2>&1; }

answers && exit 0

# Only the local default is ours to start or install.
case "$url" in
  *@127.0.0.1:5432/*|*@localhost:5432/*) ;;
  *) echo "PostgreSQL ne répond pas à $url"; exit 1 ;;
esac

start_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || return 1
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do answers && return 0; sleep 1; done
  return 1
}

configure_trust() {
  # Only on a server this script just installed for the tests: trust loopback connections,
  # create the "test" database.
  local version hba
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q "cap-qualite-tests" "$hba"; then
    { echo "# cap-qualite-tests: trust on loopback for the test suite"; echo "host all all 127.0.0.1/32 trust"; echo "host all all ::1/128 trust"; cat "$hba"; } > "$hba.new" && mv "$hba.new" "$hba"
    chown postgres:postgres "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart >/dev/null 2>&1 || true
  su postgres -c "psql -tc \"select 1 from pg_database where datname='test'\" | grep -q 1 || createdb test" >/dev/null 2>&1 || true
}

if start_cluster; then exit 0; fi
# Install only where none is installed: an existing server's authentication is never changed.
if [ "$(id -u)" -eq 0 ] && ! dpkg -s postgresql >/dev/null 2>&1; then
  echo "▶ Installation de PostgreSQL (paquet Debian) pour les tests…"
  ensure_debian_packages postgresql
  configure_trust
  start_cluster && exit 0
fi
echo "PostgreSQL n'a pas pu être démarré."
exit 1
