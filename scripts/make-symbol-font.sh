#!/usr/bin/env bash
# Makes assets/fonts/NotoSansSymbols2-Regular-subset.ttf, the symbol font the layout falls back to
# for the symbols Liberation Serif / Times New Roman lack (✓ ☐ ☑ ➢ ❖ ◆ …). Run by hand, once; the
# result is committed. Needs Debian's fonts-noto-core and python3-fonttools. The font is under the
# SIL Open Font License 1.1 with no Reserved Font Name, so a subset may keep its name.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf
# Bullets, arrows, geometric shapes, miscellaneous symbols, dingbats, the large squares.
/usr/bin/python3 -m fontTools.subset "$SRC" \
  --unicodes="U+2022,U+2190-21FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+2B1B-2B1C" \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' \
  --output-file=assets/fonts/NotoSansSymbols2-Regular-subset.ttf
