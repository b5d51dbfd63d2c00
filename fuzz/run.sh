#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer on stable Rust and runs one of them.
#
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags…]
#
# TARGET is report_file, draft_file, text_import, docx_xml or backup. Coverage instrumentation uses only
# stable `-C` flags (what `cargo fuzz build --sanitizer none` passes), so no nightly toolchain and
# no `cargo fuzz` are needed; see fuzz/README.md for cargo-fuzz with RUSTC_BOOTSTRAP=1 instead.
# The corpus grows in fuzz/work/TARGET (ignored by git), seeded from fuzz/corpus/TARGET; crashes
# land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps the flags off build scripts and proc macros, which run on the host
# without libFuzzer (as cargo fuzz does).
triple="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --target "$triple" --bin "$target"

mkdir -p "work/$target" "artifacts/$target"
# SQLite's fsyncs on a RAM disk when there is one.
if [ -d /dev/shm ]; then export TMPDIR=/dev/shm; fi
dict=""
if [ -f "dict/$target.dict" ]; then dict="dict/$target.dict"; fi
max_len=65536
if [ "$target" = backup ]; then max_len=4096; fi
exec "$CARGO_TARGET_DIR/$triple/release/$target" "work/$target" "corpus/$target" \
  ${dict:+-dict="$dict"} -max_total_time="$seconds" -max_len="$max_len" \
  -timeout=30 -rss_limit_mb=3072 -print_final_stats=1 \
  -artifact_prefix="artifacts/$target/" "$@"
