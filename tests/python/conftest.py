import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("WORLDSYS_BIN", str(ROOT / "build" / "worldsys"))
SHARED = pathlib.Path(os.environ.get("WORLDSYS_SHARED_DATA", ROOT.parent / "shared" / "data"))


def run(*args, check=True):
    """Runs the worldsys CLI; returns the CompletedProcess (text mode)."""
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"worldsys {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}")
    return p


@pytest.fixture(scope="session")
def wiod2011(tmp_path_factory):
    src = SHARED / "mrio" / "wiod2013"
    if not src.exists():
        pytest.skip(f"real WIOD data not found at {src}")
    out = tmp_path_factory.mktemp("stores") / "wiod2011"
    run("import", "wiod2013", src, "--year", 2011, "--out", out)
    return out


@pytest.fixture(scope="session")
def default_store():
    return ROOT / "data" / "default"


# The Python package (build/python): required when the build made it (ctest says so), skipped in builds without it
# (the sanitizer build: an ASan extension cannot load into an uninstrumented python3).
PACKAGE = pathlib.Path(os.environ.get("PYTHONPATH", "").split(os.pathsep)[0] or ROOT / "build" / "python")


def import_worldsys():
    import sys

    if str(PACKAGE) not in sys.path:
        sys.path.insert(0, str(PACKAGE))
    if os.environ.get("WORLDSYS_PYTHON_MODULE") == "absent":
        pytest.skip("this build has no Python module (WORLDSYS_PYTHON=OFF)")
    import worldsys

    return worldsys
