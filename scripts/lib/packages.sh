# shellcheck shell=bash
# The Debian 12 packages Quartier needs, and a function that installs the missing ones.
# Sourced by scripts/run and scripts/test.

# To build and run the server.
QT_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libfmt-dev libsodium-dev libtomlplusplus-dev libcli11-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libyaml-cpp-dev libutf8proc-dev libmagic-dev libvips-dev libjemalloc-dev
  sqlite3 nodejs
  libhowardhinnant-date-dev  # market: time zones for "open now" (date/tz.h; GCC 12 has no std::chrono::tzdb)
  libstemmer-dev  # German stemming (Snowball) for search on SQLite: core search, market listings
  # calendar plugin: recurrence and iCal through libical
  libical-dev
  libzip-dev  # files plugin: a folder's ZIP download
)
# Additionally, to run every test suite.
QT_TEST_PACKAGES=(
  catch2 postgresql python3 python3-aiosmtpd chromium wrk universal-ctags nginx curl systemd dpkg-dev
  # calendar plugin: its feeds are checked with an independent parser
  python3-icalendar
  # video plugin: rooms over the mesh limit through Janus's VideoRoom, tested against a real Janus
  janus
  # Web Push: the test push service decrypts and verifies each message independently
  python3-cryptography
)
# Additionally, to build the Debian package (scripts/package).
QT_PACKAGE_PACKAGES=(
  dpkg-dev binutils
)
# Additionally, to test the package in a clean Debian 12 root (scripts/package --test) and to
# score the systemd unit (systemd-analyze).
QT_PACKAGE_TEST_PACKAGES=(
  debootstrap systemd curl iproute2
)

# qt_ensure_packages PKG...: installs what is not installed yet (needs root or sudo).
qt_ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js may come from another source than Debian (e.g. a newer one); accept any node >= 20.
  if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1; then
    missing=("${missing[@]/nodejs}")
  fi
  local real=()
  for p in "${missing[@]}"; do [[ -n "$p" ]] && real+=("$p"); done
  ((${#real[@]} == 0)) && return 0
  echo "Installing Debian packages: ${real[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${real[@]}"
  # Debian's nodejs package does not pull npm in with --no-install-recommends.
  if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q npm
  fi
}
