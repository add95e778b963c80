#!/usr/bin/env python3
"""Compares worldsys's consumption-based CO2 (WIOD 2013 + the co2 satellite) with the Global Carbon Project's
published consumption-based CO2 (OWID Dec 2020) per country and year; prints a Markdown report.
A plausibility check, not a calibration: nothing in worldsys is tuned to it.

usage: compare_co2_gcp.py PANEL_DIR OWID_CO2_CSV [WORLDSYS_BIN]
"""
import csv, io, os, statistics, subprocess, sys

panel, owid = sys.argv[1], sys.argv[2]
ws = sys.argv[3] if len(sys.argv) > 3 else "./build/worldsys"
gcp, terr = {}, {}
for r in csv.DictReader(open(owid)):
    if r["consumption_co2"]:
        gcp[(r["iso_code"], int(r["year"]))] = float(r["consumption_co2"])
years = sorted(int(y) for y in os.listdir(panel) if y.isdigit())
rows = []
for y in years:
    out = subprocess.run([ws, "footprint", os.path.join(panel, str(y)), "--stressor", "co2", "--format", "csv"],
                         check=True, capture_output=True, text=True).stdout
    for r in csv.DictReader(io.StringIO(out)):
        iso = "ROU" if r["region"] == "ROM" else r["region"]
        g = gcp.get((iso, y))
        if r["region"] != "RoW" and g:
            rows.append((y, r["region"], float(r["pba"]), float(r["cba"]), g))

print("| year | countries | median abs. diff. | mean diff. | within ±10 % | within ±20 % |")
print("|---|---|---|---|---|---|")
for y in years:
    d = [(c / g - 1) * 100 for yy, _, _, c, g in rows if yy == y]
    print(f"| {y} | {len(d)} | {statistics.median(abs(x) for x in d):.1f} % | {statistics.mean(d):+.1f} % | "
          f"{sum(abs(x) <= 10 for x in d)} | {sum(abs(x) <= 20 for x in d)} |")
last = years[-1]
print(f"\nPer country, {last} (Mt CO2; territorial = GCP, identical in both by construction):\n")
print("| country | territorial | worldsys consumption | GCP consumption | difference |")
print("|---|---|---|---|---|")
for y, reg, p, c, g in sorted((r for r in rows if r[0] == last), key=lambda r: -r[4]):
    print(f"| {reg} | {p:.0f} | {c:.0f} | {g:.0f} | {(c / g - 1) * 100:+.1f} % |")
