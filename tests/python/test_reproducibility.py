"""Same inputs, same numbers: bit-identical across runs; across BLAS thread counts the reduction order in the LU
changes, and the difference is bounded (measured on WIOD 2011: 2.4e-15 relative at most)."""
import io
import os
import subprocess

import numpy as np
import pandas as pd

from conftest import BIN


def footprint(store, threads):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    p = subprocess.run([BIN, "footprint", str(store), "--by", "sector", "--format", "csv"], capture_output=True,
                       text=True, env=env, check=True)
    return p.stdout


def test_bit_identical_across_runs(wiod2011):
    assert footprint(wiod2011, 2) == footprint(wiod2011, 2)


def test_bounded_difference_across_thread_counts(wiod2011):
    one = pd.read_csv(io.StringIO(footprint(wiod2011, 1)))
    two = pd.read_csv(io.StringIO(footprint(wiod2011, 2)))
    for col in ("cba", "pba", "imp", "exp"):
        scale = np.abs(one[col]).max()
        assert np.max(np.abs(one[col] - two[col])) <= 1e-13 * scale, col
