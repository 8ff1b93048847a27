#!/usr/bin/env bash
# Installs quartier_<version>_amd64.deb into a clean Debian 12 root and checks it as an operator
# would meet it: `apt install ./quartier_*.deb` pulls the declared dependencies from Debian, the
# quartier system user, /var/lib/quartier and the conffiles are there, the server started from the
# unit's own ExecStartPre/ExecStart lines as the quartier user answers /healthz and /readyz,
# serves the web UI and a plugin, keeps its data over a graceful restart and a SIGKILL; an upgrade
# keeps a locally edited config; purge removes the service and the config and keeps the data
# unless QUARTIER_PURGE_DATA=yes. The unit's `systemd-analyze security` score must stay <= 2.0.
#
#   tests/package/install_test.sh build/package/quartier_0.1.0_amd64.deb     (or: scripts/package --test)
#
# Needs root (debootstrap, chroot, mounts) and Debian's mirror. systemd cannot boot in a chroot,
# so the service runs as the unit describes it (user, working folder, environment file, command
# lines) without systemd's sandbox; the sandbox settings are checked by systemd-analyze.
# The pristine root is made once with debootstrap and kept in $QT_PACKAGE_CACHE (default
# build/package/cache), together with the downloaded .debs; each run works on a fresh copy.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/../.." && pwd)
deb=${1:?usage: install_test.sh PATH/quartier_VERSION_ARCH.deb}
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
[[ -f $deb ]] || { echo "install_test: $deb does not exist; build it with scripts/package" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "install_test: needs root (debootstrap, chroot, mount); run it as root or with sudo" >&2; exit 2; }

source "$root_dir/scripts/lib/packages.sh"
qt_ensure_packages "${QT_PACKAGE_TEST_PACKAGES[@]}"

cache="${QT_PACKAGE_CACHE:-${QT_BUILD_DIR:-$root_dir/build}/package/cache}"
pristine="$cache/debian12-root"
archives="$cache/apt-archives"
mkdir -p "$cache" "$archives/partial"
started=$(date +%s)
step() { printf '[package test %4ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# The Debian mirror this machine uses (deb822 or one-line sources), unless QT_DEBIAN_MIRROR says.
mirror="${QT_DEBIAN_MIRROR:-}"
if [[ -z $mirror ]]; then
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1 || true)
  [[ -n $mirror ]] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi

# 1. The unit's hardening score (systemd-analyze: 0 = best, 10 = worst).
unit="$root_dir/scripts/packaging/debian/quartier.service"
score_line=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | grep 'Overall exposure level' || true)
score=$(sed -n 's/.*exposure level for quartier.service: \([0-9.]*\).*/\1/p' <<<"$score_line")
[[ -n $score ]] || fail "systemd-analyze security could not score $unit"
awk -v s="$score" 'BEGIN{exit !(s <= 2.0)}' || fail "the unit's exposure level is $score, above 2.0: a hardening line was lost ($score_line)"
step "systemd-analyze security: $score (<= 2.0)"

# 2. A clean Debian 12 root, made once.
if [[ ! -f $pristine/.quartier-complete ]]; then
  step "debootstrap bookworm (minbase) from $mirror into $pristine (once; kept for later runs)"
  rm -rf "$pristine"
  debootstrap --variant=minbase --cache-dir="$archives" bookworm "$pristine" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    tail -n 20 "$cache/debootstrap.log" >&2
    fail "debootstrap failed (log: $cache/debootstrap.log); is $mirror reachable?"
  }
  # No service may start inside the chroot (Debian's policy-rc.d convention).
  printf '#!/bin/sh\nexit 101\n' >"$pristine/usr/sbin/policy-rc.d"
  chmod 0755 "$pristine/usr/sbin/policy-rc.d"
  rm -f "$pristine/var/cache/apt/archives/"*.deb
  touch "$pristine/.quartier-complete"
fi

work="$cache/run-root"
mounts=()
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  if [[ -f $work/.server-pid ]]; then kill -9 "$(cat "$work/.server-pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$work"
step "copying the clean root"
cp -a "$pristine" "$work"
mount_bind() { mkdir -p "$work$2"; mount --bind "$1" "$work$2"; mounts+=("$work$2"); }
mount -t proc proc "$work/proc"; mounts+=("$work/proc")
mount_bind /dev /dev
mount_bind "$archives" /var/cache/apt/archives
cp /etc/resolv.conf "$work/etc/resolv.conf" 2>/dev/null || true
in_root() { chroot "$work" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

# 3. apt install ./quartier_*.deb, as the operator does.
step "apt-get install ./$(basename "$deb")"
cp "$deb" "$work/tmp/"
in_root apt-get update -q >"$cache/apt.log" 2>&1 || { tail -n 20 "$cache/apt.log" >&2; fail "apt-get update failed in the chroot"; }
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$cache/apt.log" 2>&1 || {
  tail -n 30 "$cache/apt.log" >&2
  fail "apt-get install of the package failed (log: $cache/apt.log)"
}
grep -q "Next steps" "$cache/apt.log" || fail "the postinst did not tell the operator the next steps"

# 4. What the package put there.
in_root quartier version | grep -q '^quartier ' || fail "quartier does not run in a clean Debian 12 (a missing Depends?)"
pw=$(in_root getent passwd quartier) || fail "no quartier user"
IFS=: read -r _ _ uid _ _ home shell <<<"$pw"
((uid < 1000)) || fail "quartier is not a system user (uid $uid)"
[[ $home == /var/lib/quartier && $shell == /usr/sbin/nologin ]] || fail "quartier user: home $home, shell $shell"
[[ $(in_root stat -c '%U:%G %a' /var/lib/quartier) == "quartier:quartier 750" ]] || fail "/var/lib/quartier: $(in_root stat -c '%U:%G %a' /var/lib/quartier)"
[[ $(in_root stat -c '%U:%G %a' /etc/quartier/quartier.toml) == "root:quartier 640" ]] || fail "/etc/quartier/quartier.toml: $(in_root stat -c '%U:%G %a' /etc/quartier/quartier.toml)"
in_root dpkg-query -W -f='${Conffiles}\n' quartier | grep -q '/etc/quartier/quartier.toml' || fail "/etc/quartier/quartier.toml is not a conffile"
for f in /lib/systemd/system/quartier.service /usr/share/man/man1/quartier.1.gz /usr/share/quartier/web/index.html \
         /usr/lib/quartier/plugins/groups.so /usr/share/doc/quartier/operations.md /usr/share/doc/quartier/copyright; do
  [[ -f $work$f ]] || fail "$f is missing from the package"
done
in_root quartier plugins list --config /etc/quartier/quartier.toml | grep -q groups || fail "quartier plugins list does not show groups"
step "installed: user, folders, conffiles, unit, man page, web UI, plugins"

# 5. The service as the unit runs it, in a network namespace of its own (its 127.0.0.1:8080 is free).
# The operator's first edit: the address residents use (serve refuses an empty public_url).
sed -i 's|^public_url = ""$|public_url = "http://127.0.0.1:8080"|' "$work/etc/quartier/quartier.toml"
printf 'QUARTIER_PLUGINS_ENABLED=groups\n' >>"$work/etc/default/quartier"
QT_ROOT="$work" unshare --net bash "$here/service_check.sh" || fail "the service check failed (above)"
step "service: healthz, readyz, web UI, plugin, admin login kept over restart and SIGKILL"

# 6. Upgrade to a newer version: a locally edited config is kept, the new binary runs.
sed -i 's/^name = "Musterstadt"$/name = "Beispielstadt"/' "$work/etc/quartier/quartier.toml"
upgrade_dir=$(mktemp -d)
dpkg-deb -R "$deb" "$upgrade_dir/pkg"
old_version=$(sed -n 's/^Version: //p' "$upgrade_dir/pkg/DEBIAN/control")
sed -i "s/^Version: .*/Version: ${old_version}+upgradetest1/" "$upgrade_dir/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$upgrade_dir/pkg" "$work/tmp/quartier_upgrade.deb" >/dev/null
rm -rf "$upgrade_dir"
in_root apt-get install -y -q --no-install-recommends /tmp/quartier_upgrade.deb >>"$cache/apt.log" 2>&1 || {
  tail -n 20 "$cache/apt.log" >&2; fail "upgrading the package failed"
}
[[ $(in_root dpkg-query -W -f='${Version}' quartier) == "${old_version}+upgradetest1" ]] || fail "the upgrade did not install"
grep -q '^name = "Beispielstadt"$' "$work/etc/quartier/quartier.toml" || fail "the upgrade replaced the edited config"
[[ $(in_root stat -c '%U:%G %a' /etc/quartier/quartier.toml) == "root:quartier 640" ]] || fail "the upgrade changed the config's owner or mode"
[[ -f $work/var/lib/quartier/quartier.db ]] || fail "the upgrade lost the database"
step "upgrade: edited config kept, data kept"

# 7. Purge: service and config gone, data kept; with QUARTIER_PURGE_DATA=yes the data goes too.
in_root apt-get purge -y -q quartier >"$cache/purge.log" 2>&1 || { cat "$cache/purge.log" >&2; fail "apt-get purge failed"; }
[[ ! -e $work/lib/systemd/system/quartier.service && ! -e $work/usr/bin/quartier ]] || fail "purge left the unit or the binary"
[[ ! -e $work/etc/quartier ]] || fail "purge left /etc/quartier: $(ls -A "$work/etc/quartier")"
[[ -f $work/var/lib/quartier/quartier.db ]] || fail "purge removed the data without QUARTIER_PURGE_DATA=yes"
grep -q "data in /var/lib/quartier was kept" "$cache/purge.log" || fail "purge did not say that the data was kept"
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$cache/apt.log" 2>&1 || fail "reinstalling after purge failed"
[[ -f $work/var/lib/quartier/quartier.db ]] || fail "reinstalling lost the kept data"
chroot "$work" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive QUARTIER_PURGE_DATA=yes \
  apt-get purge -y -q quartier >"$cache/purge.log" 2>&1 || { cat "$cache/purge.log" >&2; fail "apt-get purge failed"; }
[[ ! -e $work/var/lib/quartier ]] || fail "QUARTIER_PURGE_DATA=yes apt purge kept /var/lib/quartier"
step "purge: config and unit removed, data kept unless QUARTIER_PURGE_DATA=yes"

echo "package test: passed ($(basename "$deb"), $(($(date +%s) - started)) s)"
