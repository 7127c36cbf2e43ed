#!/usr/bin/env bash
# Development server with rebuild and reload on every change (SQLite demo database by default).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
npx tsx scripts/db.ts setup
export NODE_ENV=development
exec npx remix dev --manual -c "node --watch-path=build/index.js --watch-path=server.js server.js"
