#!/usr/bin/env bash
# Benchmarks `passport serve` side by side with nginx serving the same built site, on loopback,
# with wrk (Debian packages wrk and nginx, installed when missing), and POST /api/verify with the
# scan log on PostgreSQL (scripts/start-test-postgres.sh). Prints one table; figures go into
# docs/benchmarks.md by hand.
#
#   scripts/bench-serve.sh                 # 20 s per run, then a 5-minute memory soak
#   DURATION=10s SOAK=60 scripts/bench-serve.sh
#
# Targets (docs/benchmarks.md): resolver ≥ 0.5× nginx's requests/s for the same URLs with
# p99 ≤ 5 ms; verify ≥ 3,000/s with p99 ≤ 20 ms; RSS flat over the soak.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
soak="${SOAK:-300}"
nginx_port="${NGINX_PORT:-18080}"
serve_port="${SERVE_PORT:-18081}"

for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y --no-install-recommends wrk nginx >/dev/null
  fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "building passport (release)…" >&2
swift="${SWIFT:-swift}"; [ -x /work/bin/swiftb ] && swift="${SWIFT:-/work/bin/swiftb}"
"$swift" build -c release --product passport >&2
passport="$root/.build/release/passport"

work="$(mktemp -d /tmp/passport-bench-serve.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export SOURCE_DATE_EPOCH=1793000000 PASSPORT_NOW=2026-11-05T10:00:00Z PASSPORT_STORE="$work/store"
"$passport" demo -o "$work/output" --keep-project "$work/project" >/dev/null
# Shops scan each unit about once: a second copy of the co-op's serialized lot, 100,000 units
# (its upstream input left out: mass balance would refuse 25,000 l from 75 l of oil), gives codes
# that are new to the scan log, as at real counters. The demo's 300 units, scanned over and over,
# are the copies case.
big="$work/big"
cp -R "$work/project" "$big"
python3 - "$big/batches/novello-2026-s.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
text = text[:text.index("inputs:")].replace("quantity: 300", "quantity: 100000")
open(path, "w").write(text.replace("count: 300,", "count: 100000,"))
PY
"$passport" build "$big" -o "$work/big-output" --no-labels >/dev/null
"$passport" labels "$big" --batch novello-2026-s --format pdf --from 1 --count 100000 -o "$work/big-labels" --quiet >/dev/null
"$passport" trust import "$work/big-output/bundle/bundle.json" --trust-producer >/dev/null
site="$work/output/site"
chmod 755 "$work"; chmod -R go+rX "$work/output"   # nginx's workers run as another user

# PostgreSQL: a fresh database for this run on the test server.
eval "$(scripts/start-test-postgres.sh)"
db="passport_bench_$$"
psql "$PASSPORT_TEST_DATABASE_URL" -qAt -c "CREATE DATABASE $db" >/dev/null
database="${PASSPORT_TEST_DATABASE_URL%/*}/$db"
trap 'cleanup; psql "$PASSPORT_TEST_DATABASE_URL" -qAt -c "DROP DATABASE IF EXISTS '"$db"' WITH (FORCE)" >/dev/null' EXIT
"$passport" serve trust push --database "$database" >/dev/null
token="$("$passport" serve tokens add bench --database "$database" 2>/dev/null)"

# nginx: the static host the README recommends, same files, same cores.
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  types { application/linkset+json linkset.json; application/vc+jwt jwt; }
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $site;
    index index.html;
    add_header Access-Control-Allow-Origin *;
  }
}
EOF
"$nginx_bin" -c "$work/nginx.conf" -e "$work/nginx/error.log"

"$passport" serve --site "$site" --database "$database" --port "$serve_port" --rate-limit 0 --log-level warning \
  >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
serve_pid=$!
for _ in $(seq 1 100); do grep -q "^Serving" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
grep -q "^Serving" "$work/serve.out" || { cat "$work/serve.err" >&2; echo "passport serve did not start" >&2; exit 1; }

rss() { ps -o rss= -p "$serve_pid" | tr -d ' '; }

# wrk --latency prints the distribution; pick requests/s and p99 (in ms).
run() {
  local label="$1" url="$2"; shift 2
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url")"
  local rps p99 errors
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}' <<<"$out")"
  errors="$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")"
  printf '| %-58s | %10s | %8s | %6s |\n' "$label" "$rps" "$p99" "${errors:-0}"
}

batch="/01/08012345000029/10/N2026S"
code="$(sed -n 43p "$work/output/labels/novello-2026-s/manifest.csv" | cut -d, -f2)"
unit="${code#https://oliveto.example}"

# The codes the verify runs post, round robin: the demo lot's 300 units (scanned again and again,
# each a copy after its first scan) or the big lot's 100,000 (each new to the log).
cut -d, -f2 "$work/output/labels/novello-2026-s/manifest.csv" | tail -n +2 >"$work/codes.txt"
cut -d, -f2 "$(find "$work/big-labels" -name manifest.csv | head -n 1)" | tail -n +2 >"$work/big-codes.txt"
lua() {  # lua NAME CODES [TOKEN]
  local authorization=""
  [ -n "${3:-}" ] && authorization="wrk.headers[\"Authorization\"] = \"Bearer $3\""
  cat >"$work/$1.lua" <<EOF
local codes = {}
for line in io.lines("$2") do codes[#codes + 1] = line end
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) i = (id or 0) * 50000 end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$authorization
request = function()
  i = i % #codes + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. codes[i] .. '"}')
end
EOF
}
lua verify-anonymous "$work/codes.txt"
lua verify "$work/codes.txt" "$token"
lua verify-new "$work/big-codes.txt" "$token"

n="http://127.0.0.1:$nginx_port"
s="http://127.0.0.1:$serve_port"
echo "wrk -t$threads -c$connections -d$duration on $(nproc) cores; passport serve RSS at start: $(rss) KB"
printf '| %-58s | %10s | %8s | %6s |\n' "run" "requests/s" "p99 ms" "non-2xx/3xx"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "------------" "----------" "--------"
run "nginx: batch URL $batch/ (index.html, 200)" "$n$batch/"
run "serve: batch URL $batch/ (307 to the page)" "$s$batch/"
run "nginx: batch page index.html" "$n$batch/index.html"
run "serve: batch page index.html" "$s$batch/index.html"
run "nginx: unit page …/21/000042/ (index.html, 200)" "$n$batch/21/000042/"
run "serve: unit code …/21/000042?s=… (307)" "$s$unit"
run "nginx: linkset.json of the batch" "$n$batch/linkset.json"
run "serve: ?linkType=linkset (batch + product)" "$s$batch?linkType=linkset"
run "serve: ?linkType=untp:dpp (307)" "$s$batch?linkType=untp:dpp"
run "serve: POST /api/verify, no token (nothing written)" "$s/api/verify" -s "$work/verify-anonymous.lua"
run "serve: POST /api/verify, counter token, PostgreSQL, new units" "$s/api/verify" -s "$work/verify-new.lua"
run "serve: POST /api/verify, counter token, PostgreSQL, 300 units again and again" "$s/api/verify" -s "$work/verify.lua"
echo "scans recorded in PostgreSQL: $(psql "$database" -qAt -c 'SELECT count(*) FROM passport_scans')"

if [ "$soak" -gt 0 ]; then
  start_rss="$(rss)"
  echo "soak: ${soak}s of resolver + verify load at once; RSS every 30 s (KB): start $start_rss"
  wrk -t1 -c16 -d"${soak}s" "$s$unit" >/dev/null &
  soak_a=$!
  wrk -t1 -c16 -d"${soak}s" -s "$work/verify-new.lua" "$s/api/verify" >/dev/null &
  soak_b=$!
  samples=()
  for _ in $(seq 1 $((soak / 30))); do sleep 30; samples+=("$(rss)"); done
  wait "$soak_a" "$soak_b"
  echo "soak RSS (KB): start $start_rss, then ${samples[*]}; end $(rss)"
fi
