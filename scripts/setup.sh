#!/usr/bin/env bash
# Installs the system libraries and tools passport builds against and tests with (Debian 12).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail
packages=(
  pkg-config
  libqrencode-dev libcairo2-dev libfreetype-dev libpng-dev libzbar-dev libturbojpeg0-dev libsqlite3-dev
  zbar-tools poppler-utils qrencode chromium librsvg2-bin
  python3 python3-jsonschema python3-pyld
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
