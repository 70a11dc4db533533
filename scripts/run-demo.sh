#!/usr/bin/env bash
# Fresh machine → Counter running on the embedded SQLite with demo data.
# Data goes to ./demo-data (override with COUNTER_DATA_DIR), encrypted: the demo accounts'
# passwords unlock it (docs/PERSONAL-DATA.md). Log in as admin, or a clerk such as
# <window code>_c1; every demo password is counter123.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export COUNTER_DATA_DIR=${COUNTER_DATA_DIR:-$PWD/demo-data}
if [ ! -f "$COUNTER_DATA_DIR/counter.sqlite3" ]; then
  # The first administrator's password creates the folder's first key slot; demo-data
  # gives every demo account one. Scripts pass passwords by environment, never as arguments.
  COUNTER_PASSWORD=counter123 .venv/bin/counter-admin --user admin init --terminal 1
  COUNTER_PASSWORD=counter123 .venv/bin/counter-admin --user admin demo-data --cases 2000 --days 20
fi
exec .venv/bin/counter-app "$@"
