"""The Python module under a hostile user: no call aborts the interpreter or reads uninitialised memory. Each
probe runs in its own interpreter, so an abort shows as a failed probe, not a dead test run."""
import os
import subprocess
import sys

import pytest

from conftest import PACKAGE, import_worldsys

PROBES = {
    # (code, what it must print last)
    "reduce": ("import worldsys as w; f, a = w.ErrorModel(sigma=0.1).__reduce__(); print(f(*a))",
               "<worldsys.ErrorModel sigma_Z=0.100000 sigma_Y=0.100000 sigma_F=0.100000>"),
    "pickle": ("import pickle, numpy as np, worldsys as w\n"
               "e = pickle.loads(pickle.dumps(w.ErrorModel(sigma=0.2, Z_sd=np.ones((3, 3)), rebalance=False)))\n"
               "print(e.sigma_F, e.Z_sd.shape, e.rebalance)", "0.2 (3, 3) False"),
    "new error model": ("import worldsys as w; e = w.ErrorModel.__new__(w.ErrorModel); print(e.sigma_Z, e.Z_sd)",
                        "0.0 None"),
    "new mrio": ("import worldsys._worldsys as c\ntry:\n    c.Mrio.__new__(c.Mrio)\nexcept TypeError as e:\n"
                 "    print('TypeError', 'cannot be created empty' in str(e))", "TypeError True"),
    "new scenario": ("import worldsys._worldsys as c\ntry:\n    c.Scenario.__new__(c.Scenario)\nexcept TypeError:\n"
                     "    print('TypeError')", "TypeError"),
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe(name):
    import_worldsys()  # skips where the build has no module
    code, want = PROBES[name]
    env = dict(os.environ, PYTHONPATH=str(PACKAGE))
    p = subprocess.run([sys.executable, "-W", "error::FutureWarning", "-c", code], capture_output=True, text=True,
                       env=env, timeout=120)
    assert p.returncode == 0, f"{name}: exit {p.returncode}: {p.stderr[-400:]}"
    assert p.stdout.strip().splitlines()[-1] == want, p.stdout
