#!/usr/bin/env bash
# Makes (once) and checks the Wine prefix the Windows tests run in, then prints nothing.
# Source it or run it; scripts/wine/run.sh calls it before every program.
#
# The prefix (kept in ~/.cache/baocao-wine, outside the clone) is a Windows 10 of the kind the
# users have, as far as Wine goes:
# - the user is "Nguyễn Văn An", so %USERPROFILE% and %LOCALAPPDATA% hold spaces and Vietnamese
#   letters (Wine names the profile after $USER);
# - drive E: is a second local drive (a folder here), for the backup to another drive letter;
#   drive N: a mapped network drive, which the store refuses;
# - system32 holds bcryptprimitives.dll built from scripts/wine/bcryptprimitives.c: Wine 8 lacks
#   it and every Rust .exe imports ProcessPrng from it. Test-only, never shipped.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BAOCAO_WINE_HOME="${BAOCAO_WINE_HOME:-$HOME/.cache/baocao-wine}"
export WINEPREFIX="$BAOCAO_WINE_HOME/prefix"
export WINEDEBUG=-all
# No Mono, no Gecko: the machines are offline and nothing here needs them.
export WINEDLLOVERRIDES="mscoree,mshtml="
export USER="Nguyễn Văn An"
# Tells tests/windows_paths.rs it runs in this prefix (a real PC's user may have any name).
export BAOCAO_WINE_USER="$USER"
export LANG=C.UTF-8
E_DRIVE="$BAOCAO_WINE_HOME/o-e"

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$BAOCAO_WINE_HOME"
  echo "Wine: making the test prefix in $WINEPREFIX (once)…" >&2
  wineboot -i >"$BAOCAO_WINE_HOME/wineboot.log" 2>&1 || true
  wineserver -w
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    cat "$BAOCAO_WINE_HOME/wineboot.log" >&2
    echo "Wine: the prefix could not be made" >&2
    exit 1
  fi
fi

mkdir -p "$E_DRIVE"
if [ "$(readlink "$WINEPREFIX/dosdevices/e:" 2>/dev/null)" != "$E_DRIVE" ]; then
  ln -sfn "$E_DRIVE" "$WINEPREFIX/dosdevices/e:"
fi

# N: is a mapped network drive as far as GetDriveTypeW tells (Wine's drive type "network").
N_DRIVE="$BAOCAO_WINE_HOME/o-n"
mkdir -p "$N_DRIVE"
if [ "$(readlink "$WINEPREFIX/dosdevices/n:" 2>/dev/null)" != "$N_DRIVE" ]; then
  ln -sfn "$N_DRIVE" "$WINEPREFIX/dosdevices/n:"
fi
if ! grep -q '^"n:"="network"' "$WINEPREFIX/system.reg"; then
  wine reg add 'HKLM\Software\Wine\Drives' /v n: /d network /f >/dev/null
  wineserver -w
fi

# %TEMP% in the user's profile, as on Windows (C:\users\<user>\AppData\Local\Temp): wineboot
# writes the Unix account's name into it ("C:\users\root\Temp"), so a temporary file of an
# install or an export would not see the Vietnamese profile path.
if ! grep -q '^"TEMP"=str(2):"%USERPROFILE%\\\\AppData\\\\Local\\\\Temp"' "$WINEPREFIX/user.reg"; then
  for v in TEMP TMP; do
    wine reg add 'HKCU\Environment' /v "$v" /t REG_EXPAND_SZ /d '%USERPROFILE%\AppData\Local\Temp' /f >/dev/null
  done
  wineserver -w
fi
mkdir -p "$WINEPREFIX/drive_c/users/$USER/AppData/Local/Temp"

SHIM="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$SHIM" ] || [ "$HERE/bcryptprimitives.c" -nt "$SHIM" ] || [ "$HERE/bcryptprimitives.def" -nt "$SHIM" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$SHIM.tmp" \
    "$HERE/bcryptprimitives.c" "$HERE/bcryptprimitives.def" -ladvapi32 -Wl,--enable-stdcall-fixup
  mv -f "$SHIM.tmp" "$SHIM"
fi
