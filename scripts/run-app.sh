#!/usr/bin/env bash
# Sets up a fresh Debian machine (scripts/setup.sh), builds and starts the desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/baocao-target}"
exec cargo run --release --locked --bin baocao-app
