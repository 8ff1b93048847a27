#!/usr/bin/env python3
"""Reads a ZIP with Python's zipfile (an independent reader) and prints it as JSON:
{"bad": first entry with a wrong CRC or null, "entries": [{"name", "dir", "size", "sha256",
"method", "utf8"}]}; the note file's text under "note" when there is one."""
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as z:
    out = {"bad": z.testzip(), "entries": [], "note": None}
    for info in z.infolist():
        data = b"" if info.is_dir() else z.read(info)
        out["entries"].append({
            "name": info.filename,
            "dir": info.is_dir(),
            "size": info.file_size,
            "sha256": hashlib.sha256(data).hexdigest(),
            "method": info.compress_type,
            "utf8": bool(info.flag_bits & 0x800),
        })
        if info.filename.endswith("NICHT ENTHALTEN - NOT INCLUDED.txt"):
            out["note"] = data.decode("utf-8")
    print(json.dumps(out))
