#!/usr/bin/env python3
"""Derives data/classification/wb-high-income.csv from the World Bank's historical income classification
(../shared/data/classification/wb_income_groups_FY89_FY23_long.csv, CC BY 4.0): one row per spell of years in
which a country was high income (North) or not (South), by the year of the GNI data the classification was made on
(FY t+2 classifies on GNI of year t), so a table of year t is split with the classification made on year t.

usage: python3 scripts/make-classifications.py ../shared/data/classification/wb_income_groups_FY89_FY23_long.csv
"""
import csv, sys
from collections import defaultdict

src = sys.argv[1]
status = defaultdict(dict)
for r in csv.DictReader(open(src, newline="")):
    if r["income_group"]:
        status[r["iso3"]][int(r["gni_data_year"])] = "North" if r["income_group"] == "H" else "South"
out = open("data/classification/wb-high-income.csv", "w")
out.write("""# World Bank high income (North) vs the rest (South), year by year: the classification made on GNI per capita of
# the table's year (fiscal year = year + 2), 1987-2021, from the World Bank's historical classification
# (CC BY 4.0) via scripts/make-classifications.py (Taiwan, China is in that table as high income). Countries not
# classified in a year, and mixed regions such as RoW, fall to '*' = South (most of their people live in low-
# and middle-income countries); `worldsys drain --row` changes RoW. Years outside 1987-2021 are an error.
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
out.write("*,South,1987,2021\n")
