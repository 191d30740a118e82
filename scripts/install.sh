#!/usr/bin/env bash
# Installs passport so it runs from any folder: the binary into PREFIX/bin, the templates and
# fonts it needs into PREFIX/share/passport (where the binary looks for them).
#
#   scripts/install.sh [--binary PATH] [PREFIX]
#
# PREFIX defaults to /usr/local (use `sudo`, or a prefix of your own such as ~/.local).
# Without --binary, builds the release binary first (`swift build -c release`); with it, installs
# that binary as it is. $SWIFT names the swift command (default: swift).
set -euo pipefail
source_root="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || { echo "install.sh: --binary needs a path" >&2; exit 64; }; binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    *) [ -z "$prefix" ] || { echo "install.sh: give one PREFIX" >&2; exit 64; }; prefix="$1"; shift ;;
  esac
done
prefix="${prefix:-/usr/local}"

if [ -z "$binary" ]; then
  swift="${SWIFT:-swift}"
  (cd "$source_root" && "$swift" build -c release --product passport)
  binary="$(cd "$source_root" && "$swift" build -c release --show-bin-path)/passport"
fi
[ -x "$binary" ] || { echo "install.sh: $binary is not an executable passport binary" >&2; exit 1; }

share="$prefix/share/passport"
mkdir -p "$prefix/bin" "$share"
install -m 0755 "$binary" "$prefix/bin/passport"
# Replace the resources whole, so files removed from a newer release do not linger.
for folder in Templates Fonts; do
  rm -rf "$share/$folder.new"
  cp -R "$source_root/$folder" "$share/$folder.new"
  rm -rf "$share/$folder"
  mv "$share/$folder.new" "$share/$folder"
done
echo "Installed $prefix/bin/passport $("$prefix/bin/passport" --version) with its templates and fonts in $share."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH to run \`passport\` by name." ;;
esac
