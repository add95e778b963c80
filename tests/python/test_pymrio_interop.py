"""pymrio without loss: every extension of a pymrio IOSystem comes across (pymrio's get_extensions(data=True), its
list of extension names, multi-level stressor indexes), a system whose extensions all fail is an error, and
to_pymrio builds a pymrio.IOSystem when pymrio is importable. pymrio is not packaged for Debian, so its classes are
stood in for by minimal objects with the same constructor and accessor names."""
import sys
import types

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, import_worldsys

DEFAULT = ROOT / "data" / "default"


@pytest.fixture(scope="module")
def ws():
    return import_worldsys()


class Extension:
    def __init__(self, name, F=None, F_Y=None, S=None, unit=None):
        self.name, self.F, self.F_Y, self.S, self.unit = name, F, F_Y, S, unit


class IOSystem:
    """pymrio's layout: extensions are attributes; ``extensions`` would be their names; get_extensions yields."""

    def __init__(self, Z=None, Y=None, x=None, A=None, unit=None, name=None, **extensions):
        self.Z, self.Y, self.x, self.A, self.unit, self.name = Z, Y, x, A, unit, name
        for key, ext in extensions.items():
            setattr(self, key, ext)
        self._ext = list(extensions)

    def get_extensions(self, names=None, data=False, instance_names=True):
        for key in self._ext:
            yield getattr(self, key) if data else key


def test_every_extension_comes_across_with_its_levels(ws):
    w = ws.open(DEFAULT).to_pymrio()
    sat = w.satellites
    # pymrio's test system: an emissions extension indexed by (stressor, compartment).
    idx = pd.MultiIndex.from_tuples([("emission_type1", "air"), ("emission_type2", "water")],
                                    names=["stressor", "compartment"])
    F2 = pd.DataFrame(np.vstack([sat.F.iloc[0], sat.F.iloc[0] * 2]), index=idx, columns=sat.F.columns)
    emissions = Extension("Emissions", F=F2, unit=pd.DataFrame({"unit": ["kg", "kg"]}, index=idx))
    factors = Extension("Factor Inputs", S=sat.F.iloc[:1] / w.x["indout"].to_numpy()[None, :],
                        unit=pd.DataFrame({"unit": [sat.unit.iloc[0, 0]]}, index=sat.F.index[:1]))
    p = IOSystem(Z=w.Z, Y=w.Y, x=w.x, unit=w.unit, emissions=emissions, satellites=sat, factor_inputs=factors)
    m = ws.from_pymrio(p, year=2011)
    names = [s["name"] for s in m.stressors]
    assert names[:2] == ["emission_type1 - air", "emission_type2 - water"]
    assert len(names) == 2 + len(sat.F) + 1
    first = sat.F.index[0]
    assert f"satellites/{first}" in names and f"Factor Inputs/{first}" in names  # in two extensions: prefixed
    np.testing.assert_allclose(m.F.iloc[1].to_numpy(), 2 * sat.F.iloc[0].to_numpy())
    np.testing.assert_allclose(m.F.iloc[-1].to_numpy(), sat.F.iloc[0].to_numpy(), rtol=1e-12)  # F = S diag(x)
    # The same through pymrio's list of extension names instead of get_extensions.
    plain = types.SimpleNamespace(Z=w.Z, Y=w.Y, x=w.x, unit=w.unit, emissions=emissions,
                                  extensions=["emissions"])
    assert [s["name"] for s in ws.from_pymrio(plain, year=2011).stressors] == names[:2]


def test_extensions_that_all_fail_are_an_error(ws):
    w = ws.open(DEFAULT).to_pymrio()
    p = IOSystem(Z=w.Z, Y=w.Y, x=w.x, unit=w.unit, emissions=Extension("Emissions"))
    with pytest.raises(ws.InputError, match="1 extension\\(s\\) \\(Emissions\\) but none has F or S"):
        ws.from_pymrio(p, year=2011)


def test_to_pymrio_builds_a_pymrio_iosystem_when_pymrio_is_there(ws, monkeypatch):
    monkeypatch.setitem(sys.modules, "pymrio", types.SimpleNamespace(IOSystem=IOSystem, Extension=Extension))
    w = ws.open(DEFAULT)
    p = w.to_pymrio()
    assert isinstance(p, IOSystem) and isinstance(p.satellites, Extension)
    assert p.satellites.F.equals(w.F) and p.Z.equals(w.Z)
    back = ws.from_pymrio(p, year=2011)
    for name in ("Z", "Y", "x", "F", "F_Y"):
        assert getattr(back, name).equals(getattr(w, name)), name
