#!/usr/bin/env bash
# Sets up a fresh Debian machine (scripts/setup.sh) and runs every check and test:
# formatting, clippy with warnings as errors, the Windows build and its tests under Wine
# (scripts/test-windows.sh), then all unit, integration and end-to-end tests
# (the end-to-end tests drive the real app in a real WebKitGTK window under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# Keep compiled dependencies outside the clone, so that a fresh clone (and CI) builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/baocao-target}"
# Same fonts on every machine: the bundled Liberation Serif 2.
export BAOCAO_BUNDLED_FONTS=1

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# The Windows target: built, linted, and its engine, store and CLI tests run under Wine. Before
# `cargo test`, whose tests/windows_exe.rs renders the sample with the baocao.exe built here.
./scripts/test-windows.sh
cargo test --locked --no-fail-fast
