#!/usr/bin/env bash
# Installs the system libraries and tools passport builds against and tests with (Debian 12).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail
packages=(
  pkg-config
  libqrencode-dev libcairo2-dev libfreetype-dev libpng-dev libzbar-dev libturbojpeg0-dev libsqlite3-dev zlib1g-dev
  zbar-tools poppler-utils qrencode chromium librsvg2-bin
  python3 python3-jsonschema python3-pyld python3-pip python3-cryptography
  postgresql
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

# axe-core for the accessibility tests (Tests/SiteTests): axe.min.js, axe-core 4.10.2 (MPL-2.0), as
# shipped in the PyPI wheel of axe-selenium-python 3.0.0; wheel and script checked by SHA-256.
cd "$(dirname "$0")/.."
axe=.build/test-tools/axe.min.js
if [ ! -f "$axe" ]; then
  wheel_dir=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
    --dest "$wheel_dir" axe-selenium-python==3.0.0
  wheel="$wheel_dir/axe_selenium_python-3.0.0-py3-none-any.whl"
  echo "847e3925861133a523609ff27d0fef387e7588a26f23a27c208a30682b8e9240  $wheel" | sha256sum -c --quiet
  mkdir -p .build/test-tools
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("axe_selenium_python/node_modules/axe-core/axe.min.js"))' \
    "$wheel" > "$axe.part"
  echo "b511cd9dec01c76f4b2ad1723b66b6db37d4c2eb4ed199076e1829d9ee7b75e3  $axe.part" | sha256sum -c --quiet
  mv "$axe.part" "$axe"
  rm -rf "$wheel_dir"
fi
