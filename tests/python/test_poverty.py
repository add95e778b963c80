"""The poverty and inequality verbs against independent numpy computations (the textbook formulas written
again here, not the engine's code paths)."""
import io

import numpy as np
import pandas as pd
import pytest

from conftest import SHARED, run

GROUPED = SHARED / "poverty" / "grouped"


def gq_closed_form(p, L, mean, z):
    """Datt (1998) General Quadratic: OLS without intercept, then the closed-form headcount and gap."""
    p, L = p[p < 1], L[p < 1]
    X = np.c_[p ** 2 - L, L * (p - 1), p - L]
    a, b, c = np.linalg.lstsq(X, L * (1 - L), rcond=None)[0]
    e = -(a + b + c + 1)
    m, n = b * b - 4 * a, 2 * b * e - 4 * c
    r = np.sqrt(n * n - 4 * m * e * e)
    k = b + 2 * z / mean
    H = -(n + r * k / np.sqrt(k * k - m)) / (2 * m)
    LH = -(b * H + e + np.sqrt(m * H * H + n * H + e * e)) / 2
    return H, H - mean / z * LH


def beta_by_bisection(p, L, mean, z):
    """Kakwani's Beta curve by OLS on logs; headcount where the slope reaches z/mean, found by plain bisection."""
    p, L = p[p < 1], L[p < 1]
    th, g, d = np.linalg.lstsq(np.c_[np.ones_like(p), np.log(p), np.log(1 - p)], np.log(p - L), rcond=None)[0]
    th = np.exp(th)
    slope = lambda q: 1 - th * q ** g * (1 - q) ** d * (g / q - d / (1 - q))
    lo, hi = 1e-12, 1 - 1e-12
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if slope(mid) < z / mean else (lo, mid)
    H = (lo + hi) / 2
    return H, H - mean / z * (H - th * H ** g * (1 - H) ** d)


def cli_grouped(path, mean, line, method, columns=None):
    args = ["poverty", "--grouped", path, "--mean", mean, "--line", line, "--method", method, "--format", "csv"]
    if columns:
        args += ["--columns", columns]
    return pd.read_csv(io.StringIO(run(*args).stdout)).iloc[0]


@pytest.mark.parametrize("case", ["calculator", "datt"])
def test_grouped_cli_matches_independent_formulas(case):
    if not GROUPED.exists():
        pytest.skip(f"real data not found at {GROUPED}")
    if case == "calculator":
        path, mean, line, cols = GROUPED / "pip_calculator_example.csv", 51.56, 1.9 * 365 / 12, None
        d = pd.read_csv(path)
        p, L = d.iloc[:, 0].to_numpy(), d.iloc[:, 1].to_numpy()
    else:
        path, mean, line, cols = GROUPED / "datt1998_grouped_data_rural_india_1983.csv", 109.9, 89.0, "P,L"
        d = pd.read_csv(path)
        p, L = d["P"].to_numpy(), d["L"].to_numpy()
    H, PG = gq_closed_form(p, L, mean, line)
    r = cli_grouped(path, mean, repr(line), "gq", cols)
    assert r["method"] == "gq"
    assert abs(r["headcount"] - H) < 1e-9 and abs(r["gap"] - PG) < 1e-9
    H, PG = beta_by_bisection(p, L, mean, line)
    r = cli_grouped(path, mean, repr(line), "beta", cols)
    assert abs(r["headcount"] - H) < 1e-9 and abs(r["gap"] - PG) < 1e-9


def test_inequality_decomposition_matches_numpy(tmp_path):
    src = SHARED / "poverty" / "lakner_milanovic"
    if not src.exists():
        pytest.skip(f"real data not found at {src}")
    run("import", "lakner-milanovic", src, "--out", tmp_path / "lm")
    # Lakner & Milanovic's units: decile groups at their means (--units groups).
    out = pd.read_csv(io.StringIO(run("inequality", tmp_path / "lm", "--year", 1988, "--decompose", "--units", "groups",
                                      "--format", "csv").stdout))
    d = pd.read_csv(src / "LM_WPID_web_2.csv")
    d = d[(d.mysample == 1) & (d.bin_year == 1988)].dropna(subset=["RRinc"])
    d["country"] = d.contcod.str.split("-").str[0]  # urban and rural parts are one country
    y, w = d.RRinc.to_numpy(float), d["pop"].to_numpy(float)
    mu = np.average(y, weights=w)
    theil = np.average(y / mu * np.log(y / mu), weights=w)
    mld = np.average(np.log(mu / y), weights=w)
    g = d.assign(wy=w * y, w=w).groupby("country")[["wy", "w"]].sum()
    mg, Pg = g.wy / g.w, g.w / w.sum()
    Sg = Pg * mg / mu
    row = out.iloc[0]
    assert abs(row["theil"] - theil) < 1e-9
    assert abs(row["mld"] - mld) < 1e-9
    assert abs(row["theil_between"] - (Sg * np.log(mg / mu)).sum()) < 1e-9
    assert abs(row["mld_between"] - (Pg * np.log(mu / mg)).sum()) < 1e-9
    order = np.argsort(y)
    ys, ws = y[order], w[order] / w.sum()
    s = ws * ys / mu
    gini = 1 - np.sum(ws * (2 * (np.cumsum(s) - s) + s))
    assert abs(row["gini"] - gini) < 1e-9


def test_gap_matches_numpy_on_maddison(tmp_path):
    src = SHARED / "gdp" / "maddison_2020_owid"
    if not src.exists():
        pytest.skip(f"real data not found at {src}")
    run("import", "maddison", src, "--out", tmp_path / "mad")
    out = pd.read_csv(io.StringIO(run("gap", tmp_path / "mad", "--from", 2018, "--to", 2018, "--format", "csv").stdout))
    d = pd.read_csv(src / "data.csv").dropna(subset=["GDP per capita", "Population"])
    aggregates = {"World", "East Asia", "Eastern Europe", "Latin America", "Middle East", "South and South-East Asia",
                  "Sub-Sahara Africa", "Western Europe", "Western Offshoots", "Former USSR", "Former Yugoslavia",
                  "Czechoslovakia"}  # in 2018 every successor state has data, so the unions drop out
    d = d[(d.Year == 2018) & ~d.Entity.isin(aggregates)].sort_values("GDP per capita")
    y, w = d["GDP per capita"].to_numpy(float), d["Population"].to_numpy(float)
    mu = np.average(y, weights=w)
    row = out.iloc[0]
    assert row["countries"] == len(d)
    assert abs(row["mld"] - np.average(np.log(mu / y), weights=w)) < 1e-12
    lm = np.average(np.log(y), weights=w)
    assert abs(row["sigma"] - np.sqrt(np.average((np.log(y) - lm) ** 2, weights=w))) < 1e-12
    # Richest and poorest tenth of world population, the straddling countries pro rata.
    c = np.cumsum(w) / w.sum()
    lo = np.clip(np.minimum(c, 0.1) - np.minimum(c - w / w.sum(), 0.1), 0, None)
    hi = np.clip(c - np.maximum(c - w / w.sum(), 0.9), 0, None) * (c > 0.9)
    assert abs(row["top_bottom"] - (hi @ y / hi.sum()) / (lo @ y / lo.sum())) < 1e-9
