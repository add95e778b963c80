"""Unequal exchange against an independent numpy/pandas computation: the SEA satellite from the raw SEA file, and
the drain figures from the store's .npy files with a dense Leontief inverse."""
import io
import json
import pathlib

import numpy as np
import pandas as pd
import pytest

from conftest import SHARED, run

PWT91 = pathlib.Path("/usr/lib/R/site-library/pwt9/data/Rdata.rdx")


@pytest.fixture(scope="module")
def sea2011(tmp_path_factory):
    for sub in ("mrio/wiod2013", "mrio/wiod2016"):
        if not (SHARED / sub).exists():
            pytest.skip(f"real data not found at {SHARED / sub}")
    if not PWT91.exists():
        pytest.skip("PWT 9.1 not installed (apt-get install r-cran-pwt9)")
    out = tmp_path_factory.mktemp("stores") / "sea2011"
    run("import", "wiod2013", SHARED / "mrio/wiod2013", "--year", 2011, "--satellites", "sea", "--out", out)
    return out


def load(store):
    meta = json.loads((store / "meta.json").read_text())
    return meta, {k: np.load(store / f"{k}.npy") for k in ("Z", "Y", "x", "F")}


def test_persons_and_compensation_match_the_raw_sea(sea2011):
    meta, m = load(sea2011)
    names = [s["name"] for s in meta["stressors"]]
    R, S = len(meta["regions"]), len(meta["sectors"])
    sea = pd.read_csv(SHARED / "mrio/wiod2016/WIOD_SEA_Nov16_long.csv.gz")
    sea = sea[sea.year == 2011]
    emp = m["F"][names.index("employment")].reshape(R, S).sum(axis=1)
    comp = m["F"][names.index("labour_compensation")].reshape(R, S).sum(axis=1)
    for r, reg in enumerate(meta["regions"]):
        if reg in ("RoW", "TWN"):  # RoW from PWT; Taiwan converted with PWT's xr (flagged)
            continue
        c = sea[sea.country == ("ROU" if reg == "ROM" else reg)]
        assert emp[r] == pytest.approx(c.EMP.sum(), rel=1e-9), reg
        assert comp[r] == pytest.approx((c.LAB / c.NOMEXCH).sum(), rel=1e-9), reg


def test_drain_matches_a_dense_reference(sea2011):
    meta, m = load(sea2011)
    names = [s["name"] for s in meta["stressors"]]
    regions = meta["regions"]
    R, S, K = len(regions), len(meta["sectors"]), len(meta["final_demand_categories"])
    n = R * S
    x = m["x"]
    inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    L = np.linalg.inv(np.eye(n) - m["Z"] * inv_x[None, :])
    X = L @ m["Y"].reshape(n, R, K).sum(axis=2)

    def flows(name):
        return ((m["F"][names.index(name)] * inv_x)[:, None] * X).reshape(R, S, R).sum(axis=1)

    groups = pd.read_csv(pathlib.Path(__file__).parents[2] / "data/groups/wiod-north-south.csv", comment="#")
    north = np.array([r in set(groups[groups.group == "North"].region) for r in regions])
    south = ~north  # '*' = South, RoW included
    H, V = flows("labour_hours"), flows("value_added")
    e_sn, e_ns = H[np.ix_(south, north)].sum(), H[np.ix_(north, south)].sum()
    v_ns = V[np.ix_(north, south)].sum()
    out = run("drain", sea2011, "--groups", "wiod-north-south", "--valuation", "northern-prices", "--format", "csv")
    t = pd.read_csv(io.StringIO(out.stdout)).set_index("measure")["value"]
    assert t["embodied_south_to_north"] == pytest.approx(e_sn, rel=1e-8)
    assert t["embodied_north_to_south"] == pytest.approx(e_ns, rel=1e-8)
    assert t["drain"] == pytest.approx((e_sn - e_ns) * v_ns / e_ns, rel=1e-8)
