#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit, integration on SQLite and on PostgreSQL, end-to-end in
# Debian's Chromium. Installs what is missing first (npm packages; chromium and fonts; PostgreSQL
# when none answers, on a machine where we are root).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_debian_packages chromium fonts-dejavu-core libreoffice-writer-nogui poppler-utils

projects=(--project unit --project integration --project documents)
if bash scripts/ensure-postgres.sh; then
  projects+=(--project integration-postgres)
elif [ "${CI:-}" = "true" ]; then
  echo "✗ PostgreSQL est requis en CI et n'a pas pu être démarré." >&2
  exit 1
else
  echo "⚠ PostgreSQL injoignable : les tests d'intégration ne tourneront que sur SQLite." >&2
fi
projects+=(--project e2e)

echo "▶ Vérification des types (tsc)…"
npx tsc --noEmit
echo "▶ Lint (eslint)…"
npx eslint --max-warnings=0 .

mkdir -p tmp
echo "▶ Tests (vitest) : ${projects[*]}"
status=0
npx vitest run "${projects[@]}" --reporter=default --reporter=json --outputFile.json=tmp/vitest-results.json || status=$?
node -e '
  const r = require("./tmp/vitest-results.json");
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit $status
