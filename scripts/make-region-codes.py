#!/usr/bin/python3
"""Writes data/codes/iso3166.csv (ISO 3166-1 alpha-2, alpha-3 and name) from Debian's iso-codes package.

Run: /usr/bin/python3 scripts/make-region-codes.py   (needs the Debian package iso-codes)
The other files of data/codes/ (aliases.csv, rest-of-world.csv) are written by hand from the releases' own label
sets; see their comments.
"""
import json
import pathlib

SOURCE = pathlib.Path("/usr/share/iso-codes/json/iso_3166-1.json")
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "codes" / "iso3166.csv"

version = "unknown"
for line in pathlib.Path("/var/lib/dpkg/status").read_text().split("\n\nPackage: ")[1:]:
    if line.startswith("iso-codes\n"):
        version = next(l.split(": ", 1)[1] for l in line.splitlines() if l.startswith("Version: "))
rows = sorted(json.loads(SOURCE.read_text())["3166-1"], key=lambda c: c["alpha_3"])
with OUT.open("w", newline="\n") as f:
    f.write("# ISO 3166-1 country codes: alpha-2, alpha-3 and English short name, from Debian's iso-codes package\n")
    f.write(f"# {version} ({SOURCE}); written by scripts/make-region-codes.py. The codes are the ISO standard's;\n")
    f.write("# iso-codes is LGPL-2.1-or-later. Used to read any table's region codes (ISO2 as in EXIOBASE and FIGARO,\n")
    f.write("# ISO3 as elsewhere) as countries, so that one classification serves every release.\n")
    f.write("alpha2,alpha3,name\n")
    for c in rows:
        name = c.get("common_name", c["name"]).replace('"', "'")
        f.write(f'{c["alpha_2"]},{c["alpha_3"]},"{name}"\n' if "," in name else f'{c["alpha_2"]},{c["alpha_3"]},{name}\n')
print(f"wrote {OUT} ({len(rows)} countries)")
