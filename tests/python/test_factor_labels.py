"""The built-in factor concordances against the releases' own label sets in ../shared: every row pattern must name
rows the release prints, so a typo or an invented name cannot hide behind fixtures that copy it."""
import csv
import fnmatch
import glob

import pytest

from conftest import ROOT, SHARED

FORMATS = SHARED.parent / "formats" / "real-labels"

# Rows the EXIOBASE label sets here do not show (the 2019 satellite samples hold top values only; impacts are not
# sampled): kept in the concordance, listed in docs/methods/factors.md as not checked against a real file.
EXIOBASE_UNSEEN = {"SF6 - air", "GHG emissions (GWP100) | Problem oriented approach: baseline (CML, 2001)",
                   "Domestic Extraction Used - Fodder crops - *"}
# Eora26's value-added rows come from labels_VA.txt, not from the Q labels checked here.
EORA_VA = {"Compensation of employees D.1", "Taxes on production D.29", "Subsidies on production D.39",
           "Net operating surplus B.2n", "Net mixed income B.3n", "Consumption of fixed capital K.1"}


def rules(name):
    with open(ROOT / "data" / "factors" / f"{name}.csv") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def unmatched(rows, names):
    return sorted({r["rows"] for r in rows if not any(fnmatch.fnmatchcase(n, r["rows"]) for n in names)})


def test_exiobase3_rows_are_the_release_names():
    samples = glob.glob(str(SHARED / "mrio/exiobase3_derived/satellite_F_samples_2019/*.csv"))
    classification = glob.glob(str(FORMATS / "exiobase3/pymrio_classification/*/*.tsv"))
    if not samples or not classification:
        pytest.skip(f"EXIOBASE label sets not found under {SHARED} and {FORMATS}")
    names = set()
    for f in samples:
        names |= {r["factor_name"] for r in csv.DictReader(open(f))}
    for f in classification:
        for line in open(f, errors="replace"):
            names |= set(line.rstrip("\n").split("\t"))
    assert unmatched(rules("exiobase3"), names) == sorted(EXIOBASE_UNSEEN)


def test_eora26_rows_are_the_2720_q_labels():
    tsv = FORMATS / "eora26/labels_Q_via_DvP17_mrio/eora26_Q_labels_2720.tsv"
    if not tsv.exists():
        pytest.skip(f"Eora26 Q labels not found at {tsv}")
    with open(tsv) as f:
        names = [f"{impact} - {compartment}" for impact, compartment, _ in list(csv.reader(f, delimiter="\t"))[1:]]
    assert len(names) == 2720
    q_rules = [r for r in rules("eora26") if r["rows"] not in EORA_VA]
    assert unmatched(q_rules, names) == []


def gloria_satellites(xlsx):
    """'Sat_head_indicator - Sat_indicator' of every row of the ReadMe's Satellites sheet (read as XML)."""
    import re
    import zipfile

    with zipfile.ZipFile(xlsx) as z:
        shared = [''.join(re.findall(r"<t[^>]*>([^<]*)</t>", si))
                  for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
        for sheet in (n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
            rows = {}
            for col, row, attrs, inner in re.findall(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)',
                                                     z.read(sheet).decode(), re.S):
                v = re.search(r"<v>([^<]*)</v>", inner or "")
                if v:
                    rows.setdefault(int(row), {})[col] = shared[int(v.group(1))] if 't="s"' in attrs else v.group(1)
            if rows.get(1, {}).get("B") == "Sat_head_indicator":
                return [f"{r['B']} - {r['C']}" for k, r in sorted(rows.items()) if k > 1 and "B" in r and "C" in r]
    return []


def test_gloria_rows_are_the_readme_satellites():
    xlsx = FORMATS / "gloria/GLORIA_ReadMe_059.xlsx"
    if not xlsx.exists():
        pytest.skip(f"GLORIA ReadMe not found at {xlsx}")
    names = gloria_satellites(xlsx)
    assert len(names) == 5982
    q_rules = [r for r in rules("gloria") if r["rows"] not in EORA_VA]  # the same six value-added rows
    assert unmatched(q_rules, names) == []
