#!/usr/bin/env bash
# Runs the demo on the embedded SQLite database: installs, migrates, seeds when empty, builds, serves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
echo "▶ Base de données (${DATABASE_URL:-data/cap-qualite.sqlite})…"
npx tsx scripts/db.ts setup
echo "▶ Construction de l'application…"
npm run build --silent
export NODE_ENV=production
export CAP_QUALITE_DEMO=1
# The demo is served over plain http on this machine.
export COOKIE_SECURE="${COOKIE_SECURE:-false}"
export PORT="${PORT:-3000}"
echo "▶ Démarrage du serveur (Ctrl+C pour arrêter)…"
# The memory flags of server-memory.js (decision 060).
exec node --max-semi-space-size=8 --heap-growing-percent=30 server.js
