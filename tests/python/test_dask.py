"""worldsys.dask on a real LocalCluster (2 worker processes on 127.0.0.1): a 3-year panel x 20 Monte Carlo draws
of the library's error model (worldsys.perturb) equals the serial run exactly, so do scenarios, and `worldsys footprint|drain --panel --scheduler` prints what the serial CLI prints."""
import os
import subprocess

import pandas as pd
import pytest

from conftest import BIN, ROOT, import_worldsys, run

DEFAULT = ROOT / "data" / "default"
YEARS = {2009: 0.90, 2010: 0.95, 2011: 1.0}  # each year the sample world scaled, satellites by the square


@pytest.fixture(scope="module")
def ws():
    return import_worldsys()


@pytest.fixture(scope="module")
def panel(ws, tmp_path_factory):
    d = tmp_path_factory.mktemp("panel")
    p = ws.open(DEFAULT).to_pymrio()
    for year, c in YEARS.items():
        sat = p.satellites
        t = {"Z": p.Z * c, "Y": p.Y * c, "x": p.x * c,
             "extensions": {"s": {"F": sat.F * c * c, "F_Y": sat.F_Y * c * c, "unit": sat.unit}}}
        ws.from_pymrio(t, year=year).save(d / str(year))
    return d


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as c, distributed.Client(c) as client:
        yield c, client


ERRORS = dict(sigma=0.05)  # the library's Monte Carlo error model (worldsys uncertainty --sigma 0.05)


def labour_footprint(m, key):
    return m.footprint(stressors=["labour_hours", "value_added"])


def test_panel_x_draws_on_a_cluster_equals_serial(ws, panel, cluster):
    import worldsys.dask as wd

    _, client = cluster
    args = dict(draws=range(20), seed=7, error_model=ws.ErrorModel(**ERRORS))  # draws by the library's perturb
    serial = wd.map_panel(labour_footprint, panel, **args)
    spread = wd.map_panel(labour_footprint, panel, client=client, **args)
    pd.testing.assert_frame_equal(spread, serial, check_exact=True)
    assert list(serial.columns[:2]) == ["year", "draw"]
    assert sorted(serial.year.unique()) == list(YEARS) and sorted(serial.draw.unique()) == list(range(20))
    assert len(serial) == 3 * 20 * 10 * 2
    # draws differ from each other, and draw d is what (seed, d) gives on its own
    cba = serial[(serial.year == 2011) & (serial.stressor == "labour_hours") & (serial.region == "USA")].cba
    assert cba.nunique() == 20
    with ws.blas_threads(1):  # as every task runs
        alone = labour_footprint(ws.perturb(ws.open(panel / "2011"), ws.ErrorModel(**ERRORS), 7, 13), None)
    row = serial[(serial.year == 2011) & (serial.draw == 13)].drop(columns=["year", "draw"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(row, alone, check_exact=True)
    # without draws: the panel as published, one block per year
    plain = wd.map_panel(labour_footprint, panel, client=client)
    assert list(plain.columns[:1]) == ["year"] and "draw" not in plain.columns
    pd.testing.assert_frame_equal(plain[plain.year == 2011].drop(columns="year").reset_index(drop=True),
                                  ws.footprint(panel / "2011", stressors=["labour_hours", "value_added"]))


def test_scenarios_on_a_cluster_equal_serial_and_the_library(ws, panel, cluster):
    import worldsys.dask as wd

    _, client = cluster
    wages = ws.load_scenario(ROOT / "data" / "scenarios" / "southern-wages.yaml")
    half = ws.parse_scenario("name: half-demand\nchanges:\n  - kind: final_demand\n    scale: 0.5\n", "half.yaml")
    args = dict(scenarios=[wages, half], draws=range(2), seed=3, error_model=ws.ErrorModel(**ERRORS))
    serial = wd.map_panel(labour_footprint, panel, **args)
    spread = wd.map_panel(labour_footprint, panel, client=client, **args)
    pd.testing.assert_frame_equal(spread, serial, check_exact=True)
    assert list(serial.columns[:3]) == ["year", "scenario", "draw"]
    assert sorted(serial.scenario.unique()) == ["half-demand", "southern-wages"]
    # a task = the scenario applied to the year's table, then the draw
    with ws.blas_threads(1):
        m = ws.perturb(ws.apply_scenario(ws.open(panel / "2010"), half), ws.ErrorModel(**ERRORS), 3, 1)
        want = labour_footprint(m, None)
    got = serial[(serial.year == 2010) & (serial.scenario == "half-demand") & (serial.draw == 1)]
    pd.testing.assert_frame_equal(got.drop(columns=["year", "scenario", "draw"]).reset_index(drop=True), want,
                                  check_exact=True)


def test_cli_scheduler_prints_what_the_serial_cli_prints(panel, cluster, tmp_path):
    c, _ = cluster
    env = dict(os.environ)
    for verb, extra in [("footprint", ["--stressor", "labour_hours"]),
                        ("footprint", ["--by", "sector", "--format", "json"]),
                        ("drain", ["--valuation", "northern-prices,wage-gap", "--by", "region"]),
                        ("gvc", ["--measure", "borin-mancini", "--by", "exporter-importer"])]:
        args = [verb, "--panel", panel, "--from", "2010", *extra]
        if "--format" not in extra:
            args += ["--format", "csv"]
        serial = run(*args).stdout
        spread = subprocess.run([BIN, *map(str, args), "--scheduler", c.scheduler_address], capture_output=True,
                                text=True, env=env)
        assert spread.returncode == 0, spread.stderr
        assert spread.stdout == serial
        years = ([int(line.split(",")[0]) for line in serial.splitlines()[1:]] if "--format" not in extra else
                 [r["year"] for r in __import__("json").loads(serial)])
        assert sorted(set(years)) == [2010, 2011]
    # --out writes the same file
    run("drain", "--panel", panel, "--format", "csv", "--out", tmp_path / "serial.csv")
    run("drain", "--panel", panel, "--format", "csv", "--out", tmp_path / "spread.csv", "--scheduler",
        c.scheduler_address)
    assert (tmp_path / "spread.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()
    # a worker's library error comes back with the CLI's message and exit code
    p = run("footprint", "--panel", panel, "--stressor", "co3", "--scheduler", c.scheduler_address, check=False)
    q = run("footprint", "--panel", panel, "--stressor", "co3", check=False)
    assert p.returncode == q.returncode == 2 and p.stderr.strip() == q.stderr.strip()


def test_cli_scheduler_errors(panel, monkeypatch):
    monkeypatch.setenv("WORLDSYS_SCHEDULER_TIMEOUT", "1s")
    p = run("footprint", "--panel", panel, "--scheduler", "tcp://127.0.0.1:9", check=False)
    assert p.returncode == 3 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in p.stderr
    for bad in ("not a url", "tcp://", "http://host:8786", "host:port"):  # one line, no Python traceback
        p = run("footprint", "--panel", panel, "--scheduler", bad, check=False)
        assert p.returncode == 2 and "is not a Dask scheduler address" in p.stderr, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    p = run("footprint", DEFAULT, "--scheduler", "tcp://127.0.0.1:9", check=False)
    assert p.returncode == 2 and "--scheduler distributes the years of a --panel" in p.stderr
    p = subprocess.run([BIN, "footprint", "--panel", str(panel), "--scheduler", "tcp://127.0.0.1:9"],
                       capture_output=True, text=True, env=dict(os.environ, WORLDSYS_PYTHON="/nonexistent/python3"))
    assert p.returncode == 3 and "/nonexistent/python3" in p.stderr
