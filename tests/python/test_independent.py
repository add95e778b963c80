"""The engine's accounts against an independent dense computation in numpy, from the store's .npy files."""
import io

import numpy as np
import pandas as pd
import pytest

from conftest import run


def load(store):
    import json

    meta = json.loads((store / "meta.json").read_text())
    mats = {k: np.load(store / f"{k}.npy", mmap_mode="r") for k in ("Z", "Y", "x", "F", "F_Y")}
    return meta, mats


def reference_accounts(meta, m):
    """Textbook dense method: L = inv(I - A), footprints S L Y_r (what pymrio's calc_all does)."""
    Z, Y, x, F, FY = (np.asarray(m[k], dtype=float) for k in ("Z", "Y", "x", "F", "F_Y"))
    R, S, K = len(meta["regions"]), len(meta["sectors"]), len(meta["final_demand_categories"])
    n = R * S
    inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    A = Z * inv_x[None, :]
    L = np.linalg.inv(np.eye(n) - A)
    Yr = Y.reshape(n, R, K).sum(axis=2)
    FYr = FY.reshape(FY.shape[0], R, K).sum(axis=2)
    Smat = F * inv_x[None, :]
    X = L @ Yr
    out = {}
    for k, st in enumerate(meta["stressors"]):
        T = (Smat[k][:, None] * X).reshape(R, S, R).sum(axis=1)  # origin x destination
        cba = T.sum(axis=0) + FYr[k]
        pba = F[k].reshape(R, S).sum(axis=1) + FYr[k]
        imp = T.sum(axis=0) - np.diag(T)
        exp = T.sum(axis=1) - np.diag(T)
        pba_model = (Smat[k] * X.sum(axis=1)).reshape(R, S).sum(axis=1) + FYr[k]  # pymrio's D_pba: S diag(L y)
        out[st["name"]] = dict(cba=cba, pba=pba, imp=imp, exp=exp, T=T, M=(Smat[k] @ L), pba_model=pba_model)
    return out


@pytest.mark.parametrize("which", ["default", "wiod2011"])
def test_footprints_match_dense_numpy(which, request):
    store = request.getfixturevalue("default_store" if which == "default" else "wiod2011")
    meta, m = load(store)
    ref = reference_accounts(meta, m)
    csv = pd.read_csv(io.StringIO(run("footprint", store, "--format", "csv").stdout))
    assert list(csv.columns) == ["region", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"]
    for name, r in ref.items():
        got = csv[csv.stressor == name].set_index("region").loc[meta["regions"]]
        for col in ("cba", "pba", "imp", "exp"):
            np.testing.assert_allclose(got[col].to_numpy(), r[col], rtol=1e-9, atol=0, err_msg=f"{name} {col}")


@pytest.mark.parametrize("which", ["default", "wiod2011"])
def test_model_pba_is_pymrios_and_the_identity_reads_true(which, request):
    store = request.getfixturevalue("default_store" if which == "default" else "wiod2011")
    meta, m = load(store)
    ref = reference_accounts(meta, m)
    observed = pd.read_csv(io.StringIO(run("footprint", store, "--format", "csv").stdout))
    model = pd.read_csv(io.StringIO(run("footprint", store, "--pba", "model", "--format", "csv").stdout))
    worst = 0.0
    for name, r in ref.items():
        got = model[model.stressor == name].set_index("region").loc[meta["regions"]]
        np.testing.assert_allclose(got.pba.to_numpy(), r["pba_model"], rtol=1e-9, atol=1e-9 * np.abs(r["cba"]).max())
        scale = np.abs(got[["cba", "pba", "imp", "exp"]]).to_numpy().max()
        assert np.abs(got.imbalance).max() <= 1e-9 * scale, name  # exact up to rounding
        obs = observed[observed.stressor == name].set_index("region").loc[meta["regions"]]
        np.testing.assert_allclose(obs.imbalance, obs.cba - (obs.pba + obs.imp - obs.exp), rtol=1e-12, atol=1e-9 * scale)
        worst = max(worst, (np.abs(obs.pba - got.pba) / np.abs(obs.pba).clip(lower=1e-300)).max())
    if which == "wiod2011":
        assert worst > 0.01  # the two conventions differ visibly on WIOD (up to 5 % on Malta's value added)


@pytest.mark.parametrize("which", ["default", "wiod2011"])
def test_flows_and_multipliers_match_dense_numpy(which, request):
    store = request.getfixturevalue("default_store" if which == "default" else "wiod2011")
    meta, m = load(store)
    ref = reference_accounts(meta, m)["value_added"]
    flows = pd.read_csv(io.StringIO(run("flows", store, "--stressor", "value_added", "--format", "csv").stdout))
    T = flows.pivot(index="origin", columns="destination", values="value").loc[meta["regions"], meta["regions"]]
    np.testing.assert_allclose(T.to_numpy(), ref["T"], rtol=1e-9, atol=1e-9 * np.abs(ref["T"]).max())
    mult = pd.read_csv(io.StringIO(run("footprint", store, "--multipliers", "--stressor", "value_added", "--format", "csv").stdout))
    np.testing.assert_allclose(mult.multiplier.to_numpy(), ref["M"], rtol=1e-9, atol=1e-12)


def test_store_is_numpy_readable_with_mmap(default_store):
    meta, m = load(default_store)
    n = len(meta["regions"]) * len(meta["sectors"])
    assert m["Z"].shape == (n, n) and m["Z"].flags.f_contiguous
    assert m["x"].shape == (n,)
    assert isinstance(m["Z"], np.memmap)
