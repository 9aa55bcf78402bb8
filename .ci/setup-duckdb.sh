#!/usr/bin/env bash
# Installs DuckDB's Node.js package for the reader test (output/duckdb_test.go), which reads
# series.csv with DuckDB's type sniffing and checks it against series.parquet. Needs node and
# npm (Debian's nodejs and npm); the package comes from the npm registry.
set -euo pipefail
dir="${TRADESIM_DUCKDB_DIR:-$HOME/.cache/tradesim-duckdb}"
if [ -d "$dir/node_modules/@duckdb/node-api" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1
