#!/usr/bin/env bash
# Starts a private PostgreSQL (Debian's postgresql package, 15 on Debian 12) on loopback for the
# tests that need one, and prints the line to export:
#
#   eval "$(scripts/start-test-postgres.sh)"    # sets PASSPORT_TEST_DATABASE_URL
#
# The cluster lives in its own folder (default /tmp/passport-test-pg-<port>) and answers on
# 127.0.0.1 only, with a password; it is left running for later test runs. Running the script
# again reuses it. Exits non-zero (and says why) when PostgreSQL cannot be started, so CI fails
# instead of skipping. Stop it with: pg_ctl -D <folder> stop (as the postgres user when root).
set -euo pipefail
port="${PASSPORT_PG_PORT:-54329}"
dir="${PASSPORT_PG_DIR:-/tmp/passport-test-pg-$port}"
user=passport
password=passport
database=passport

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-test-postgres: PostgreSQL is not installed; run scripts/setup.sh (it installs Debian's postgresql)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, run it as the postgres user the package created.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 || {
    echo "start-test-postgres: initdb failed:" >&2; cat "$dir.initdb.log" >&2; exit 1; }
fi

if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=on" start >/dev/null || {
    echo "start-test-postgres: PostgreSQL did not start; its log:" >&2; tail -n 30 "$dir/server.log" >&2; exit 1; }
fi

psql_admin() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $database OWNER $user"
fi

url="postgres://$user:$password@127.0.0.1:$port/$database"
# Check the URL works over TCP with the password, as the tests will use it.
PGCONNECT_TIMEOUT=10 "$bin/psql" "$url" -qAt -c "SELECT 1" >/dev/null || {
  echo "start-test-postgres: PostgreSQL runs but $url does not answer" >&2; exit 1; }
echo "export PASSPORT_TEST_DATABASE_URL=$url"
