# shellcheck shell=bash
# qt_build [TARGET...]: configures (Release, Ninja) into build/ (or $QT_BUILD_DIR) and builds the
# targets (all if none).
qt_build() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local dir="${QT_BUILD_DIR:-$root/build}"
  local -a targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${QT_CMAKE_ARGS:-} >/dev/null
  cmake --build "$dir" "${targets[@]}"
}
