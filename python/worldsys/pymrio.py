"""pymrio-style objects in and out, without importing pymrio: anything with attributes (or dict keys) Z, Y, x and
optionally ``extensions``/satellite accounts holding F, F_Y and unit, as pandas DataFrames on (region, sector)."""
import types

import numpy as np
import pandas as pd

from . import MRIO, _worldsys


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _labels(index, what):
    if not isinstance(index, pd.MultiIndex) or index.nlevels != 2:
        raise _worldsys.InputError(f"{what} should be indexed by a (region, sector) MultiIndex")
    regions = list(dict.fromkeys(index.get_level_values(0)))
    inner = list(dict.fromkeys(index.get_level_values(1)))
    want = pd.MultiIndex.from_product([regions, inner])
    if not index.equals(want):
        raise _worldsys.InputError(f"{what} should list every (region, sector) pair region by region, "
                                   f"{len(regions)} x {len(inner)}")
    return [str(r) for r in regions], [str(s) for s in inner]


def _extensions(obj):
    """The satellite accounts: pymrio's ``get_extensions(data=True)``; else ``extensions`` (a dict, a list of
    extension objects, or pymrio's list of their attribute names); else the attributes that hold an F."""
    getter = getattr(obj, "get_extensions", None)
    if callable(getter):
        try:
            return [e for e in getter(data=True) if e is not None]
        except TypeError:  # another object's get_extensions, without pymrio's `data` keyword
            pass
    ext = _get(obj, "extensions")
    if isinstance(ext, dict):
        ext = list(ext.values())
    if isinstance(ext, (list, tuple)) and any(isinstance(e, str) for e in ext):
        ext = [_get(obj, e) for e in ext]  # names: pymrio's IOSystem.extensions
    if ext is None and not isinstance(obj, dict):
        ext = [v for v in vars(obj).values() if hasattr(v, "F") and v is not obj]
    return [e for e in ext or [] if e is not None]


def _name(label):
    """A stressor's name: several index levels (stressor, compartment) joined as the folder reader joins them."""
    return " - ".join(map(str, label)) if isinstance(label, tuple) else str(label)


def from_pymrio(io, unit=None, source="pymrio object", year=None):
    """An :class:`MRIO` from a pymrio IOSystem or any object/dict with Z, Y, x (and extensions with F, F_Y, unit).

    Z's index gives regions and sectors, Y's columns the final-demand categories; x may be a Series or a one-column
    DataFrame. Each extension's F rows become stressors; its ``unit`` (a DataFrame with a ``unit`` column, a
    Series or a str) their units; F_Y absent means zero. The library validates the result as it does a store.
    """
    Z = _get(io, "Z")
    Y = _get(io, "Y")
    x = _get(io, "x")
    if Z is None or Y is None:
        raise _worldsys.InputError("from_pymrio needs Z and Y")
    regions, sectors = _labels(Z.index, "Z")
    fd_regions, categories = _labels(Y.columns, "Y's columns")
    if fd_regions != regions:
        raise _worldsys.InputError("Y's column regions differ from Z's regions")
    Y = Y.reindex(index=Z.index)
    if x is None:  # as pymrio does when only Z and Y are given
        x = Z.sum(axis=1) + Y.sum(axis=1)
    x = (x.iloc[:, 0] if isinstance(x, pd.DataFrame) else x).reindex(Z.index)
    names, units, F, F_Y = [], [], [], []
    extensions = _extensions(io)
    for ext in extensions:
        f = _get(ext, "F")
        if f is None and _get(ext, "S") is not None:  # coefficients only: F = S diag(x)
            f = _get(ext, "S").reindex(columns=Z.columns) * x.to_numpy()[None, :]
        if f is None:
            continue
        f = f.reindex(columns=Z.columns)
        fy = _get(ext, "F_Y")
        fy = (pd.DataFrame(0.0, index=f.index, columns=Y.columns) if fy is None
              else fy.reindex(index=f.index, columns=Y.columns).fillna(0.0))
        u = _get(ext, "unit")
        if isinstance(u, pd.DataFrame):
            u = u.iloc[:, 0].reindex(f.index)
        us = [str(u)] * len(f.index) if u is None or isinstance(u, str) else [str(v) for v in u]
        names += [(str(_get(ext, "name", "")), _name(i)) for i in f.index]
        units += us
        F.append(f.to_numpy(dtype=float))
        F_Y.append(fy.to_numpy(dtype=float))
    # A name in two extensions gets its extension's name first, as the folder reader does ("Emissions/CO2").
    uses = {}
    for _, nm in names:
        uses[nm] = uses.get(nm, 0) + 1
    names = [f"{ext}/{nm}" if uses[nm] > 1 else nm for ext, nm in names]
    if extensions and not F:  # never a table that silently lost its satellite accounts
        raise _worldsys.InputError(
            f"from_pymrio: {len(extensions)} extension(s) "
            f"({', '.join(str(_get(e, 'name', '?')) for e in extensions)}) but none has F or S; nothing to import")
    n, fd = len(regions) * len(sectors), len(regions) * len(categories)
    F = np.vstack(F) if F else np.zeros((0, n))
    F_Y = np.vstack(F_Y) if F_Y else np.zeros((0, fd))
    if unit is None:
        unit = _get(io, "unit")
        if isinstance(unit, pd.DataFrame):
            unit = str(unit.iloc[0, 0])
    core = _worldsys.make_mrio(regions, sectors, [], categories, str(unit or "M USD"),
                               Z.reindex(columns=Z.index).to_numpy(dtype=float), Y.to_numpy(dtype=float),
                               x.to_numpy(dtype=float), list(zip(names, units)), F, F_Y, source, year)
    return MRIO(core)


def to_pymrio(mrio):
    """The table as pymrio's ``IOSystem`` (Z, Y, x, A, unit, and the extension ``satellites`` with F, F_Y and unit)
    when pymrio is importable; otherwise a plain object laid out the same way, with ``extensions['satellites']``
    too. The matrices are the table's read-only views, A a new array."""
    unit = pd.DataFrame({"unit": [s["unit"] for s in mrio.stressors]}, index=mrio.F.index)
    core_unit = pd.DataFrame({"unit": [mrio.unit] * len(mrio.Z)}, index=mrio.Z.index)
    try:
        import pymrio
    except ImportError:
        pymrio = None
    if pymrio is not None:
        sat = pymrio.Extension(name="satellites", F=mrio.F, F_Y=mrio.F_Y, unit=unit)
        return pymrio.IOSystem(Z=mrio.Z, Y=mrio.Y, x=mrio.x, A=mrio.A, unit=core_unit,
                               name=mrio.provenance["source"], satellites=sat)
    sat = types.SimpleNamespace(name="satellites", F=mrio.F, F_Y=mrio.F_Y, unit=unit)
    return types.SimpleNamespace(Z=mrio.Z, Y=mrio.Y, x=mrio.x, A=mrio.A, unit=core_unit,
                                 extensions={"satellites": sat}, satellites=sat, year=mrio.year)


def _parts(m):
    return dict(regions=m.regions, sectors=m.sectors, sector_names=list(m._core.sector_names), categories=m.categories,
                unit=m.unit, Z=np.asarray(m._core.Z), Y=np.asarray(m._core.Y), x=np.asarray(m._core.x),
                stressors=[(s["name"], s["unit"]) for s in m.stressors], F=np.asarray(m._core.F),
                F_Y=np.asarray(m._core.F_Y), source=m.provenance["source"], year=m.year)


def _from_parts(parts):
    return MRIO(_worldsys.make_mrio(**parts))
