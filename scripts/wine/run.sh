#!/usr/bin/env bash
# Runs a Windows program in the test prefix (scripts/wine/setup.sh): `run.sh prog.exe ARGS…`.
# Also usable as Cargo's runner: CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=scripts/wine/run.sh.
set -euo pipefail
# shellcheck source=scripts/wine/setup.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/setup.sh"
exec wine "$@"
