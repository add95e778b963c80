"""The scenario engine from Python: scenario, prices and uncertainty DataFrames equal the CLI's CSV exactly,
a zero-change scenario is the baseline bit for bit, Monte Carlo draws are pure functions of (seed, draw)."""
import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, import_worldsys, run
from test_package import assert_same_table, cli_frame

DEFAULT = ROOT / "data" / "default"
WAGES = ROOT / "data" / "scenarios" / "southern-wages.yaml"


@pytest.fixture(scope="module")
def ws():
    return import_worldsys()


@pytest.fixture(autouse=True)
def same_blas_threads(ws, monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")  # as test_package: the CLI and the library on one BLAS thread
    with ws.blas_threads(1):
        yield


@pytest.mark.parametrize("kwargs,cli", [
    ({}, []),
    ({"stressors": "labour_compensation", "groups": "world10-north-south"},
     ["--stressor", "labour_compensation", "--groups", "world10-north-south"]),
    ({"prices": True, "groups": "world10-north-south"}, ["--prices", "--groups", "world10-north-south"]),
    ({"prices": True, "by_sector": True, "final_demand": ["CONS_h"]}, ["--prices", "--by-sector", "--final-demand",
                                                                      "CONS_h"]),
])
def test_scenario_frame_is_the_cli_csv(ws, kwargs, cli):
    df = ws.scenario(None, WAGES, **kwargs)
    assert_same_table(df, cli_frame("scenario", WAGES, *cli))
    assert df.equals(ws.scenario(ws.open(DEFAULT), ws.load_scenario(WAGES), **kwargs))  # MRIO + Scenario object
    if not kwargs.get("prices"):
        assert (df["diff"] != 0).any()  # the wage change moves the wage accounts


ZERO = """name: nothing
description: every kind of change, each with no effect
changes:
  - kind: final_demand
    scale: 1.0
  - kind: final_demand
    regions: [USA]
    add: 0
  - kind: technology
    scale: 1
  - kind: intensity
    stressor: labour_hours
    scale: 1
  - kind: wage
    stressor: labour_compensation
    scale: 1
"""


def test_zero_change_scenario_is_the_baseline_exactly(ws):
    base = ws.open(DEFAULT)
    s = ws.parse_scenario(ZERO, "zero.yaml")
    assert s.changes == ["final_demand", "final_demand", "technology", "intensity", "wage"]
    m = ws.apply_scenario(base, s)
    for name in ("Z", "Y", "x", "F", "F_Y"):
        assert np.array_equal(getattr(m, name).to_numpy(), getattr(base, name).to_numpy()), name
    pd_equal = m.footprint().equals(base.footprint())
    assert pd_equal
    df = ws.scenario(base, s)
    assert (df["diff"] == 0).all() and np.array_equal(df.baseline.to_numpy(), df.scenario.to_numpy())


def test_scenario_errors_are_the_cli_errors(ws, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nchanges:\n  - kind: wage\n    regions: Atlantis\n    scale: 2\n")
    p = run("scenario", bad, check=False)
    with pytest.raises(ws.InputError) as e:
        ws.scenario(None, bad)
    assert p.returncode == e.value.exit_code == 2 and p.stderr.strip() == f"worldsys: error: {e.value}"
    assert "bad.yaml:4:14: unknown region 'Atlantis'" in str(e.value)
    with pytest.raises(ws.StoreError, match="cannot open scenario file"):
        ws.load_scenario(tmp_path / "missing.yaml")


@pytest.mark.parametrize("kwargs,cli", [
    ({"in_": "South", "to_level_of": "North", "groups": "world10-north-south"},
     ["--in", "South", "--to-level-of", "North", "--groups", "world10-north-south"]),
    ({"in_": ["CHN"], "scale": 1.1}, ["--in", "CHN", "--scale", "1.1"]),
    ({"in_": "South", "to_level_of": "North", "no_cut": True, "by": "economy", "by_sector": True},
     ["--in", "South", "--to-level-of", "North", "--no-cut", "--by", "economy", "--by-sector"]),
])
def test_price_model_frame_is_the_prices_csv(ws, kwargs, cli):
    assert_same_table(ws.prices(**kwargs), cli_frame("prices", *cli))


def test_prices_needs_one_target(ws):
    with pytest.raises(ws.UsageError, match="exactly one of --to-level-of"):
        ws.prices(in_="CHN")


def test_uncertainty_frame_is_the_cli_csv_and_the_mean_of_perturb(ws):
    df = ws.uncertainty(draws=12, seed=3, sigma=0.05, stressors="labour_hours", drain=True)
    assert_same_table(df, cli_frame("uncertainty", "--draws", 12, "--seed", 3, "--sigma", 0.05, "--stressor",
                                    "labour_hours", "--drain"))
    # the library's perturb gives the draws uncertainty summarises: its cba mean, draw by draw
    base = ws.open(DEFAULT)
    e = ws.ErrorModel(sigma=0.05)
    cba = np.array([ws.perturb(base, e, 3, d).footprint(stressors="labour_hours").cba.to_numpy() for d in range(12)])
    rows = df[df.measure == "cba"].iloc[:cba.shape[1]]
    assert np.allclose(rows["mean"].to_numpy(), cba.mean(axis=0), rtol=1e-12, atol=0)
    assert np.array_equal(rows["p50"].to_numpy(), np.median(cba, axis=0))


def test_uncertainty_solvers_agree(ws, tmp_path):
    # refine (the default: each draw refined on the published table's LU where that pays) and factor (each draw's
    # own LU) give the same intervals; --solves lists how each draw was solved
    args = dict(draws=8, seed=5, sigma=0.1, stressors="labour_hours", drain=True)
    refined, factored = ws.uncertainty(**args), ws.uncertainty(solver="factor", **args)
    for col in ["baseline", "mean", "sd", "p2_5", "p50", "p97_5"]:
        assert np.allclose(refined[col], factored[col], rtol=1e-10, atol=0), col
    run("uncertainty", "--draws", 8, "--solves", tmp_path / "s.csv", "--format", "csv", "--out", tmp_path / "u.csv")
    solves = pd.read_csv(tmp_path / "s.csv")
    assert list(solves.columns) == ["draw", "solver", "iterations", "contraction", "residual"]
    assert list(solves.draw) == list(range(8)) and set(solves.solver) <= {"refined", "factored"}
    with pytest.raises(ws.UsageError, match="unknown solver"):
        ws.uncertainty(draws=2, solver="lu")


def test_perturb_is_a_pure_function_of_seed_and_draw(ws):
    base = ws.open(DEFAULT)
    e = ws.ErrorModel(sigma_Z=0.1, sigma_Y=0.0, sigma_F=0.0)
    a, b, c = ws.perturb(base, e, 7, 2), ws.perturb(base, e, 7, 2), ws.perturb(base, e, 7, 3)
    assert np.array_equal(a.Z.to_numpy(), b.Z.to_numpy()) and not np.array_equal(a.Z.to_numpy(), c.Z.to_numpy())
    assert np.array_equal(a.Y.to_numpy(), base.Y.to_numpy())  # sigma_Y = 0
    Z, Z0 = a.Z.to_numpy(), base.Z.to_numpy()
    assert np.array_equal(Z == 0, Z0 == 0) and np.all(np.sign(Z) == np.sign(Z0))  # zeros stay zero, signs kept
    # rebalanced: x = Z1 + Y1 + the table's own imbalance
    e0 = base.x.indout.to_numpy() - Z0.sum(axis=1) - base.Y.to_numpy().sum(axis=1)
    assert np.allclose(a.x.indout.to_numpy(), Z.sum(axis=1) + base.Y.to_numpy().sum(axis=1) + e0, rtol=1e-12)
    assert np.array_equal(ws.perturb(base, ws.ErrorModel(), 7, 2).Z.to_numpy(), Z0)  # zero model: the table
    import pickle
    e2 = pickle.loads(pickle.dumps(ws.ErrorModel(sigma=0.1, Z_sd=np.abs(Z0) * 0.2)))
    assert e2.sigma_Y == 0.1 and np.array_equal(e2.Z_sd, np.abs(Z0) * 0.2)
    with pytest.raises(ws.UsageError):
        ws.perturb(base, ws.ErrorModel(Z_sd=np.ones((2, 2))), 7, 0)
