"""Baselines for docs/BENCHMARKS.md: the textbook dense method (what pymrio's parse + calc_all do), written with
pandas/numpy here (not pymrio's code). Run with /usr/bin/python3 (numpy from Debian).

    /usr/bin/python3 bench/baseline_numpy.py wiod ../shared/data/mrio/wiod2013 [YEARS...]
        parse one WIOD year from the CSVs (pandas), then A = Z diag(x)^-1, L = inv(I - A), D_cba = S L diag(Y)
    /usr/bin/python3 bench/baseline_numpy.py store STORE
        the same computation on a worldsys store (e.g. `worldsys synthetic --out exio-like`), every stressor
"""
import json
import pathlib
import resource
import sys
import time

import numpy as np
import pandas as pd


def dense_accounts(Z, Y, x, F, n_regions):
    """L = inv(I - A); x_diag = L diag(Y) by region and product (n x n); D_cba = S x_diag; M = S L."""
    n = len(x)
    S_ = n // n_regions
    inv_x = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    A = Z * inv_x
    L = np.linalg.inv(np.eye(n) - A)
    del A
    Yr = Y.reshape(n, n_regions, -1).sum(2)
    Ydiag = np.zeros((n, n))  # column (r, j): region r's final demand for product j, from every origin
    for r in range(n_regions):
        for j in range(S_):
            Ydiag[j::S_, r * S_ + j] = Yr[j::S_, r]
    x_diag = L @ Ydiag
    del Ydiag
    S = F * inv_x
    D_cba = S @ x_diag
    M = S @ L
    return D_cba, M


def wiod(d, years):
    tp = tc = 0.0
    t0 = time.perf_counter()
    for y in years:
        a = time.perf_counter()
        Z = pd.read_csv(d / f"Z_{y}.csv.gz", index_col=[0, 1]).to_numpy(float)
        Y = pd.read_csv(d / f"Y_{y}.csv.gz", index_col=[0, 1]).to_numpy(float)
        x = pd.read_csv(d / f"x_{y}.csv", index_col=[0, 1]).to_numpy(float)[:, 0]
        b = time.perf_counter()
        dense_accounts(Z, Y, x, (x - Z.sum(0))[None, :], Y.shape[1] // 5)
        c = time.perf_counter()
        tp += b - a
        tc += c - b
    total = time.perf_counter() - t0
    print(f"years={len(years)} parse={tp:.3f}s calc={tc:.3f}s total={total:.3f}s per_year={total / len(years):.3f}s")


def store(path):
    meta = json.loads((path / "meta.json").read_text())
    a = time.perf_counter()
    Z, Y, x, F = (np.load(path / f"{k}.npy") for k in ("Z", "Y", "x", "F"))
    b = time.perf_counter()
    dense_accounts(Z, Y, x, F, len(meta["regions"]))
    c = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"n={len(x)} stressors={F.shape[0]} load={b - a:.2f}s calc={c - b:.2f}s peak_rss={peak:.2f}GB")


if __name__ == "__main__":
    if sys.argv[1] == "wiod":
        wiod(pathlib.Path(sys.argv[2]), [int(y) for y in sys.argv[3:]] or [2011])
    else:
        store(pathlib.Path(sys.argv[2]))
