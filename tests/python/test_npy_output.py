"""--format npy: the arrays numpy and pandas read without worldsys hold the numbers the CSV prints (issue 20)."""
import io
import json

import numpy as np
import pandas as pd
import pytest

from conftest import run


def frame(d, name):
    """An array of the directory as a DataFrame labelled by rows.csv and columns.csv, with pandas alone."""
    rows = pd.read_csv(d / "rows.csv", keep_default_na=False)
    cols = pd.read_csv(d / "columns.csv", keep_default_na=False)
    values = np.load(d / f"{name}.npy", mmap_mode="r")
    assert values.shape == (len(rows), len(cols)) == tuple(json.loads((d / "arrays.json").read_text())["shape"])
    return pd.DataFrame(np.asarray(values), index=pd.MultiIndex.from_frame(rows),
                        columns=pd.MultiIndex.from_frame(cols))


def csv(*args):
    # round_trip: pandas' default parser can miss the last bit of a shortest-round-trip number
    return pd.read_csv(io.StringIO(run(*args, "--format", "csv").stdout), keep_default_na=False,
                       float_precision="round_trip")


@pytest.mark.parametrize("extra", [[], ["--groups", "world10-north-south"], ["--pba", "model"]])
def test_footprint_by_region(tmp_path, extra):
    d = tmp_path / "fp"
    run("footprint", *extra, "--format", "npy", "--out", d)
    meta = json.loads((d / "arrays.json").read_text())
    assert meta["arrays"] == ["cba", "pba", "imp", "exp", "imbalance"]
    long = csv("footprint", *extra)
    for measure in meta["arrays"]:
        wide = frame(d, measure)
        for r in long.itertuples():
            assert wide.loc[(r.stressor, r.unit), (r.region,)] == getattr(r, measure)


def test_footprint_by_sector_and_its_final_demand_columns(tmp_path):
    d = tmp_path / "fp"
    run("footprint", "--by", "sector", "--format", "npy", "--out", d)
    long = csv("footprint", "--by", "sector")
    cba = frame(d, "cba")
    assert cba.shape == (5, 10 * (8 + 1))  # stressors x regions x (sectors + final demand)
    for r in long.itertuples():
        assert cba.loc[(r.stressor, r.unit), (r.region, r.sector, r.sector_name)] == r.cba
    # Summed over its columns, a region's cba is its footprint by region.
    by_region = csv("footprint")
    for r in by_region.itertuples():
        assert cba.loc[(r.stressor, r.unit)].xs(r.region, level="region").sum() == pytest.approx(r.cba, rel=1e-12)


def test_multipliers_and_flows(tmp_path):
    run("footprint", "--multipliers", "--format", "npy", "--out", tmp_path / "m")
    M = frame(tmp_path / "m", "multipliers")
    for r in csv("footprint", "--multipliers").itertuples():
        assert M.loc[(r.stressor, r.unit), (r.region, r.sector)] == r.multiplier
    run("flows", "--format", "npy", "--out", tmp_path / "f")
    F = frame(tmp_path / "f", "value")
    for r in csv("flows").itertuples():
        assert F.loc[(r.stressor, r.unit, r.origin), (r.destination,)] == r.value


def test_npy_needs_a_directory_and_replaces_only_its_own(tmp_path):
    p = run("footprint", "--format", "npy", check=False)
    assert p.returncode != 0 and "--out DIR" in p.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    p = run("footprint", "--format", "npy", "--out", mine, check=False)
    assert p.returncode != 0 and (mine / "notes.txt").read_text() == "keep me"
    out = tmp_path / "fp"
    run("footprint", "--format", "npy", "--out", out)
    run("footprint", "--stressor", "employment", "--format", "npy", "--out", out)  # its own output: replaced
    assert list(pd.read_csv(out / "rows.csv")["stressor"]) == ["employment"]
