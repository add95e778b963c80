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
        out[st["name"]] = dict(cba=cba, pba=pba, imp=imp, exp=exp, T=T, M=(Smat[k] @ L))
    return out


@pytest.mark.parametrize("which", ["default", "wiod2011"])
def test_footprints_match_dense_numpy(which, request):
    store = request.getfixturevalue("default_store" if which == "default" else "wiod2011")
    meta, m = load(store)
    ref = reference_accounts(meta, m)
    csv = pd.read_csv(io.StringIO(run("footprint", store, "--format", "csv").stdout))
    assert list(csv.columns) == ["region", "stressor", "unit", "cba", "pba", "imp", "exp"]
    for name, r in ref.items():
        got = csv[csv.stressor == name].set_index("region").loc[meta["regions"]]
        for col in ("cba", "pba", "imp", "exp"):
            np.testing.assert_allclose(got[col].to_numpy(), r[col], rtol=1e-9, atol=0, err_msg=f"{name} {col}")


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
