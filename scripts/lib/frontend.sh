# shellcheck shell=bash
# Frontend helpers for scripts/run and scripts/test: source this file, then call
#   frontend_build [repo_root]   install node modules exactly as locked (npm ci) and build
#                                frontend/dist (index.html, hashed assets, .gz twins), failing
#                                when the first page's JavaScript is over its 100 KB budget.
#   frontend_test [repo_root]    the frontend's unit, component and hook tests (vitest) and ESLint.
# Needs node >= 20.19 and npm from Debian or the npm registry; downloads nothing but npm packages.

frontend__root() {
  if [ -n "${1:-}" ]; then
    printf '%s\n' "$1"
  else
    (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  fi
}

frontend_build() {
  local root dir
  root="$(frontend__root "${1:-}")"
  dir="$root/frontend"
  if ! command -v npm >/dev/null 2>&1; then
    echo "frontend: npm is not installed; install nodejs and npm (Debian: apt-get install -y nodejs npm)" >&2
    return 1
  fi
  # Reinstall only when the lock file changed since the last install.
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "frontend: installing node modules (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || {
      echo "frontend: npm ci failed; check the network access to the npm registry and $dir/package-lock.json" >&2
      return 1
    }
  fi
  echo "frontend: building $dir/dist"
  (cd "$dir" && npm run --silent build) || {
    echo "frontend: the build failed (see the messages above)" >&2
    return 1
  }
}

frontend_test() {
  local root
  root="$(frontend__root "${1:-}")"
  (cd "$root/frontend" && npm run --silent test)
}
