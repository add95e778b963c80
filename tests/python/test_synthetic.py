"""The fast path against the textbook dense method on a synthetic table with every feature (many stressors,
F_Y, zero-output sectors, sparse imports), in every precision: the reduced-size version of the benchmark's check."""
import io

import numpy as np
import pandas as pd
import pytest

from conftest import run
from test_independent import load, reference_accounts


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("syn") / "s"
    run("synthetic", "--regions", 7, "--sectors", 16, "--categories", 3, "--stressors", 30, "--seed", 11, "--out", out)
    return out


def footprint(store, *args):
    return pd.read_csv(io.StringIO(run("footprint", store, "--format", "csv", *args).stdout))


@pytest.mark.parametrize("precision,rtol", [("float64", 1e-10), ("mixed", 1e-10), ("float32", 1e-4)])
def test_every_account_matches_dense_inverse(synthetic, precision, rtol):
    meta, m = load(synthetic)
    ref = reference_accounts(meta, m)
    got = footprint(synthetic, "--precision", precision)
    assert len(got) == len(meta["regions"]) * len(meta["stressors"])
    for name, r in ref.items():
        g = got[got.stressor == name].set_index("region").loc[meta["regions"]]
        for col in ("cba", "pba", "imp", "exp"):
            scale = np.abs(r[col]).max()
            np.testing.assert_allclose(g[col].to_numpy(), r[col], rtol=rtol, atol=rtol * scale, err_msg=f"{name} {col}")
    mult = pd.read_csv(io.StringIO(run("footprint", synthetic, "--multipliers", "--precision", precision,
                                       "--format", "csv").stdout))
    M = np.vstack([r["M"] for r in ref.values()])  # stressors x n
    np.testing.assert_allclose(mult.multiplier.to_numpy(), M.T.ravel(), rtol=rtol, atol=rtol * np.abs(M).max())


def test_accounts_by_sector_match_dense_inverse(synthetic):
    meta, m = load(synthetic)
    R, S = len(meta["regions"]), len(meta["sectors"])
    Z, Y, x, F = (np.asarray(m[k], float) for k in ("Z", "Y", "x", "F"))
    n = R * S
    inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    L = np.linalg.inv(np.eye(n) - Z * inv_x)
    X = L @ Y.reshape(n, R, -1).sum(2)
    got = footprint(synthetic, "--by", "sector")
    got = got[got.sector != "final_demand"]
    for k, st in enumerate(meta["stressors"][:5]):
        s = F[k] * inv_x
        P = (s[:, None] * X).reshape(R, S, R)  # origin region, sector, consumer
        own = np.array([P[r, :, r] for r in range(R)])  # consumer r, sector
        cba = P.sum(0).T  # consumer x sector
        exp = P.sum(2) - own
        g = got[got.stressor == st["name"]]
        np.testing.assert_allclose(g.cba.to_numpy(), cba.ravel(), rtol=1e-10, atol=1e-10 * cba.max())
        np.testing.assert_allclose(g.imp.to_numpy(), (cba - own).ravel(), rtol=1e-10, atol=1e-10 * cba.max())
        np.testing.assert_allclose(g.exp.to_numpy(), exp.ravel(), rtol=1e-10, atol=1e-10 * cba.max())
        np.testing.assert_allclose(g.pba.to_numpy(), F[k], rtol=1e-12, atol=0)


def test_balanced_synthetic_table_satisfies_identities(synthetic):
    got = footprint(synthetic)
    lhs = got.cba.to_numpy()
    rhs = (got.pba + got.imp - got.exp).to_numpy()
    np.testing.assert_allclose(lhs, rhs, rtol=1e-10, atol=1e-10 * np.abs(lhs).max())
    totals = got.groupby("stressor")[["cba", "pba"]].sum()
    np.testing.assert_allclose(totals.cba, totals.pba, rtol=1e-11)
