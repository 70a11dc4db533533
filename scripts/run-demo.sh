#!/usr/bin/env bash
# Fresh machine → Counter running on the embedded SQLite with demo data.
# Data goes to ./demo-data (override with COUNTER_DATA_DIR). Log in as admin, or a clerk
# such as <window code>_c1; every demo password is counter123.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export COUNTER_DATA_DIR=${COUNTER_DATA_DIR:-$PWD/demo-data}
if [ ! -f "$COUNTER_DATA_DIR/counter.sqlite3" ]; then
  .venv/bin/counter-admin init --terminal 1
  .venv/bin/counter-admin demo-data --cases 2000 --days 20
fi
exec .venv/bin/counter-app "$@"
