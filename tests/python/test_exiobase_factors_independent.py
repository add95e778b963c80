"""EXIOBASE 3 at its 49 regions with its real row names: the canonical factors and `worldsys drain STORE` with no
options (IMF advanced economies of the table's year on ISO2 codes, rest-of-world regions in the South, labour
hours valued at Northern value added) against numpy from the store's .npy files and the built-in lists read here."""
import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run

DATA = ROOT / "data"
REST_OF_WORLD = {"WA", "WL", "WE", "WF", "WM"}


@pytest.fixture(scope="module", params=["3.8", "3.9"])
def exio(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("exio" + request.param)
    run("fixture", "exiobase3", "--variant", request.param, "--regions", 49, "--sectors", 8, "--year", 2019,
        "--out", d / "fx")
    run("import", "exiobase3", d / "fx" / "IOT_2019_pxp.zip", "--out", d / "st")
    return d / "st"


def load(store):
    meta = json.loads((store / "meta.json").read_text())
    return meta, {k: np.load(store / f"{k}.npy") for k in ("Z", "Y", "x", "F", "F_Y")}


def row(meta, F, name):
    return F[[s["name"] for s in meta["stressors"]].index(name)]


class Dense:
    """The store's flows by a dense solve: X = (I - A)^-1 Y by region; flows(f) is origin x consumer for row f."""

    def __init__(self, store):
        self.meta, self.m = load(store)
        self.R, self.S = len(self.meta["regions"]), len(self.meta["sectors"])
        K, n, x = len(self.meta["final_demand_categories"]), self.R * self.S, self.m["x"]
        self.inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
        self.X = np.linalg.solve(np.eye(n) - self.m["Z"] * self.inv_x[None, :],
                                 self.m["Y"].reshape(n, self.R, K).sum(axis=2))

    def row(self, name):
        return row(self.meta, self.m["F"], name)

    def flows(self, name):
        return ((self.row(name) * self.inv_x)[:, None] * self.X).reshape(self.R, self.S, self.R).sum(axis=1)


def test_factors_are_the_sums_of_the_release_rows(exio):
    meta, m = load(exio)
    names = [s["name"] for s in meta["stressors"]]
    units = {s["name"]: s["unit"] for s in meta["stressors"]}
    hours = [n for n in names if n.startswith("Employment hours: ")]
    assert len(hours) == 6
    for F in (m["F"], m["F_Y"]):
        assert np.allclose(row(meta, F, "labour_hours"), sum(row(meta, F, h) for h in hours), rtol=1e-15)
        low = [h for h in hours if "Low-skilled" in h]
        assert np.allclose(row(meta, F, "labour_hours_low"), sum(row(meta, F, h) for h in low), rtol=1e-15)
        va = [n for n in names if n.startswith(("Compensation of employees", "Operating surplus"))]
        va.append("Other net taxes on production")
        assert np.allclose(row(meta, F, "value_added"), sum(row(meta, F, v) for v in va), rtol=1e-15)
        # Fossil and process CO2 in Mt; the biogenic waste row left out.
        co2 = row(meta, F, "CO2 - combustion - air") + row(meta, F, "CO2 - non combustion - Cement production - air")
        assert np.allclose(row(meta, F, "co2"), co2 * 1e-9, rtol=1e-15)
        # Characterised with AR6 GWP100: fossil CH4 29.8, agricultural CH4 27.0, N2O 273.
        ghg = co2 + 29.8 * row(meta, F, "CH4 - combustion - air") + 27.0 * row(meta, F, "CH4 - agriculture - air") \
            + 273 * row(meta, F, "N2O - agriculture - air")
        assert np.allclose(row(meta, F, "ghg_gwp100"), ghg * 1e-9, rtol=1e-14)
        ar5 = co2 + 28 * (row(meta, F, "CH4 - combustion - air") + row(meta, F, "CH4 - agriculture - air")) \
            + 265 * row(meta, F, "N2O - agriculture - air")
        assert np.allclose(row(meta, F, "ghg_gwp100_ar5"), ar5 * 1e-9, rtol=1e-14)
    assert units["labour_hours"] == "M h" and units["co2"] == "Mt CO2" and units["value_added"] == "M.EUR"
    # Every built-in factor is made: the fixture writes a row of each (3.9+ ships no impacts: no CML 2001 total).
    made = {s["name"] for s in meta["stressors"] if s.get("note", "").startswith("canonical factor")}
    rules = pd.read_csv(DATA / "factors" / "exiobase3.csv", comment="#")
    cml = "ghg_gwp100_cml2001"
    published = set(rules.factor) - (set() if any(n.startswith("GHG emissions") for n in names) else {cml})
    assert published == made


def imf_north(year):
    """The IMF advanced economies of `year`, as ISO2 codes, from the built-in list and ISO 3166 table."""
    iso2 = {r["alpha3"]: r["alpha2"] for r in csv.DictReader(
        line for line in open(DATA / "codes" / "iso3166.csv") if not line.startswith("#"))}
    imf = pd.read_csv(DATA / "classification" / "imf-advanced.csv", comment="#")
    imf = imf[(imf.member != "*") & (imf["from"] <= year) & (imf["to"].fillna(9999) >= year)]
    return {iso2[a3] for a3 in imf.member}


@pytest.mark.parametrize("rest_side", [None, "none", "north"])
def test_drain_with_no_options_matches_numpy(exio, rest_side):
    d = Dense(exio)
    regions = d.meta["regions"]
    north_codes = imf_north(2019)
    assert {"AT", "US", "JP", "KR", "TW", "CH", "NO"} <= north_codes and "CN" not in north_codes
    north = np.array([r in north_codes for r in regions])
    south = ~north
    rest = np.array([r in REST_OF_WORLD for r in regions])
    assert rest.sum() == 5
    if rest_side == "none":
        south &= ~rest
    elif rest_side == "north":
        north |= rest
        south &= ~rest
    H, V = d.flows("labour_hours"), d.flows("value_added")
    e_sn, e_ns = H[np.ix_(south, north)].sum(), H[np.ix_(north, south)].sum()
    v_ns = V[np.ix_(north, south)].sum()
    args = ["drain", exio, "--format", "csv"] + ([] if rest_side is None else ["--row", rest_side])
    t = pd.read_csv(io.StringIO(run(*args).stdout)).set_index("measure")
    assert set(t.groups) == {"imf-advanced@2019"} and set(t.factor) == {"labour_hours"}
    v = t["value"]
    assert v["embodied_south_to_north"] == pytest.approx(e_sn, rel=1e-9)
    assert v["embodied_north_to_south"] == pytest.approx(e_ns, rel=1e-9)
    assert v["drain"] == pytest.approx((e_sn - e_ns) * v_ns / e_ns, rel=1e-9)
    assert t.loc["drain", "unit"] == "M.EUR"


def test_skill_split_wage_gap_matches_numpy(exio):
    """Hickel, Hanbury Lemos & Barbour 2024: each skill class's net hours at the North's wage per hour of that class."""
    d = Dense(exio)
    north = np.array([r in imf_north(2019) for r in d.meta["regions"]])
    south, by_sector = ~north, np.repeat(north, d.S)
    t = pd.read_csv(io.StringIO(run("drain", exio, "--valuation", "wage-gap", "--skill", "--format", "csv").stdout))
    total = 0.0
    for skill in ("low", "medium", "high"):
        hours, wages = d.row(f"labour_hours_{skill}"), d.row(f"labour_compensation_{skill}")
        H = d.flows(f"labour_hours_{skill}")
        net = H[np.ix_(south, north)].sum() - H[np.ix_(north, south)].sum()
        w_n, w_s = wages[by_sector].sum() / hours[by_sector].sum(), wages[~by_sector].sum() / hours[~by_sector].sum()
        got = t[t.factor == f"labour_hours_{skill}"].set_index("measure")["value"]
        assert got["net_appropriation"] == pytest.approx(net, rel=1e-9)
        assert got["wage_gap"] == pytest.approx(1 - w_s / w_n, rel=1e-9)
        assert got["drain"] == pytest.approx(net * w_n, rel=1e-9)
        total += net * w_n
    got = t[t.factor == "labour_hours (sum over skills)"].set_index("measure")["value"]
    assert got["drain"] == pytest.approx(total, rel=1e-9)


def test_several_factors_side_by_side_and_combined(exio):
    """Hickel et al. 2022's four factors from one factorization equal four single runs; --combine adds one figure."""
    factors = ["materials", "land", "energy", "labour_hours"]

    def drains(*args):
        t = pd.read_csv(io.StringIO(run("drain", exio, *args, "--format", "csv").stdout))
        return t[t.measure.str.startswith("drain")].set_index(["factor", "measure"])["value"]

    alone = {f: drains("--factor", f)[(f, "drain")] for f in factors}
    together = drains("--factor", ",".join(factors))
    for f in factors:
        assert together[(f, "drain")] == pytest.approx(alone[f], rel=1e-12)
    assert len(together) == 4  # no combined figure by default
    joined = "+".join(factors)
    assert drains("--factor", ",".join(factors), "--combine", "sum")[(joined, "drain_sum")] == pytest.approx(
        sum(alone.values()), rel=1e-12)
    assert drains("--factor", ",".join(factors), "--combine", "equal-shares")[(joined, "drain_equal_shares")] == \
        pytest.approx(sum(alone.values()) / 4, rel=1e-12)


def test_eora26_factors_are_the_sums_of_its_q_rows(tmp_path):
    """Eora26's real labels_Q names (env impact - compartment, unit from the parentheses) into canonical factors."""
    run("fixture", "eora26", "--regions", 10, "--sectors", 3, "--year", 2015, "--out", tmp_path / "fx")  # AUS: North
    run("import", "eora26", tmp_path / "fx" / "Eora26_2015_bp.zip", "--out", tmp_path / "st")
    meta, m = load(tmp_path / "st")
    names = [s["name"] for s in meta["stressors"]]

    def total(prefix, weight=1.0):
        return weight * sum(row(meta, m["F"], n) for n in names if n.startswith(prefix))

    assert np.allclose(row(meta, m["F"], "co2"), total("I-GHG-CO2 emissions - ", 1e-3), rtol=1e-15)
    assert np.allclose(row(meta, m["F"], "energy"), total("Energy Usage - "), rtol=1e-15)
    assert np.allclose(row(meta, m["F"], "land"),
                       total("Total cropland area", 10) + total("Total pasture area, per animal", 10), rtol=1e-15)
    assert np.allclose(row(meta, m["F"], "materials"), total("Raw material inputs, total ", 1e-3), rtol=1e-15)
    assert np.allclose(row(meta, m["F"], "labour_compensation"), row(meta, m["F"], "Compensation of employees D.1"))
    t = pd.read_csv(io.StringIO(run("drain", tmp_path / "st", "--factor", "materials,land,energy,co2",
                                    "--format", "csv").stdout))
    assert set(t.factor) == {"materials", "land", "energy", "co2"} and set(t.groups) == {"imf-advanced@2015"}


@pytest.mark.parametrize("fmt,parts", [
    ("oecd-icio", {"value_added": ["VA"], "value_added_incl_product_taxes": ["VA", "TLS"]}),
    ("figaro", {"value_added": ["W2_D1", "W2_D29X39", "W2_B2A3G"], "labour_compensation": ["W2_D1"]}),
    ("gloria", {"value_added": ["Compensation of employees D.1", "Taxes on production D.29",
                                "Subsidies on production D.39", "Net operating surplus B.2n", "Net mixed income B.3n",
                                "Consumption of fixed capital K.1"],
                "ghg_gwp100": [(1e-3, "Emissions (EDGAR) - 'GHG_total_EDGAR_consistent'")]}),
])
def test_other_releases_value_added_and_satellites(fmt, parts, tmp_path):
    run("fixture", fmt, "--regions", 3, "--sectors", 3, "--out", tmp_path / "fx")
    source = tmp_path / "fx" if fmt == "gloria" else next((tmp_path / "fx").iterdir())  # GLORIA: a folder of three
    run("import", fmt, source, "--year", 2022, "--out", tmp_path / "st")
    meta, m = load(tmp_path / "st")
    for factor, rows in parts.items():
        rows = [r if isinstance(r, tuple) else (1.0, r) for r in rows]
        want = sum(w * row(meta, m["F"], r) for w, r in rows)
        assert np.allclose(row(meta, m["F"], factor), want, rtol=1e-15), factor
