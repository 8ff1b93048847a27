#!/usr/bin/env bash
# Runs the out-of-tree build recipes of plugins/README.md exactly as written there: the plugin
# source, the CMake snippet and the plain cc line are cut out of the README (after their
# "<!-- test: ... -->" markers), built against an installed copy of the header only, and the
# results are checked with `quartier plugins check` and for the C++ runtime.
# Usage: out_of_tree.sh SOURCE_DIR QUARTIER_BINARY WORK_DIR
set -euo pipefail
src="$1"; quartier="$2"; work="$3"
readme="$src/plugins/README.md"
rm -rf "$work"; mkdir -p "$work/prefix/include" "$work/plugin"

# "Install" the header the way `cmake --install` does: only include/quartier.
cp -r "$src/core/include/quartier" "$work/prefix/include/"
export PREFIX="$work/prefix"

# The fenced block that follows a marker line.
block() {
  awk -v marker="$1" '
    index($0, marker) { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$readme"
}

cd "$work/plugin"
block "<!-- test: plugin-source greeter.c -->" > greeter.c
block "<!-- test: cmake-snippet -->" > CMakeLists.txt
block "<!-- test: cc-line -->" > cc-line.sh
for f in greeter.c CMakeLists.txt cc-line.sh; do
  [[ -s "$f" ]] || { echo "could not extract $f from $readme" >&2; exit 1; }
done

echo "== CMake snippet against an installed prefix"
cmake -S . -B build -DQUARTIER_PREFIX="$PREFIX" -DCMAKE_C_FLAGS="-Werror" >/dev/null
cmake --build build
test -f build/greeter.so

echo "== CMake snippet against the source checkout (no prefix)"
cmake -S . -B build-src -DQUARTIER_SOURCE_DIR="$src" -DCMAKE_C_FLAGS="-Werror" >/dev/null
cmake --build build-src
test -f build-src/greeter.so

echo "== CMake snippet without either: a clear error, not a guess"
if out="$(cmake -S . -B build-none 2>&1)"; then echo "configured without a header location" >&2; exit 1; fi
grep -q "quartier/plugin.h not found: pass -DQUARTIER_PREFIX" <<<"$out"

echo "== cc line: $(cat cc-line.sh)"
mkdir -p cc && (cd cc && cp ../greeter.c . && CFLAGS= bash ../cc-line.sh)
test -f cc/greeter.so

for lib in build/greeter.so build-src/greeter.so cc/greeter.so; do
  echo "== plugins check $lib"
  out="$("$quartier" plugins check "$lib")"
  echo "$out"
  grep -q "^accepted: .*plugin 'greeter' 1.0.0" <<<"$out"
  if readelf -d "$lib" | grep NEEDED | grep -Eq 'libstdc\+\+|libgcc_s'; then
    echo "$lib needs the C++ runtime" >&2; exit 1
  fi
  # Only the two entry points are exported (hidden visibility).
  exported="$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^_' | sort | tr '\n' ' ')"
  [[ "$exported" == "quartier_plugin_init quartier_plugin_version " ]] || { echo "unexpected exports: $exported" >&2; exit 1; }
done

# And the server loads it: `plugins list` with it enabled says accepted.
mkdir -p "$work/plugins-dir" && cp build/greeter.so "$work/plugins-dir/"
cat > "$work/q.toml" <<TOML
[plugins]
dir = "$work/plugins-dir"
enabled = ["greeter"]
TOML
"$quartier" --config "$work/q.toml" plugins list | tee "$work/list.txt"
grep -Eq '^greeter +yes +1\.0\.0 +[0-9]+\.[0-9]+ +accepted' "$work/list.txt"
echo "out-of-tree build OK"
