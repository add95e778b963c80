"""worldsys: the world economy as one system, from Python.

    import worldsys
    w = worldsys.open("wiod2011")          # a store made by `worldsys import` (None: the embedded sample world)
    w.Z, w.Y, w.x, w.F                     # pandas DataFrames on (region, sector), read-only views of the store
    w.footprint(stressors=["co2"])         # the same rows as `worldsys footprint wiod2011 --stressor co2 --format csv`

Every result is computed by the C++ library the CLI uses (module ``_worldsys``); this package only labels arrays
and turns result columns into DataFrames. Errors are ``WorldsysError`` subclasses carrying the CLI's message.
"""
import builtins as _builtins
import json as _json
import os as _os

import numpy as _np
import pandas as _pd

# An installed wheel (`pip install .`) ships the default data beside the package; the library reads $WORLDSYS_DATA
# (io::default_data_path). In the build tree there is no data/ here and the library finds the source's data/.
_data = _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "data")
if not _os.environ.get("WORLDSYS_DATA") and _os.path.isdir(_data):
    _os.environ["WORLDSYS_DATA"] = _data

from . import _worldsys
from ._worldsys import ErrorModel, InputError, NumericalError, StoreError, UsageError, WorldsysError

__all__ = [
    "open", "MRIO", "footprint", "flows", "gvc", "gvc_panel", "drain", "poverty", "inequality", "gap", "from_pymrio", "to_pymrio",
    "panel", "blas_threads", "Scenario", "ErrorModel", "load_scenario", "parse_scenario", "apply_scenario",
    "scenario", "prices", "perturb", "uncertainty", "WorldsysError", "InputError", "UsageError", "StoreError", "NumericalError",
]
__version__ = "0.1.0"


_builtin_open = _builtins.open  # `open` below is worldsys.open


_INTEGER_COLUMNS = {"year", "reporting_year", "from", "to", "countries"}


def _column(name, numeric, values):
    if not numeric:
        return _pd.array(values, dtype=object)
    if name in _INTEGER_COLUMNS and _np.all(_np.isfinite(values)):
        return _np.asarray(values, dtype=_np.int64)  # years are integers, not 2024.0
    return values


def _frame(columns):
    """A tidy DataFrame from the C++ table's columns (name, numeric, values), in the CLI's column order."""
    return _pd.DataFrame({name: _column(name, numeric, values) for name, numeric, values in columns},
                         columns=[c[0] for c in columns])


def _plain(v):
    """numpy scalars (a draw count from np.arange, a line from a DataFrame) as the Python numbers JSON takes."""
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"{type(v).__name__} is not an argument worldsys takes")


def _args(**kwargs):
    """JSON arguments for the library: None means 'the default', so it is left out."""
    return _json.dumps({k: v for k, v in kwargs.items() if v is not None}, default=_plain)


def _listify(v):
    if v is None:
        return None
    return [v] if isinstance(v, str) or not hasattr(v, "__iter__") else list(v)


def _path(store):
    return "" if store is None else _os.fspath(store)


class MRIO:
    """A multi-regional input-output table in C++ memory, labelled for pandas.

    ``Z``, ``Y``, ``x``, ``F``, ``F_Y`` are DataFrames wrapping read-only numpy views of the table's own buffers
    (no copy; the table stays alive while any view does). ``A`` and ``S`` are computed on request and are new
    arrays. Rows and the columns of Z are a ``(region, sector)`` MultiIndex, Y's and F_Y's columns
    ``(region, category)``, F's rows the stressor names (as pymrio lays them out).
    """

    def __init__(self, core):
        self._core = core
        self._cache = {}

    # labels
    @property
    def regions(self):
        return list(self._core.regions)

    @property
    def sectors(self):
        return list(self._core.sectors)

    @property
    def categories(self):
        return list(self._core.categories)

    @property
    def unit(self):
        return self._core.unit

    @property
    def year(self):
        return self._core.year

    @property
    def stressors(self):
        """One dict per stressor: name, unit, note."""
        return list(self._core.stressors)

    @property
    def provenance(self):
        return self._core.provenance

    def _index(self, key):
        if key not in self._cache:
            if key == "rs":
                idx = _pd.MultiIndex.from_product([self.regions, self.sectors], names=["region", "sector"])
            elif key == "rc":
                idx = _pd.MultiIndex.from_product([self.regions, self.categories], names=["region", "category"])
            else:
                idx = _pd.Index([s["name"] for s in self.stressors], name="stressor")
            self._cache[key] = idx
        return self._cache[key]

    def _labelled(self, arr, rows, cols):
        return _pd.DataFrame(arr, index=self._index(rows), columns=self._index(cols), copy=False)

    # matrices: views
    @property
    def Z(self):
        return self._labelled(self._core.Z, "rs", "rs")

    @property
    def Y(self):
        return self._labelled(self._core.Y, "rs", "rc")

    @property
    def x(self):
        """Gross output as a one-column DataFrame ``indout`` (pymrio's layout)."""
        return _pd.DataFrame({"indout": self._core.x}, index=self._index("rs"), copy=False)

    @property
    def F(self):
        return self._labelled(self._core.F, "st", "rs")

    @property
    def F_Y(self):
        return self._labelled(self._core.F_Y, "st", "rc")

    # matrices: computed, new arrays
    @property
    def A(self):
        """A = Z diag(x)^-1 (columns with x = 0 are zero): computed by the library, a new array."""
        return self._labelled(self._core.A(), "rs", "rs")

    @property
    def S(self):
        """S = F diag(x)^-1: computed by the library, a new array."""
        return self._labelled(self._core.S(), "st", "rs")

    # results: the CLI's verbs on this table
    def footprint(self, stressors=None, by="region", groups=None, precision=None, multipliers=False, pba=None):
        """Rows of ``worldsys footprint`` (region,stressor,unit,cba,pba,imp,exp,imbalance; by='sector' adds sector
        columns; multipliers=True gives M = S L instead; pba='model' gives pymrio's D_pba = S diag(L y))."""
        return _frame(_worldsys.footprint(self._core, _args(stressors=_listify(stressors), by=by, groups=groups,
                                                            precision=precision, multipliers=multipliers, pba=pba)))

    def flows(self, stressors=None, groups=None, precision=None):
        """Rows of ``worldsys flows``: origin,destination,stressor,unit,value."""
        return _frame(_worldsys.flows(self._core, _args(stressors=_listify(stressors), groups=groups,
                                                        precision=precision)))

    def gvc(self, measure="vax", by="exporter", factor=None, value_added=None, groups=None, origin_sector=False,
            final_sectors=None, origin_groups=None, ddc_inverse=None):
        """Rows of ``worldsys gvc``: exporter,[importer],[sector],term,value,unit. measure: exports, vax,
        va-origin, va-balance, tiva, kww, wwz, borin-mancini or participation; by: exporter, exporter-importer,
        exporter-sector or exporter-importer-sector; factor: value_added or a stressor (hours, emissions ...);
        groups: regions merged into countries (trade inside a group is domestic); chains: final_sectors (codes)
        and origin_groups (e.g. "wiod-north-south"). Several factors: a list or "value_added,labour_hours"."""
        return _frame(_worldsys.gvc(self._core, _gvc_args(measure, by, factor, value_added, groups, origin_sector,
                                                          final_sectors, origin_groups, ddc_inverse)))

    def drain(self, **kwargs):
        """Rows of ``worldsys drain`` on this table; keywords as :func:`worldsys.drain`."""
        return _frame(_worldsys.drain_mrio(self._core, _drain_args(**kwargs)))

    def apply(self, scenario):
        """The scenario's table (a new MRIO); see :func:`worldsys.apply_scenario`."""
        return apply_scenario(self, scenario)

    def perturb(self, error_model, seed, draw):
        """Monte Carlo draw ``draw`` of ``seed`` (a new MRIO); see :func:`worldsys.perturb`."""
        return perturb(self, error_model, seed, draw)

    def save(self, path, overwrite=False):
        """Writes a store (meta.json + .npy), atomically."""
        _worldsys.write_store(self._core, _os.fspath(path), overwrite)

    def to_pymrio(self):
        from .pymrio import to_pymrio
        return to_pymrio(self)

    def __reduce__(self):  # pickled as arrays and labels, e.g. to ship a slice to a Dask worker
        from .pymrio import _from_parts, _parts
        return (_from_parts, (_parts(self),))

    def __repr__(self):
        return (f"<worldsys.MRIO {len(self.regions)} regions x {len(self.sectors)} sectors, "
                f"{len(self.stressors)} stressors, {self.unit}, year {self.year}>")


class blas_threads:
    """``with worldsys.blas_threads(1): ...`` runs the library's BLAS on that many threads inside the block.
    Tasks of worldsys.dask run with one thread (as Dask's workers do), which makes results independent of where
    they run: multi-threaded BLAS adds in another order and changes the last bits."""

    def __init__(self, n):
        self.n = n

    def __enter__(self):
        self.previous = _worldsys.set_blas_threads(self.n)
        return self

    def __exit__(self, *exc):
        _worldsys.set_blas_threads(self.previous)


def open(store=None):
    """Opens a store directory (made by ``worldsys import``/``aggregate``); None: the embedded sample world."""
    return MRIO(_worldsys.open_store(_path(store)))


def panel(path, first=0, last=9999):
    """Store paths of a panel directory (one store per year) in [first, last], oldest first."""
    return list(_worldsys.panel_stores(_os.fspath(path), first, last))


def _mrio(store):
    return store if isinstance(store, MRIO) else open(store)


def footprint(store=None, **kwargs):
    """``worldsys footprint STORE`` as a DataFrame; keywords as :meth:`MRIO.footprint`."""
    return _mrio(store).footprint(**kwargs)


def flows(store=None, **kwargs):
    """``worldsys flows STORE`` as a DataFrame."""
    return _mrio(store).flows(**kwargs)


def gvc(store=None, **kwargs):
    """``worldsys gvc STORE`` as a DataFrame; keywords as :meth:`MRIO.gvc`."""
    return _mrio(store).gvc(**kwargs)


def _gvc_args(measure, by, factor, value_added, groups, origin_sector, final_sectors, origin_groups, ddc_inverse=None):
    if factor is not None and not isinstance(factor, str):
        factor = ",".join(factor)
    return _args(measure=measure, by=by, factor=factor, value_added=value_added, groups=groups,
                 origin_sector=origin_sector, final_sectors=_listify(final_sectors), origin_groups=origin_groups,
                 ddc_inverse=ddc_inverse)


def gvc_panel(stores, measure="vax", by="exporter", factor=None, value_added=None, groups=None, origin_sector=False,
              final_sectors=None, origin_groups=None, ddc_inverse=None):
    """``worldsys gvc --panel``: the measure on each store with the table's year first."""
    stores = panel(stores) if isinstance(stores, (str, _os.PathLike)) else [_os.fspath(s) for s in stores]
    return _frame(_worldsys.gvc_panel(stores, _gvc_args(measure, by, factor, value_added, groups, origin_sector,
                                                        final_sectors, origin_groups, ddc_inverse)))


def footprint_panel(stores, stressors=None, by="region", groups=None, precision=None, multipliers=False, pba=None):
    """``worldsys footprint --panel``: footprint rows of each store with the table's year first."""
    stores = panel(stores) if isinstance(stores, (str, _os.PathLike)) else [_os.fspath(s) for s in stores]
    return _frame(_worldsys.footprint_panel(stores, _args(stressors=_listify(stressors), by=by, groups=groups,
                                                          precision=precision, multipliers=multipliers, pba=pba)))


def _drain_args(groups=None, factor=None, valuation=None, definition=None, north=None, south=None, row=None,
                by=None, attribution=None, final_demand=None, value=None, wage=None, wage_by_sector=None,
                constant_prices=None, lost_growth=None, pwt=None, erdi_variable=None, erdi_reference=None,
                erdi_all_exports=None, erdi_clamp=None, skill=None, combine=None):
    # factor: one stressor, or several side by side (a list, or "materials,land")
    if factor is not None and not isinstance(factor, str):
        factor = ",".join(factor)
    return _args(groups=groups, factor=factor, valuations=_listify(valuation), definition=definition, north=north,
                 south=south, row=row, by=by, attribution=attribution, final_demand=_listify(final_demand),
                 value=value, wage=wage, wage_by_sector=wage_by_sector, constant_prices=constant_prices,
                 lost_growth=lost_growth, pwt=pwt, erdi_variable=erdi_variable, erdi_reference=erdi_reference,
                 erdi_all_exports=erdi_all_exports, erdi_clamp=erdi_clamp, skill=skill, combine=combine)


def drain(store=None, panel_dir=None, first=0, last=9999, **kwargs):
    """``worldsys drain`` as a DataFrame: one store, a list of stores, or ``panel_dir`` (years first..last).
    Keywords are the CLI's options with underscores (valuation may be a list or 'all')."""
    if isinstance(store, MRIO):
        return store.drain(**kwargs)
    if panel_dir is not None:
        stores = panel(panel_dir, first, last)
    elif store is None or isinstance(store, (str, _os.PathLike)):
        stores = [_path(store)]
    else:
        stores = [_os.fspath(s) for s in store]
    return _frame(_worldsys.drain(stores, _drain_args(**kwargs)))


def poverty(store=None, line=None, year=None, by=None, ppp=None, convert_line=None, method=None, estimates=None,
            coverage=None, grouped=None, columns=None, tabulation=None, mean=None, share=None, country=None,
            no_survey=None, impute=None, names=None, calibrate=None):
    """``worldsys poverty`` as a DataFrame: a distribution STORE (``line`` one line or a list of them, or ``share``:
    the line below which that share lives), or one ``grouped=`` / ``tabulation=`` file."""
    if line is None and share is None:
        raise UsageError("poverty needs a line (or share=P for the line below which the share P lives)")
    if tabulation is not None or grouped is not None:
        if line is None or _listify(line) != [line]:
            raise UsageError("grouped= and tabulation= take one line")
        if tabulation is not None:
            return _frame(_worldsys.poverty_tabulation(_os.fspath(tabulation), mean or 0.0, float(line)))
        return _frame(_worldsys.poverty_grouped(_os.fspath(grouped), columns or "", mean or 0.0, float(line),
                                                method or "auto"))
    if store is None:
        raise UsageError("give a distribution STORE, or grouped=FILE mean=M")
    try:
        lines = [float(v) for v in _listify(line)] if line is not None else None
    except (TypeError, ValueError):
        raise UsageError(f"line={line!r}: give a number of PPP dollars a day, or a list of them") from None
    countries = [str(c) for c in _listify(country)] if country is not None else None
    return _frame(_worldsys.poverty(_os.fspath(store), _args(lines=lines, year=_years(year), by=by, ppp=ppp,
                                                             convert_line=convert_line, method=method,
                                                             estimates=estimates, coverage=coverage,
                                                             share=float(share) if share is not None else None,
                                                             countries=countries, no_survey=no_survey,
                                                             impute=impute, names=names, calibrate=calibrate)))

def _years(year):
    """2017, '1990-2019' or (1990, 2019) into the CLI's year spec."""
    if year is None:
        return None
    if isinstance(year, (tuple, list, range)):
        return f"{min(year)}-{max(year)}"
    return str(year)


def inequality(store=None, year=None, by=None, decompose=None, units=None, source_gini=None, tabulation=None,
               fractiles=None, mean=None, calibrate=None):
    """``worldsys inequality STORE`` as a DataFrame, or ``tabulation=FILE`` read at ``fractiles`` (gpinter-style)."""
    if tabulation is not None:
        return _frame(_worldsys.inequality_tabulation(_os.fspath(tabulation), mean or 0.0,
                                                      [float(p) for p in _listify(fractiles or [])]))
    if store is None:
        raise UsageError("give a distribution STORE, or tabulation=FILE")
    return _frame(_worldsys.inequality(_os.fspath(store), _args(year=_years(year), by=by, decompose=decompose,
                                                                units=units, source_gini=source_gini,
                                                                calibrate=calibrate)))


def gap(store, first, last, share=None, weights=None, trend=None, fixed=None, balanced=None):
    """``worldsys gap STORE --from FIRST --to LAST`` as a DataFrame."""
    return _frame(_worldsys.gap(_os.fspath(store), _args(**{"from": first, "to": last}, share=share, weights=weights,
                                                         trend=trend, fixed=fixed, balanced=balanced)))


# The scenario engine: scenarios, the Leontief price model, Monte Carlo draws (docs/scenarios.md).

class Scenario:
    """A scenario parsed by the library (the YAML language of docs/scenarios.md). Made by :func:`load_scenario`
    or :func:`parse_scenario`; errors name file:line:col as the CLI does. Pickles as its text (Dask tasks)."""

    def __init__(self, text, origin="<string>"):
        self.text, self.origin = text, origin
        self._core = _worldsys.parse_scenario(text, origin)

    @property
    def name(self):
        return self._core.name

    @property
    def description(self):
        return self._core.description

    @property
    def changes(self):
        """The kinds of its changes, in order (final_demand, technology, intensity, wage)."""
        return list(self._core.changes)

    def __reduce__(self):
        return (Scenario, (self.text, self.origin))

    def __repr__(self):
        return f"<worldsys.Scenario {self.name!r} from {self.origin}, {len(self.changes)} changes>"


def load_scenario(path):
    """Reads a scenario file (YAML)."""
    path = _os.fspath(path)
    _worldsys.load_scenario(path)  # the library's own errors for a missing or bad file
    with _builtin_open(path, encoding="utf-8") as f:
        return Scenario(f.read(), path)


def parse_scenario(text, origin="<string>"):
    """A scenario from YAML text; ``origin`` names it in errors."""
    return Scenario(text, origin)


def _scenario(s):
    return s if isinstance(s, Scenario) else load_scenario(s)


def apply_scenario(mrio, scenario):
    """The scenario's table, a new MRIO (``mrio`` untouched): a store path, None or an MRIO, and a Scenario or a
    scenario file. A scenario that changes nothing gives the table bit for bit."""
    return MRIO(_worldsys.apply_scenario(_mrio(mrio)._core, _scenario(scenario)._core))


def scenario(store, file, stressors=None, groups=None, prices=False, final_demand=None, by_sector=False):
    """``worldsys scenario STORE FILE`` as a DataFrame: every account of the scenario table beside the baseline
    (region,stressor,unit,account,baseline,scenario,diff,pct_change), or with ``prices=True`` the price model's
    effect of its wage changes. ``store``: a path, None (the embedded sample world) or an MRIO."""
    return _frame(_worldsys.scenario(_mrio(store)._core, _scenario(file)._core,
                                     _args(stressors=_listify(stressors), groups=groups, prices=prices,
                                           final_demand=_listify(final_demand), by_sector=by_sector)))


def prices(store=None, in_=None, to_level_of=None, scale=None, raise_=None, per=None, by=None, no_cut=None,
           groups=None, final_demand=None, by_sector=None):
    """``worldsys prices`` as a DataFrame: consumer and producer price changes (Leontief price model) after the
    wages of ``in_`` (regions or groups) rise to the level of ``to_level_of``, or by ``scale``. Keywords are the
    CLI's options (``in_`` and ``raise_`` for --in and --raise)."""
    if in_ is None:
        raise UsageError("prices needs in_= (the regions whose wages rise)")
    return _frame(_worldsys.prices(_mrio(store)._core, _args(
        **{"in": _listify(in_), "raise": raise_}, to_level_of=_listify(to_level_of), scale=scale, per=per, by=by,
        no_cut=no_cut, groups=groups, final_demand=_listify(final_demand), by_sector=by_sector)))


def perturb(mrio, error_model, seed, draw):
    """Draw ``draw`` of the Monte Carlo table for ``seed`` (a new MRIO): every cell of Z, Y, F, F_Y times a
    mean-preserving log-normal factor, output rebalanced. A pure function of (table, error model, seed, draw):
    the same bits on any machine, worker or thread count. ``error_model``: an :class:`ErrorModel`, or a number
    (the same relative sigma for Z, Y and F)."""
    if not isinstance(error_model, ErrorModel):
        error_model = ErrorModel(sigma=float(error_model))
    return MRIO(_worldsys.perturb(_mrio(mrio)._core, error_model, int(seed), int(draw)))


def uncertainty(store=None, draws=None, seed=None, sigma=None, sigma_z=None, sigma_y=None, sigma_f=None,
                cell_sd=None, rebalance=None, stressors=None, groups=None, drain=None, valuation=None, factor=None,
                north=None, south=None, threads=None, error_model=None, solver=None):
    """``worldsys uncertainty`` as a DataFrame (measure,region,stressor,unit,baseline,mean,sd,p2_5,p50,p97_5,draws).
    ``store``: a path, None or an MRIO; ``error_model``: an :class:`ErrorModel` instead of the sigma keywords;
    ``solver``: "refine" (the default: on the published table's LU) or "factor" (each draw's own LU)."""
    args = _args(draws=draws, seed=seed, sigma=sigma, sigma_z=sigma_z, sigma_y=sigma_y, sigma_f=sigma_f,
                 cell_sd=cell_sd, rebalance=rebalance, stressors=_listify(stressors), groups=groups, drain=drain,
                 valuations=_listify(valuation), factor=factor, north=north, south=south, threads=threads,
                 solver=solver)
    if error_model is None and not isinstance(store, MRIO):
        return _frame(_worldsys.uncertainty(_path(store), args))
    if error_model is None:
        if cell_sd:
            raise UsageError("cell_sd reads the sd files beside a store: give its path, or error_model=")
        error_model = ErrorModel.from_args("", args)
    return _frame(_worldsys.uncertainty_mrio(_mrio(store)._core, error_model, args))


from .pymrio import from_pymrio, to_pymrio  # noqa: E402  (needs MRIO above)


def _error_model_from_state(state):
    """Rebuilds a pickled :class:`ErrorModel` (its ``__reduce__`` names this function)."""
    return _worldsys._error_model_from_state(state)
