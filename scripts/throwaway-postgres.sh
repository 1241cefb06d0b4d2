#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster with pgvector for the integration tests, as a managed
# Postgres would be set up: the app's role (lore_owner) is not a superuser; a superuser created the
# vector extension in a template database that each test file's database is copied from. Prints the
# template's URL for LORE_TEST_POSTGRES_URL. Installs PostgreSQL 15 and builds pgvector from
# ../shared/vendor when missing (as root, as CI runs). Stop it with: scripts/throwaway-postgres.sh stop <dir>
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=/usr/lib/postgresql/15/bin

if [ "${1:-}" = "stop" ]; then
  su postgres -c "$BIN/pg_ctl -D $2/data -m fast stop" >/dev/null
  rm -rf "$2"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ! -x "$BIN/initdb" ] || [ ! -d /usr/include/postgresql/15/server ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-server-dev-15 build-essential >&2
fi
if [ ! -f /usr/share/postgresql/15/extension/vector.control ]; then
  # shared/ sits beside the clone (CI), or beside the main checkout of a worktree.
  tarball=""
  for shared in ../shared ../../shared; do [ -f "$shared/vendor/pgvector-0.8.6.tar.gz" ] && tarball="$shared/vendor/pgvector-0.8.6.tar.gz" && break; done
  [ -n "$tarball" ] || { echo "pgvector source not found in ../shared/vendor" >&2; exit 1; }
  src=$(mktemp -d)
  tar -xzf "$tarball" -C "$src"
  make -s -C "$src/pgvector-0.8.6" >&2 && $sudo make -s -C "$src/pgvector-0.8.6" install >&2
  rm -rf "$src"
fi

dir=$(mktemp -d /tmp/lore-postgres-XXXXXX)
chown postgres "$dir"
port=${LORE_TEST_POSTGRES_PORT:-55432}
while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
su postgres -c "$BIN/initdb -D $dir/data -A trust -U postgres" >/dev/null
su postgres -c "$BIN/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' -l $dir/log -w start" >/dev/null
psql() { command psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE ROLE lore_owner LOGIN PASSWORD 'lore' CREATEROLE CREATEDB" \
     -c "CREATE ROLE lore_app NOLOGIN" -c "GRANT lore_app TO lore_owner" \
     -c "CREATE DATABASE lore_template OWNER lore_owner"
psql -d lore_template -c "CREATE EXTENSION vector" -c "ALTER DATABASE lore_template IS_TEMPLATE true"
echo "$dir postgres://lore_owner:lore@127.0.0.1:$port/lore_template"
