# shellcheck shell=bash
# A throwaway PostgreSQL for tests: pg_start creates a cluster in a temp folder, listening on
# 127.0.0.1 only on a free port with trust auth, creates role and database "quartier" and
# exports QUARTIER_TEST_PG_URL (an admin URL: the role may create and drop databases).
# pg_stop stops it and removes everything. Both are idempotent and safe under set -euo pipefail.
# Usage:  source scripts/lib/postgres.sh; pg_start; trap pg_stop EXIT; ...
# As root (CI) the server runs as the "postgres" system user (PostgreSQL refuses to run as root).
# QT_PG_OPTIONS: server settings (default "-c fsync=off", fast for tests; the benchmark turns
# fsync on).

QT_PG_DIR="${QT_PG_DIR:-}"
QT_PG_PORT="${QT_PG_PORT:-}"
QT_PG_BIN="${QT_PG_BIN:-}"
QT_PG_OS_USER="${QT_PG_OS_USER:-}"

# The newest installed server version's bin folder (Debian: /usr/lib/postgresql/<major>/bin).
_pg_find_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
    if [[ -z "$best" ]] || [[ "$(basename "$(dirname "$d")")" -gt "$(basename "$(dirname "$best")")" ]]; then
      best="$d"
    fi
  done
  if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1; then best="$(dirname "$(command -v initdb)")"; fi
  [[ -n "$best" ]] || { echo "pg_start: no PostgreSQL server found; install the Debian package postgresql" >&2; return 1; }
  printf '%s\n' "$best"
}

# Runs a command as the cluster's OS user.
_pg_as_user() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u "$QT_PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

_pg_port_free() {
  # A refused connection means nobody listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
  if [[ -n "$QT_PG_DIR" && -d "$QT_PG_DIR" ]]; then
    echo "pg_start: already running on port $QT_PG_PORT ($QT_PG_DIR)" >&2
    return 0
  fi
  QT_PG_BIN="$(_pg_find_bin)" || return 1
  if [[ "$(id -u)" -eq 0 ]]; then
    QT_PG_OS_USER="postgres"
    id "$QT_PG_OS_USER" >/dev/null 2>&1 || {
      echo "pg_start: running as root but the system user 'postgres' does not exist (install the postgresql package)" >&2
      return 1
    }
  else
    QT_PG_OS_USER="$(id -un)"
  fi
  QT_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/quartier-pg-XXXXXX")"
  export QT_PG_DIR QT_PG_BIN QT_PG_OS_USER
  chmod 700 "$QT_PG_DIR"
  [[ "$(id -u)" -ne 0 ]] || chown "$QT_PG_OS_USER" "$QT_PG_DIR"

  if ! _pg_as_user "$QT_PG_BIN/initdb" -D "$QT_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$QT_PG_DIR/initdb.log" 2>&1; then
    echo "pg_start: initdb failed:" >&2
    cat "$QT_PG_DIR/initdb.log" >&2 || true
    pg_stop
    return 1
  fi
  # Loopback TCP and the private socket folder only; nothing else may connect.
  _pg_as_user tee "$QT_PG_DIR/data/pg_hba.conf" >/dev/null <<'HBA'
local all all trust
host  all all 127.0.0.1/32 trust
HBA

  local attempt port started=0
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM % 20000)))
    _pg_port_free "$port" || continue
    if _pg_as_user "$QT_PG_BIN/pg_ctl" -D "$QT_PG_DIR/data" -l "$QT_PG_DIR/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$QT_PG_DIR ${QT_PG_OPTIONS:--c fsync=off} -c max_connections=200" \
        start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [[ "$started" -ne 1 ]]; then
    echo "pg_start: the server did not start; its log:" >&2
    tail -n 30 "$QT_PG_DIR/server.log" >&2 || true
    pg_stop
    return 1
  fi
  QT_PG_PORT="$port"
  export QT_PG_PORT
  if ! "$QT_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$QT_PG_PORT" -U postgres -d postgres \
      -c "CREATE ROLE quartier LOGIN CREATEDB" -c "CREATE DATABASE quartier OWNER quartier" >/dev/null; then
    echo "pg_start: could not create role and database 'quartier'" >&2
    pg_stop
    return 1
  fi
  export QUARTIER_TEST_PG_URL="postgresql://quartier@127.0.0.1:$QT_PG_PORT/quartier"
  echo "pg_start: PostgreSQL $(basename "$(dirname "$QT_PG_BIN")") on 127.0.0.1:$QT_PG_PORT" >&2
}

# pg_restart: a fast restart (sessions cut, as an operator's `systemctl restart postgresql`).
pg_restart() {
  _pg_as_user "$QT_PG_BIN/pg_ctl" -D "$QT_PG_DIR/data" -m fast -w -t 60 restart >/dev/null
}

pg_stop() {
  if [[ -n "${QT_PG_DIR:-}" && -d "$QT_PG_DIR" ]]; then
    if [[ -f "$QT_PG_DIR/data/postmaster.pid" ]]; then
      _pg_as_user "$QT_PG_BIN/pg_ctl" -D "$QT_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$QT_PG_DIR"
  fi
  QT_PG_DIR=""
  QT_PG_PORT=""
  unset QUARTIER_TEST_PG_URL
  return 0
}
