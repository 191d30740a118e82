#!/usr/bin/env bash
# Makes the web fonts in Fonts/web/ from the Noto TTF files of Debian's fonts-noto-core
# (20201225-1), with fontTools' pyftsubset (PyPI `fonttools` 4.68.0 and `brotli`). CI never runs it;
# the output is committed with its SHA-256 in Fonts/web/README.md.
#
#   scripts/webfonts/make.sh /usr/share/fonts/truetype/noto Fonts/web
set -euo pipefail
source=${1:?folder holding NotoSans-Bold.ttf and NotoSerif-Bold.ttf}
out=${2:?output folder}
# Latin: ASCII, Latin-1, Latin Extended-A, the Romanian commas, punctuation, €, ™, arrows, minus.
latin="U+0000-017F,U+0192,U+0218-021B,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212"
# The rest the labels' fonts cover: Latin Extended-B and Additional (Vietnamese), combining marks,
# Greek and Cyrillic, other currency signs.
extended="U+0180-0191,U+0193-0217,U+021C-024F,U+0259,U+02BB-02BC,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+1F00-1FFF,U+20A0-20AB,U+20AD-20CF"
features="kern,liga,calt,ccmp,locl,mark,mkmk"
mkdir -p "$out"
for face in NotoSans-Bold NotoSerif-Bold; do
  name=$(echo "$face" | tr 'A-Z' 'a-z' | sed 's/notosans/noto-sans/; s/notoserif/noto-serif/')
  pyftsubset "$source/$face.ttf" --unicodes="$latin" --flavor=woff2 --layout-features="$features" \
    --no-hinting --desubroutinize --output-file="$out/$name-latin.woff2"
  pyftsubset "$source/$face.ttf" --unicodes="$extended" --flavor=woff2 --layout-features="$features" \
    --no-hinting --desubroutinize --output-file="$out/$name-extended.woff2"
done
