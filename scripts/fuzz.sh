#!/usr/bin/env bash
# Fuzzes the two readers of untrusted input — scanned codes and pictures (VerifyFuzz), project
# records (RecordFuzz) — with libFuzzer for a bounded time each; exits non-zero on a crash, a leak
# or an input that takes more than 2 GB. See docs/security.md.
#   scripts/fuzz.sh [seconds per target, default 60]
# SWIFT may name the swift driver to use (default: swift).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift="${SWIFT:-swift}"
flags=(--scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
$swift build "${flags[@]}" --product VerifyFuzz
$swift build "${flags[@]}" --product RecordFuzz

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/verify" "$work/record" "$work/artifacts"
# Seeds: every record of the test corpus.
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$work/record/seed-$n.yaml"
done < <(find Tests/Corpus -name '*.yaml' -print0)
# swift-crypto keeps one 97-byte key implementation for the life of the process.
printf 'leak:OpenSSLCurve25519PublicKeyImpl\n' > "$work/lsan.supp"
export LSAN_OPTIONS="suppressions=$work/lsan.supp"
options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1
         -artifact_prefix="$work/artifacts/")
status=0
.build-fuzz/debug/VerifyFuzz "${options[@]}" "$work/verify" || status=$?
.build-fuzz/debug/RecordFuzz "${options[@]}" "$work/record" || status=$?
if [ "$status" -ne 0 ]; then
  mkdir -p .build-fuzz/crashes && cp -r "$work/artifacts/." .build-fuzz/crashes/ || true
  echo "fuzzing found a problem; the inputs are in .build-fuzz/crashes/ (replay: swift run VerifyFuzz|RecordFuzz FILE)" >&2
fi
exit "$status"
