#!/usr/bin/env bash
# PostgreSQL restarted under load (tests/ops/kill_drill.py --fault postgres-restart) on a
# PostgreSQL of its own: the suite's shared one must not be restarted under the other tests.
#   pg_restart_drill.sh BIN_DIR [kill_drill.py options]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin_dir="$1"
shift
unset QT_PG_DIR QT_PG_PORT QUARTIER_TEST_PG_URL
source "$here/../../scripts/lib/postgres.sh"
pg_start
trap pg_stop EXIT
python3 "$here/kill_drill.py" --bin-dir "$bin_dir" --pg-admin-url "$QUARTIER_TEST_PG_URL" --fault postgres-restart \
  --pg-restart-cmd "bash -c 'source $here/../../scripts/lib/postgres.sh && pg_restart'" "$@"
