#!/usr/bin/env bash
# The Windows part of the tests (scripts/test.sh calls it; it can also run alone once
# scripts/setup.sh has run): the x86_64-pc-windows-gnu target built and linted with warnings as
# errors, and the engine, store and CLI test binaries run under Wine in a prefix made for it
# (scripts/wine/setup.sh: a user named "Nguyễn Văn An", a second drive E:, the test-only
# bcryptprimitives.dll shim).
#
# Kept short on two cores (see the README for the measured times):
# - one Cargo command builds everything once: clippy-driver is the workspace's compiler wrapper
#   (what `cargo clippy` itself does) and the target's warnings are errors, so linting the
#   project's own crates costs no second pass over the dependencies (a separate
#   `cargo clippy --target …` would check every dependency again);
# - no debug info for the Windows build (CARGO_PROFILE_DEV_DEBUG=0): line numbers of a failed
#   assertion still show, and linking ~45 executables with mingw's ld is much faster;
# - the test binaries are built with `--no-run` and their .exe files run directly under Wine,
#   one Wine server for all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/baocao-target}"
export BAOCAO_BUNDLED_FONTS=1
TARGET=x86_64-pc-windows-gnu
started=$(date +%s)

# Test files run under Wine. Every other file of tests/ is listed in NOT_RUN with the reason.
RUN=(
  import_sample import_fixes layout_rules layout_sample
  checks_compare checks_sample checks_cli figures_narrative period_rollforward
  fuzz_corpus input_limits docx_package
  store_backup store_crash store_drafts store_migrate store_review store_transfer
  store_versions store_safety store_cli store_dictionary store_hostile
  windows_paths consolidate_units checks_tables sign_windows_store
)
declare -A NOT_RUN=(
  [cli_render]="reads the PDF back with poppler, a Linux tool (windows_exe measures the PDF baocao.exe writes)"
  [pdf_output]="reads the PDF back with poppler, a Linux tool (windows_exe measures the PDF baocao.exe writes)"
  [pdf_rules]="measures the PDF with poppler, a Linux tool (windows_exe runs the same measurements on baocao.exe's PDF)"
  [layout_reports]="reads the symbol fonts back from the PDF with pdffonts (poppler), a Linux tool"
  [fonts_system]="reads the embedded fonts back with pdffonts (poppler), a Linux tool"
  [tables]="reads the tables' PDF back with pdftotext (poppler), a Linux tool"
  [e2e_tong_hop]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [cli_tong_hop]="reads the summary's PDF back with pdftotext (poppler), a Linux tool"
  [pdf_test_page]="measures the printer test page with poppler, a Linux tool"
  [e2e_print]="Wine runs no WebView2: runs on Windows in the GitHub workflow (tauri-driver, msedgedriver, PrintToPdf)"
  [docx_libreoffice]="needs LibreOffice, a Linux program here"
  [import_docx]="needs LibreOffice to make a .docx at test time (windows_exe renders a .docx with baocao.exe)"
  [checks_spelling]="reads Debian's hunspell-vi word list and the sources of the repository (same code on both systems)"
  [checks_support]="the checks' shared test helpers, no tests of their own"
  [diff_memory]="reads /proc for the peak memory, which Wine does not have"
  [e2e_app]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_import]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_library]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_review]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_safety]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_spelling]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [e2e_tables]="needs WebKitWebDriver and WebKitGTK; Wine runs no WebView2"
  [ui_modules]="runs the page's JavaScript under Node, the same on both systems"
  [windows_ci]="lints the GitHub workflow and compiles the installer hooks with Linux tools (runs on Linux)"
  [sign_token]="needs SoftHSM2 (its PKCS#11 module is a Linux .so), opensc, openssl and pyHanko, Linux tools"
  [e2e_ky_so]="needs WebKitWebDriver and WebKitGTK (Wine runs no WebView2) and SoftHSM2's Linux PKCS#11 module"
  [windows_exe]="runs on Linux: starts baocao.exe under Wine and measures its PDF with poppler"
)

# Every test file is either run or excused by name; a new one in neither list is reported as
# not run, by name, until someone puts it in one.
for f in tests/*.rs; do
  n=$(basename "$f" .rs)
  if [[ ! " ${RUN[*]} " == *" $n "* ]] && [ -z "${NOT_RUN[$n]+x}" ]; then
    NOT_RUN[$n]="not yet classified: add it to RUN or NOT_RUN in scripts/test-windows.sh"
  fi
done

# Build and lint in one pass.
export CARGO_PROFILE_DEV_DEBUG=0
export CARGO_PROFILE_TEST_DEBUG=0
RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export RUSTC_WORKSPACE_WRAPPER
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-D warnings"
LOG="$CARGO_TARGET_DIR/$TARGET/windows-build.json"
mkdir -p "$(dirname "$LOG")"
echo "== Windows: build and clippy (-D warnings) of every target for $TARGET"
nice cargo test --locked --target "$TARGET" --all-targets --no-run \
  --message-format=json-render-diagnostics >"$LOG"
built=$(date +%s)
for exe in baocao.exe baocao-app.exe; do
  test -f "$CARGO_TARGET_DIR/$TARGET/debug/$exe" || { echo "missing $exe" >&2; exit 1; }
done
echo "   built baocao.exe and baocao-app.exe in $((built - started)) s"

# The test executables by name: the library's and the binaries' unit tests, each test file.
exe_of() { # kind name
  jq -r --arg k "$1" --arg n "$2" 'select(.reason == "compiler-artifact" and .profile.test
    and .executable != null and (.target.kind | index($k)) and .target.name == $n)
    | .executable' "$LOG" | tail -n 1
}
declare -a jobs=("lib:baocao" "bin:baocao" "bin:baocao-app")
for n in "${RUN[@]}"; do jobs+=("test:$n"); done

# The app's unit tests load WebView2Loader.dll (webview2-com's build puts it beside the app).
cp -f "$CARGO_TARGET_DIR/$TARGET/debug/WebView2Loader.dll" "$CARGO_TARGET_DIR/$TARGET/debug/deps/"

# shellcheck source=scripts/wine/setup.sh
. scripts/wine/setup.sh
wineserver -p 60 # one server for every run below
passed=() failed=()
for j in "${jobs[@]}"; do
  kind=${j%%:*} name=${j#*:}
  exe=$(exe_of "$kind" "$name")
  if [ -z "$exe" ]; then
    echo "no test executable for $j" >&2
    failed+=("$j")
    continue
  fi
  t0=$(date +%s)
  if wine "$exe" >"$CARGO_TARGET_DIR/$TARGET/wine-$kind-$name.log" 2>&1; then
    passed+=("$j")
    echo "   ok   $j ($(($(date +%s) - t0)) s)"
  else
    failed+=("$j")
    echo "   FAIL $j ($(($(date +%s) - t0)) s):"
    tail -n 40 "$CARGO_TARGET_DIR/$TARGET/wine-$kind-$name.log" | sed 's/^/        /'
  fi
done
wineserver -k || true

echo "== Windows: run under Wine (${#passed[@]}): ${passed[*]}"
echo "== Windows: not run under Wine:"
for n in $(printf '%s\n' "${!NOT_RUN[@]}" | sort); do
  echo "   $n: ${NOT_RUN[$n]}"
done
echo "== Windows part: $(($(date +%s) - started)) s (build $((built - started)) s)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "== Windows: FAILED: ${failed[*]}" >&2
  exit 1
fi
