"""Baseline for docs/BENCHMARKS.md: the textbook dense method (what pymrio's parse + calc_all do), written with
pandas/numpy here (not pymrio's code): parse one WIOD year from the CSVs, A = Z diag(x)^-1, L = inv(I - A),
x_r = L Y_r, D_cba = S L diag(Y) by region, D_pba = F, imports/exports. Run with /usr/bin/python3.

    /usr/bin/python3 bench/baseline_numpy.py ../shared/data/mrio/wiod2013 [YEARS...]
"""
import pathlib
import sys
import time

import numpy as np
import pandas as pd


def parse(d, year):
    Z = pd.read_csv(d / f"Z_{year}.csv.gz", index_col=[0, 1])
    Y = pd.read_csv(d / f"Y_{year}.csv.gz", index_col=[0, 1])
    x = pd.read_csv(d / f"x_{year}.csv", index_col=[0, 1])
    return Z, Y, x


def calc_all(Z, Y, x):
    Zv, Yv, xv = Z.to_numpy(float), Y.to_numpy(float), x.to_numpy(float)[:, 0]
    n = len(xv)
    R = Yv.shape[1] // 5
    S = n // R
    inv_x = np.divide(1.0, xv, out=np.zeros_like(xv), where=xv != 0)
    A = Zv * inv_x
    L = np.linalg.inv(np.eye(n) - A)
    F = (xv - Zv.sum(0))[None, :]
    Sm = F * inv_x
    Yr = Yv.reshape(n, R, 5).sum(2)
    # pymrio-style: diagonalised final demand per region, n x (R*S)
    Ydiag = np.zeros((n, R * S))
    for r in range(R):
        for s in range(S):
            Ydiag[s::S, r * S + s] = Yr[s::S, r]
    D_cba = Sm @ L @ Ydiag
    M = Sm @ L
    T = (Sm[0][:, None] * (L @ Yr)).reshape(R, S, R).sum(1)
    return D_cba, M, T


def main():
    d = pathlib.Path(sys.argv[1])
    years = [int(y) for y in sys.argv[2:]] or [2011]
    t0 = time.perf_counter()
    tp = tc = 0.0
    for y in years:
        a = time.perf_counter()
        tables = parse(d, y)
        b = time.perf_counter()
        calc_all(*tables)
        c = time.perf_counter()
        tp += b - a
        tc += c - b
    total = time.perf_counter() - t0
    print(f"years={len(years)} parse={tp:.3f}s calc={tc:.3f}s total={total:.3f}s per_year={total / len(years):.3f}s")


if __name__ == "__main__":
    main()
