# shellcheck shell=bash
# qt_sanitize_run MODE [CTEST ARGS...]: scripts/test --sanitize (MODE address,undefined) and
# --tsan (MODE thread). Builds the server, the plugins and the test suites instrumented into a
# folder of their own, runs the chosen suites against a throwaway PostgreSQL, and fails on a
# failed test or on any sanitizer report, including those of the servers that integration tests
# start (each process writes its reports to a file under build-*/sanitizer-logs/).
qt_sanitize_run() {
  local mode="$1"
  shift
  local root dir pattern
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  if [[ $mode == thread ]]; then
    dir="$root/build-tsan"
    # The tests whose point is concurrency: the server's threads, its pools and relays.
    pattern='^(integration: (Server|server|WebSocket|websocket|Blocking|blocking|Shutdown|shutdown|Graceful)|db: (Pool|pool|Group commit|group commit|Relay|relay|Checkpoint|checkpoint))'
  else
    dir="$root/build-asan"
    pattern='^(unit|db|integration): '
  fi
  QT_BUILD_DIR="$dir" QT_CMAKE_ARGS="-DQUARTIER_BUILD_TESTS=ON -DQUARTIER_SANITIZE=$mode" \
    qt_build quartier quartier_unit_tests quartier_db_tests quartier_integration_tests \
    groups files calendar help_plugin participation market video || return 1

  local logs="$dir/sanitizer-logs"
  rm -rf "$logs"
  mkdir -p "$logs"
  local supp="$root/tests/sanitize"
  export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1"
  export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
  export TSAN_OPTIONS="log_path=$logs/tsan:suppressions=$supp/tsan.supp:second_deadlock_stack=1:halt_on_error=0"

  pg_start
  trap pg_stop EXIT
  export QUARTIER_TEST_REQUIRE_PG=1
  mkdir -p "$root/test-output"
  local status=0
  # Instrumented code runs several times slower: more time per test, one test at a time per core.
  ctest --test-dir "$dir" --output-on-failure --timeout 900 -j "$(nproc)" -R "$pattern" "$@" || status=$?
  local reports
  reports=$(find "$logs" -type f -size +0 | sort)
  if [[ -n $reports ]]; then
    echo "scripts/test: sanitizer reports ($mode):" >&2
    for f in $reports; do
      echo "==== $f" >&2
      head -n 60 "$f" >&2
    done
    status=1
  else
    echo "scripts/test: no sanitizer report ($mode)"
  fi
  return "$status"
}
