"""`pip install .`: CMake builds the extension _worldsys (only that target, in build-pip/), setuptools packs it with
python/worldsys/*.py and the default data (data/default, data/default-distributions, data/claims, data/scenarios) as
worldsys/data, which the package points the library at on import ($WORLDSYS_DATA). No PyPI: pip needs
--no-build-isolation --no-index and Debian's python3-setuptools, pybind11-dev, cmake (scripts/setup.sh).
Extra CMake options: CMAKE_ARGS="-DWORLDSYS_CUDA=ON ..." in the environment."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CMAKE_BUILD = ROOT / "build-pip"  # one level deep like build/, so the shared ccache (CCACHE_BASEDIR) reuses objects
DATA = ["default", "default-distributions", "claims", "scenarios", "SOURCE.md"]  # groups etc. are compiled in


def version():
    return re.search(r"project\(worldsys VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeExtension(build_ext):
    """Configures build-pip/ for the Python module alone (no tests, benchmarks) with this interpreter, builds the
    _worldsys target and copies the module where setuptools packs it."""

    def build_extension(self, ext):
        configure = ["cmake", "-S", str(ROOT), "-B", str(CMAKE_BUILD), "-DCMAKE_BUILD_TYPE=Release",
                     "-DWORLDSYS_TESTS=OFF", "-DWORLDSYS_BENCH=OFF", "-DWORLDSYS_PYTHON=ON",
                     f"-DPython3_EXECUTABLE={sys.executable}"]
        if not (CMAKE_BUILD / "CMakeCache.txt").exists() and shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        if shutil.which("ccache") and "CMAKE_CXX_COMPILER_LAUNCHER" not in os.environ:
            configure += ["-DCMAKE_C_COMPILER_LAUNCHER=ccache", "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"]
        configure += shlex.split(os.environ.get("CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        build = ["cmake", "--build", str(CMAKE_BUILD), "--target", "_worldsys"]
        if self.parallel:
            build += ["--parallel", str(self.parallel)]
        subprocess.run(build, check=True)
        built = sorted((CMAKE_BUILD / "python" / "worldsys").glob("_worldsys*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _worldsys*.so in {CMAKE_BUILD / 'python' / 'worldsys'}, found {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


class BuildPyWithData(build_py):
    """The pure-Python files plus the default data as the package's data/ folder."""

    def run(self):
        if self.editable_mode:  # an editable install runs from the source tree, whose data/ the library finds
            return super().run()
        shutil.rmtree(Path(self.build_lib) / "worldsys", ignore_errors=True)  # no file of an earlier build left over
        super().run()
        dest = Path(self.build_lib) / "worldsys" / "data"
        for name in DATA:
            src = ROOT / "data" / name
            if src.is_dir():
                shutil.copytree(src, dest / name)
            else:
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest / name)


setup(
    version=version(),
    packages=["worldsys"],
    package_dir={"": "python"},
    ext_modules=[Extension("worldsys._worldsys", sources=[])],
    cmdclass={"build_ext": CMakeExtension, "build_py": BuildPyWithData},
    options={"build": {"build_base": str(CMAKE_BUILD / "setuptools")}},
    zip_safe=False,
)
