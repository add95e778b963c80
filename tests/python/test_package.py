"""The Python package: store -> DataFrame views, results identical to the CLI's CSV, pymrio round trip, errors."""
import io
import shutil

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, SHARED, import_worldsys, run

DEFAULT = ROOT / "data" / "default"


@pytest.fixture(scope="module")
def ws():
    return import_worldsys()


@pytest.fixture(autouse=True)
def same_blas_threads(ws, monkeypatch):
    """The library in this process and the CLI subprocess on the same BLAS thread count (one): multi-threaded BLAS
    adds in another order, and the last bits are compared here. (Importing distributed may also have set
    OPENBLAS_NUM_THREADS in this process's environment, which the CLI inherits.)"""
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    with ws.blas_threads(1):
        yield


def cli_frame(*args):
    """The CLI's CSV as a DataFrame: text stays text (no NaN for empty cells), numbers parsed exactly."""
    return pd.read_csv(io.StringIO(run(*args, "--format", "csv").stdout), keep_default_na=False, dtype=str)


def assert_same_table(df, csv):
    """Same columns in the same order, same text, numbers equal exactly (the CSV writes round-trip numbers)."""
    assert list(df.columns) == list(csv.columns)
    assert len(df) == len(csv)
    for c in df.columns:
        if df[c].dtype == object:
            assert list(df[c]) == list(csv[c]), c
        else:  # Python's float() reads the shortest round-trip text back to the same double
            got, want = df[c].to_numpy(float), np.array([float(v) if v else np.nan for v in csv[c]])
            assert np.array_equal(got, want, equal_nan=True), (c, np.nanmax(np.abs(got - want)))


def test_open_gives_zero_copy_read_only_frames(ws):
    w = ws.open(DEFAULT)
    meta = __import__("json").loads((DEFAULT / "meta.json").read_text())
    Z = np.load(DEFAULT / "Z.npy")
    assert w.Z.index.names == ["region", "sector"] and w.Z.columns.names == ["region", "sector"]
    assert list(w.Z.index.get_level_values(0).unique()) == meta["regions"]
    assert np.array_equal(w.Z.to_numpy(), Z)
    assert np.array_equal(w.x["indout"].to_numpy(), np.load(DEFAULT / "x.npy"))
    assert np.array_equal(w.F.to_numpy(), np.load(DEFAULT / "F.npy"))
    assert list(w.F.index) == [s["name"] for s in meta["stressors"]]
    assert w.Y.columns.names == ["region", "category"]
    # views of the C++ buffers, not copies; and nobody can write through them
    core_Z = w._core.Z
    assert np.shares_memory(w.Z.to_numpy(), core_Z) and np.shares_memory(w.Y.to_numpy(), w._core.Y)
    assert np.shares_memory(w.x.to_numpy(), w._core.x)
    assert not core_Z.flags.writeable and core_Z.flags.f_contiguous
    with pytest.raises(ValueError):
        core_Z[0, 0] = 1.0
    # the view keeps the table alive after the MRIO object is gone
    del w
    assert np.array_equal(core_Z, Z)


def test_A_is_Z_over_x(ws):
    w = ws.open(DEFAULT)
    x = np.load(DEFAULT / "x.npy")
    want = np.load(DEFAULT / "Z.npy") * np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)[None, :]
    assert np.allclose(w.A.to_numpy(), want, rtol=1e-15, atol=0)
    assert not np.shares_memory(w.A.to_numpy(), w._core.Z)


@pytest.mark.parametrize("kwargs,cli", [
    ({}, []),
    ({"by": "sector"}, ["--by", "sector"]),
    ({"groups": "world10-north-south", "stressors": ["value_added", "labour_hours"]},
     ["--groups", "world10-north-south", "--stressor", "value_added", "--stressor", "labour_hours"]),
    ({"multipliers": True, "stressors": "labour_hours"}, ["--multipliers", "--stressor", "labour_hours"]),
    ({"precision": "mixed"}, ["--precision", "mixed"]),
])
def test_footprint_equals_cli_csv(ws, kwargs, cli):
    assert_same_table(ws.open(DEFAULT).footprint(**kwargs), cli_frame("footprint", DEFAULT, *cli))


@pytest.mark.parametrize("kwargs,cli", [
    ({}, []),
    ({"groups": "world10-north-south", "stressors": "value_added"},
     ["--groups", "world10-north-south", "--stressor", "value_added"]),
])
def test_flows_equals_cli_csv(ws, kwargs, cli):
    assert_same_table(ws.flows(DEFAULT, **kwargs), cli_frame("flows", DEFAULT, *cli))


@pytest.mark.parametrize("kwargs,cli", [
    ({}, []),
    ({"valuation": "all", "by": "region"}, ["--valuation", "all", "--by", "region"]),
    ({"valuation": ["wage-gap", "global-prices"], "definition": "underpayment"},
     ["--valuation", "wage-gap,global-prices", "--definition", "underpayment"]),
])
def test_drain_equals_cli_csv(ws, kwargs, cli):
    assert_same_table(ws.drain(DEFAULT, **kwargs), cli_frame("drain", DEFAULT, *cli))
    # the same on the table in memory
    assert_same_table(ws.open(DEFAULT).drain(**kwargs), cli_frame("drain", DEFAULT, *cli))


@pytest.fixture(scope="module")
def distribution_stores(tmp_path_factory):
    src = {"pip11": ("pip2011", SHARED / "poverty" / "pip_2011ppp"),
           "lm": ("lakner-milanovic", SHARED / "poverty" / "lakner_milanovic"),
           "mad": ("maddison", SHARED / "gdp" / "maddison_2020_owid")}
    missing = [str(p) for _, p in src.values() if not p.exists()]
    if missing:
        pytest.skip(f"real distribution data not found at {', '.join(missing)}")
    d = tmp_path_factory.mktemp("distributions")
    for name, (fmt, path) in src.items():
        run("import", fmt, path, "--out", d / name)
    return d


@pytest.mark.parametrize("kwargs,cli", [
    ({"line": 1.9, "year": 2011}, ["--line", "1.9", "--year", "2011"]),
    ({"line": 3.2, "year": (2000, 2005), "by": "region"}, ["--line", "3.2", "--year", "2000-2005", "--by", "region"]),
    ({"line": 2.5, "year": 2010, "by": "country", "coverage": "lineup", "method": "beta"},
     ["--line", "2.5", "--year", "2010", "--by", "country", "--coverage", "lineup", "--method", "beta"]),
])
def test_poverty_equals_cli_csv(ws, distribution_stores, kwargs, cli):
    store = distribution_stores / "pip11"
    assert_same_table(ws.poverty(store, **kwargs), cli_frame("poverty", store, *cli))


@pytest.mark.parametrize("kwargs,cli", [
    ({"line": [3, 4.2, 8.3], "year": 2024}, ["--line", "3,4.2,8.3", "--year", "2024"]),
    ({"share": 0.5, "year": 2024, "by": "region"}, ["--share", "0.5", "--year", "2024", "--by", "region"]),
    ({"line": 3, "year": 2024, "by": "country", "country": ["NGA", "AFG"], "impute": False},
     ["--line", "3", "--year", "2024", "--by", "country", "--country", "NGA,AFG", "--no-impute"]),
])
def test_poverty_pip2021_equals_cli_csv(ws, kwargs, cli):
    got = ws.poverty("pip2021", **kwargs)
    assert_same_table(got, cli_frame("poverty", "pip2021", *cli))
    assert got["reporting_year"].dtype.kind == "i"  # years are integers, not 2024.0


def test_inequality_tabulation_equals_cli_csv(ws):
    f = SHARED / "poverty" / "tabulations" / "us2010_labour_income.csv"
    if not f.exists():
        pytest.skip(f"real data not found at {f}")
    assert_same_table(ws.inequality(tabulation=f, fractiles=[0.25, 0.9, 0.99, 0.999]),
                      cli_frame("inequality", "--tabulation", f, "--fractiles", "0.25,0.9,0.99,0.999"))


def test_poverty_grouped_equals_cli_csv(ws):
    f = SHARED / "poverty" / "grouped" / "pip_calculator_example.csv"
    if not f.exists():
        pytest.skip(f"real data not found at {f}")
    assert_same_table(ws.poverty(grouped=f, mean=51.56, line=57.79),
                      cli_frame("poverty", "--grouped", f, "--mean", "51.56", "--line", "57.79"))


@pytest.mark.parametrize("kwargs,cli", [
    ({"year": 2008, "decompose": True}, ["--year", "2008", "--decompose"]),
    ({"by": "region"}, ["--by", "region"]),
])
def test_inequality_equals_cli_csv(ws, distribution_stores, kwargs, cli):
    store = distribution_stores / "lm"
    assert_same_table(ws.inequality(store, **kwargs), cli_frame("inequality", store, *cli))


@pytest.mark.parametrize("kwargs,cli", [
    ({}, []),
    ({"weights": "none", "trend": True}, ["--weights", "none", "--trend"]),
    ({"fixed": True, "balanced": True, "share": 0.2}, ["--fixed", "--balanced", "--share", "0.2"]),
])
def test_gap_equals_cli_csv(ws, distribution_stores, kwargs, cli):
    store = distribution_stores / "mad"
    assert_same_table(ws.gap(store, 1960, 2018, **kwargs),
                      cli_frame("gap", store, "--from", "1960", "--to", "2018", *cli))


def test_real_wiod_footprint_equals_cli(ws, wiod2011):
    assert_same_table(ws.footprint(wiod2011, stressors="value_added"),
                      cli_frame("footprint", wiod2011, "--stressor", "value_added"))


def test_pymrio_round_trip(ws, tmp_path):
    w = ws.open(DEFAULT)
    p = w.to_pymrio()
    assert p.Z is not None and p.satellites.F.shape == w.F.shape
    back = ws.from_pymrio(p, year=2011)
    for name in ("Z", "Y", "x", "F", "F_Y"):
        assert getattr(back, name).equals(getattr(w, name)), name
    assert [s["unit"] for s in back.stressors] == [s["unit"] for s in w.stressors]
    # a plain dict as pymrio users build it, and a store written from it gives the same footprints
    d = {"Z": w.Z.copy(), "Y": w.Y.copy(), "x": w.x["indout"].copy(), "unit": w.unit,
         "extensions": {"sat": {"F": w.F.copy(), "F_Y": w.F_Y.copy(), "unit": p.satellites.unit}}}
    m = ws.from_pymrio(d, year=2011)
    m.save(tmp_path / "copy")
    assert_same_table(ws.footprint(tmp_path / "copy"), cli_frame("footprint", DEFAULT))
    # pickling ships arrays and labels
    import pickle
    again = pickle.loads(pickle.dumps(w))
    assert again.Z.equals(w.Z) and again.year == 2011


def test_errors_are_exceptions_with_the_cli_message(ws, tmp_path):
    missing = tmp_path / "nope"
    p = run("footprint", missing, check=False)
    with pytest.raises(ws.WorldsysError) as e:
        ws.open(missing)
    assert p.returncode == e.value.exit_code
    assert p.stderr.strip() == f"worldsys: error: {e.value}"
    assert isinstance(e.value, (ws.InputError, ws.StoreError))

    p = run("footprint", DEFAULT, "--stressor", "co3", check=False)
    with pytest.raises(ws.UsageError) as e:
        ws.footprint(DEFAULT, stressors="co3")
    assert isinstance(e.value, ValueError) and isinstance(e.value, ws.InputError)
    assert p.returncode == 2 and p.stderr.strip() == f"worldsys: error: {e.value}"

    bad = tmp_path / "bad"
    shutil.copytree(DEFAULT, bad)
    np.save(bad / "x.npy", np.load(bad / "x.npy")[:-1])
    p = run("footprint", bad, check=False)
    with pytest.raises(ws.InputError) as e:
        ws.open(bad)
    assert p.returncode == 2 and p.stderr.strip() == f"worldsys: error: {e.value}"

    # a non-productive table: a numerical error, also an ArithmeticError
    w = ws.open(DEFAULT).to_pymrio()
    Z = w.Z * 0.0
    Z.iloc[0, 0] = 2.0 * w.x["indout"].iloc[0]
    sick = ws.from_pymrio({"Z": Z, "Y": w.Y, "x": w.x, "extensions": {"satellites": w.satellites}}, year=2011)
    sick.save(tmp_path / "sick")
    p = run("footprint", tmp_path / "sick", check=False)
    with pytest.raises(ws.NumericalError) as e:
        sick.footprint()
    assert isinstance(e.value, ArithmeticError)
    assert p.returncode == 4 and p.stderr.strip() == f"worldsys: error: {e.value}"

    with pytest.raises(ws.UsageError, match="unknown argument"):
        ws._worldsys.footprint(ws.open(DEFAULT)._core, '{"stresors": []}')
    # integer arguments take integers only: 2.5 would truncate, 1e30 overflow, -1 wrap around an unsigned count
    for bad, says in [(2.5, "should be a non-negative integer"), (1e30, "should be a non-negative integer"),
                      (-1, "should be a non-negative integer"), (2**70, "non-negative integer")]:
        with pytest.raises(ws.UsageError, match=says):
            ws.uncertainty(draws=bad)
    with pytest.raises(ws.UsageError, match="out of range"):
        ws.gap("no-store-needed", 2**40, 2000)
    # numpy scalars are numbers like any other
    small = ws.uncertainty(draws=np.int64(3), sigma=np.float64(0.05), stressors="labour_hours")
    assert (small["draws"] == 3).all()
