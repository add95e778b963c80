#!/usr/bin/env python3
"""Derives data/classification/wb-high-income.csv from the World Bank's historical income classification: one row
per spell of years in which a country was high income (North) or not (South), by the year of the GNI data the
classification was made on (FY t+2 classifies on GNI of year t), so a table of year t is split with the
classification made on year t.

Sources (CC BY 4.0), read in order, a later one winning where both classify a country in a year:
  ../shared/data/classification/wb_income_groups_FY89_FY23_long.csv  FY1989-FY2023 (GNI 1987-2021), incl. former
                                                                     economies (Netherlands Antilles, USSR ...)
  ../shared/data/classification/pip_CLASS_2024/CLASS.csv          PIP's CLASS table, FY1989-FY2025 (GNI 1987-2023)

usage: python3 scripts/make-classifications.py ../shared/data/classification/wb_income_groups_FY89_FY23_long.csv \
           ../shared/data/classification/pip_CLASS_2024/CLASS.csv
"""
import csv, sys
from collections import defaultdict

status = defaultdict(dict)
for r in (r for src in sys.argv[1:] for r in csv.DictReader(open(src, newline=""))):
    if "incgroup_historical" in r:  # PIP's CLASS table
        iso, year, group = r["code"], r["year_data"], r["incgroup_historical"]
        high = group == "High income"
    else:
        iso, year, group = r["iso3"], r["gni_data_year"], r["income_group"]
        high = group == "H"
    if group:
        status[iso][int(year)] = "North" if high else "South"
first = min(min(y) for y in status.values())
last = max(max(y) for y in status.values())
out = open("data/classification/wb-high-income.csv", "w")
out.write(f"""# World Bank high income (North) vs the rest (South), year by year: the classification made on GNI per capita of
# the table's year (fiscal year = year + 2), {first}-{last}, from the World Bank's historical classification
# (../shared/data/classification: wb_income_groups_FY89_FY23_long.csv and pip_CLASS_2024, CC BY 4.0) via
# scripts/make-classifications.py (Taiwan, China is in that table as high income). Countries not classified in a
# year, and mixed regions such as RoW, fall to '*' = South (most of their people live in low- and middle-income
# countries); `worldsys drain --row` changes RoW. Years outside {first}-{last} are an error.
member,group,from,to
""")
for iso in sorted(status):
    years = sorted(status[iso])
    start = prev = years[0]
    for y in years[1:] + [None]:
        if y is None or y != prev + 1 or status[iso][y] != status[iso][start]:
            out.write(f"{iso},{status[iso][start]},{start},{prev}\n")
            if y is not None:
                start = y
        if y is not None:
            prev = y
out.write(f"*,South,{first},{last}\n")
