#!/usr/bin/env python3
"""Holds the core's tree to the shape core/README.md draws.

- No include runs upward: platform < domain < web < plugin_host < app (the build's layer views
  refuse such an include too; this says which file and line in one run).
- The domain includes nothing of platform/http: services know no HTTP.
- No folder of core/src holds more than 25 files.
- No function of core/src is longer than 60 lines (Universal Ctags finds where each one ends).

Usage: check_structure.py SOURCE_DIR. Exits 1 and names every offender.
"""
import os
import re
import shutil
import subprocess
import sys

LAYERS = ["platform", "domain", "web", "plugin_host", "app"]
MAX_FILES = 25
MAX_FUNCTION_LINES = 60
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def upward_includes(src):
    problems = []
    for layer in LAYERS:
        rank = LAYERS.index(layer)
        for root, _, files in os.walk(os.path.join(src, layer)):
            for name in files:
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    for n, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target = m.group(1).split("/")[0]
                        where = f"{os.path.relpath(path, src)}:{n}"
                        if target in LAYERS and LAYERS.index(target) > rank:
                            problems.append(f"{where}: {layer} includes {m.group(1)} from the higher layer {target}")
                        if layer == "domain" and m.group(1).startswith("platform/http/"):
                            problems.append(f"{where}: the domain includes {m.group(1)}; services know no HTTP")
    return problems


def crowded_folders(src):
    problems = []
    for root, _, files in os.walk(src):
        if len(files) > MAX_FILES:
            problems.append(f"{os.path.relpath(root, src)}/ holds {len(files)} files (at most {MAX_FILES}): "
                            "split it by concept")
    return problems


def long_functions(src):
    # Debian's universal-ctags installs ctags-universal (and ctags through alternatives).
    ctags = shutil.which("ctags-universal") or shutil.which("ctags")
    if not ctags:
        return ["Universal Ctags is missing: install the Debian package universal-ctags"]
    out = subprocess.run(
        [ctags, "-R", "--languages=C++", "--kinds-C++=f", "--fields=+ne", "-x",
         "--_xformat=%{input}\t%{line}\t%{end}\t%{name}", src],
        check=True, capture_output=True, text=True).stdout
    problems = []
    for row in out.splitlines():
        path, start, end, name = row.split("\t")
        if not end.isdigit():
            continue
        lines = int(end) - int(start) + 1
        if lines > MAX_FUNCTION_LINES:
            problems.append(f"{os.path.relpath(path, src)}:{start}: {name} has {lines} lines "
                            f"(at most {MAX_FUNCTION_LINES}): split it into named steps")
    return problems


def main():
    src = os.path.join(sys.argv[1], "core", "src")
    problems = upward_includes(src) + crowded_folders(src) + long_functions(src)
    for p in problems:
        print(p)
    print(f"{len(problems)} structure problems in {src}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
