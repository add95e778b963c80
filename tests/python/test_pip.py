"""`pip install .` into a fresh virtual environment (Debian's pip, no index): the installed package imports from
elsewhere, finds the default data it ships, and gives the build tree's numbers. Slow (CMake builds the module in
build-pip/), so it runs only with WORLDSYS_TEST_PIP=1:

    WORLDSYS_TEST_PIP=1 /usr/bin/python3 -m pytest -q tests/python/test_pip.py
"""
import os
import subprocess
import sys

import pytest

from conftest import PACKAGE, ROOT

pytestmark = pytest.mark.skipif(os.environ.get("WORLDSYS_TEST_PIP") != "1",
                                reason="pip install . builds the module again (slow): set WORLDSYS_TEST_PIP=1 to run")

# Prints where the package and its data are, then results on the embedded data (tables and distributions).
PROBE = """
import os, worldsys
print(os.path.dirname(worldsys.__file__))
print(os.path.dirname(worldsys._worldsys.__file__))
print(os.environ.get("WORLDSYS_DATA"))
with worldsys.blas_threads(1):
    print(worldsys.open().footprint(stressors=["labour_hours", "value_added"]).to_csv(index=False))
print(worldsys.inequality("pip2011", year="2011", decompose=True).to_csv(index=False))
print(worldsys.poverty("owid-pip2017", line=2.15, year="2015", by="region").to_csv(index=False))
"""


def probe(python, env):
    p = subprocess.run([python, "-c", PROBE], capture_output=True, text=True, env=env, cwd=env["HOME"])
    assert p.returncode == 0, p.stderr
    return p.stdout.split("\n", 3)


def test_pip_install(tmp_path):
    venv = tmp_path / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"no venv with pip here (Debian: apt install python3-venv): {made.stderr.strip()}")
    python = str(venv / "bin" / "python")
    if subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip("pip is not available in the virtual environment (Debian: apt install python3-pip)")
    installed = subprocess.run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index", str(ROOT)],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout[-4000:] + installed.stderr[-4000:]

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORLDSYS_DATA")}
    env.update(HOME=str(tmp_path), OPENBLAS_NUM_THREADS="1")
    package, module, data, results = probe(python, env)
    site = venv / "lib"
    assert package.startswith(str(site)) and module == package, (package, module)
    assert data == os.path.join(package, "data")  # the shipped data, not the source tree's
    for shipped in ("default/meta.json", "default-distributions/pip2011", "claims/default.yaml"):
        assert os.path.exists(os.path.join(data, shipped)), shipped

    # The same numbers as the build tree's package (the same code, the same data).
    *_, build_tree = probe(sys.executable, dict(env, PYTHONPATH=str(PACKAGE)))
    assert "World,2011.0," in results and "labour_hours" in results
    assert results == build_tree
