#!/usr/bin/env bash
# The Debian package without installing it (fast, no root): scripts/package --no-build builds it
# from the build tree; then its control data (name, version, architecture, Depends from the
# shared libraries, conffiles), its files and modes, the maintainer scripts (POSIX sh syntax),
# the systemd unit (systemd-analyze verify, exposure score at most 2.0) and the packaged config
# (check-config) are checked. tests/package/install_test.sh installs it into a clean Debian 12.
#
#   tests/package/contents_test.sh BUILD_DIR      (CTest: "package: contents of the .deb")
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/../.." && pwd)
build_dir=$(cd "${1:?usage: contents_test.sh BUILD_DIR}" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps systemd-analyze; do
  command -v "$tool" >/dev/null || fail "$tool is missing; install the Debian packages dpkg-dev and systemd (scripts/test does)"
done

out=$(mktemp -d "${TMPDIR:-/tmp}/quartier-deb-XXXXXX")
trap 'rm -rf "$out"' EXIT
QT_BUILD_DIR="$build_dir" bash "$root_dir/scripts/package" --no-build --output "$out" >"$out/package.log" 2>&1 || {
  cat "$out/package.log" >&2
  fail "scripts/package --no-build failed"
}
deb=$(ls "$out"/quartier_*_*.deb)
version=$("$build_dir/bin/quartier" version | awk '{print $2}')
[[ $(basename "$deb") == "quartier_${version}_$(dpkg --print-architecture).deb" ]] || fail "unexpected file name $(basename "$deb")"

field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == quartier && $(field Version) == "$version" ]] || fail "control: $(field Package) $(field Version)"
depends=$(field Depends)
for lib in libc6 libstdc++6 libsoci-core4.0 libsoci-postgresql4.0 libsoci-sqlite3-4.0 libpq5 libsodium23 libvips42 adduser; do
  grep -q "\b$lib\b" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -Eq 'libboost-json1\.81\.0' <<<"$depends" || fail "Depends lacks Boost.JSON: $depends"

dpkg-deb -e "$deb" "$out/control"
grep -qx /etc/quartier/quartier.toml "$out/control/conffiles" || fail "/etc/quartier/quartier.toml is not a conffile"
for s in postinst prerm postrm; do
  [[ -x $out/control/$s ]] || fail "maintainer script $s missing or not executable"
  sh -n "$out/control/$s" || fail "maintainer script $s is not valid sh"
done
(cd "$out/control" && [[ -s md5sums ]]) || fail "no md5sums"

listing=$(dpkg-deb -c "$deb")
want() { grep -qE "$1" <<<"$listing" || fail "the package lacks $2"; }
want ' root/root .* \./usr/bin/quartier$' "/usr/bin/quartier owned by root"
want '^-rwxr-xr-x .* \./usr/bin/quartier$' "an executable /usr/bin/quartier"
want '\./usr/lib/quartier/plugins/groups\.so$' "the groups plugin"
want '\./usr/lib/quartier/plugins/groups/ui/' "the groups plugin's UI module"
want '\./usr/share/quartier/web/index\.html$' "the web UI"
want '\./usr/share/man/man1/quartier\.1\.gz$' "the man page"
want '\./usr/share/doc/quartier/operations\.md$' "the operator's guide"
want '\./usr/share/doc/quartier/copyright$' "the copyright file"
want '\./usr/share/doc/quartier/examples/nginx-quartier\.conf$' "the nginx sample"
want '\./lib/systemd/system/quartier\.service$' "the systemd unit"
want '^-rw-r----- .* \./etc/quartier/quartier\.toml$' "/etc/quartier/quartier.toml with mode 0640"
want '^-rw-r----- .* \./etc/default/quartier$' "/etc/default/quartier with mode 0640"
grep -q 'hello_c' <<<"$listing" && fail "the authors' sample plugin hello_c is in the package"

dpkg-deb -x "$deb" "$out/root"
# The packaged config is valid and keeps data in /var/lib/quartier.
# As shipped it names the one key an operator must set first (public_url: links in mails).
unset_url=$(QUARTIER_CONFIG="" "$build_dir/bin/quartier" check-config --config "$out/root/etc/quartier/quartier.toml" 2>&1 || true)
grep -q '\[server\] public_url is empty' <<<"$unset_url" || fail "check-config does not ask for public_url in the shipped config: $unset_url"
QUARTIER_CONFIG="" QUARTIER_SERVER_PUBLIC_URL="https://quartier.example.de" "$build_dir/bin/quartier" check-config --config "$out/root/etc/quartier/quartier.toml" |
  grep -q 'database: sqlite:/var/lib/quartier/quartier.db' || fail "the packaged config does not keep the database in /var/lib/quartier"
# The unit: valid, and its hardening score stays where docs/operations.md says.
unit="$out/root/lib/systemd/system/quartier.service"
# (Against the host's systemd: the unit's binary is not installed here, and man(1) may be absent.)
verify=$(systemd-analyze verify "$unit" 2>&1 | grep -v -e "man quartier" -e "is not executable" -e "Command 'man" || true)
[[ -z $verify ]] || fail "systemd-analyze verify: $verify"
score=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | sed -n 's/.*exposure level for quartier.service: \([0-9.]*\).*/\1/p')
[[ -n $score ]] || fail "systemd-analyze security could not score the unit"
awk -v s="$score" 'BEGIN{exit !(s <= 2.0)}' || fail "the unit's exposure level is $score, above 2.0: a hardening line was lost"
grep -q "scores it \*\*$score" "$root_dir/docs/operations.md" ||
  fail "docs/operations.md does not state the unit's current score $score (systemd-analyze security)"
zcat "$out/root/usr/share/man/man1/quartier.1.gz" | grep -q '^\.TH QUARTIER 1' || fail "the man page is not a man page"
echo "package contents: passed ($(basename "$deb"), $(du -h "$deb" | cut -f1), exposure $score)"
