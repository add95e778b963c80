"""Many years, scenarios and uncertainty draws on a Dask distributed cluster.

    from distributed import Client
    import worldsys, worldsys.dask as wd
    client = Client("tcp://10.0.0.5:8786")
    df = wd.map_panel(co2_footprint, "panels/exio3", draws=range(100), seed=7,
                      error_model=worldsys.ErrorModel(sigma=0.1), client=client)

Each task is a small picklable spec: a store path (the workers open it from a shared filesystem) or an MRIO (its
arrays are shipped), a scenario, a draw index and the seed; draws are the library's Monte Carlo tables (worldsys.perturb: the
error model of ``worldsys uncertainty``) unless ``perturb=`` says otherwise. The random stream of draw d depends only on
(seed, d), never on the worker or the order tasks run in, so a cluster run equals the serial run
(``client=None``, in this process) exactly. Results are concatenated in task order with key columns
year, scenario, draw in front.

``python3 -m worldsys.dask VERB --args JSON --scheduler ADDR [--format F] [--out FILE] -- STORE...`` is what
``worldsys footprint|drain --panel ... --scheduler ADDR`` runs: one task per store, rows gathered in year order and
printed by the library's own table writer, byte for byte what the serial CLI prints.
"""
import dataclasses
import os
import sys

import pandas as pd

import worldsys
from worldsys import _worldsys


@dataclasses.dataclass(frozen=True)
class Task:
    """One unit of work: which table, which scenario, which draw."""
    store: object          # a store path, or an MRIO shipped to the worker
    year: object           # the table's year (from the panel), or None
    scenario: object       # None: the table as published; else passed to `apply`
    draw: object           # None: no perturbation; else the draw index
    seed: int = 0


def run_task(func, task, perturb=None, apply=None, error_model=None):
    """Opens (or takes) the table, applies the scenario and the draw, calls func(mrio, key) and labels its rows.
    BLAS runs single-threaded inside, so a task gives the same bits on any worker and in the serial run."""
    with worldsys.blas_threads(1):
        return _run_task(func, task, perturb, apply, error_model)


def _run_task(func, task, perturb, apply, error_model):
    m = task.store if isinstance(task.store, worldsys.MRIO) else worldsys.open(task.store)
    if task.scenario is not None:
        m = (apply or worldsys.apply_scenario)(m, task.scenario)
    if task.draw is not None:
        if perturb is None:
            if error_model is None:
                raise worldsys.UsageError("draws need error_model=worldsys.ErrorModel(...) (or perturb=)")
            m = worldsys.perturb(m, error_model, task.seed, task.draw)
        elif error_model is None:
            m = perturb(m, task.seed, task.draw)
        else:
            m = perturb(m, error_model, task.seed, task.draw)
    key = {"year": task.year if task.year is not None else m.year, "scenario": _scenario_name(task.scenario),
           "draw": task.draw}
    out = func(m, key)
    out = (out if isinstance(out, pd.DataFrame) else pd.DataFrame(out)).copy()
    labels = [("year", key["year"])]
    if task.scenario is not None:
        labels.append(("scenario", key["scenario"]))
    if task.draw is not None:
        labels.append(("draw", task.draw))
    for i, (k, v) in enumerate(labels):
        if k in out.columns:
            out = out.drop(columns=k)
        out.insert(i, k, v)
    return out


def _scenario_name(s):
    if s is None:
        return None
    return getattr(s, "name", None) or (os.path.basename(os.fspath(s)) if isinstance(s, (str, os.PathLike)) else
                                        str(s))


def tasks(stores, scenarios=None, draws=None, seed=0):
    """The task list: stores (a panel directory, a list of paths or MRIOs, or {year: store}) x scenarios x draws,
    in that nesting order."""
    if isinstance(stores, (str, os.PathLike)) and os.path.isfile(os.path.join(stores, "meta.json")):
        stores = {None: os.fspath(stores)}
    elif isinstance(stores, (str, os.PathLike)):
        stores = {_year_of(p): p for p in worldsys.panel(stores)}
    elif isinstance(stores, worldsys.MRIO):
        stores = {stores.year: stores}
    elif not isinstance(stores, dict):
        stores = {(s.year if isinstance(s, worldsys.MRIO) else _year_of(s)): s for s in stores}
    scenarios = [None] if scenarios is None else list(scenarios)
    draws = [None] if draws is None else list(draws)
    return [Task(s if isinstance(s, worldsys.MRIO) else os.fspath(s), y, sc, d, seed)
            for y, s in stores.items() for sc in scenarios for d in draws]


def _year_of(path):
    name = os.path.basename(os.path.normpath(os.fspath(path)))
    return int(name) if name.isdigit() else None


def map_panel(func, stores, scenarios=None, draws=None, seed=0, perturb=None, apply=None, error_model=None,
              client=None):
    """func(mrio, key) -> DataFrame over stores x scenarios x draws; one tidy DataFrame with key columns
    (year; scenario when scenarios are given; draw when draws are given) first.

    client: a ``distributed.Client`` (each task runs on a worker), or None to run serially in this process.
    error_model: a ``worldsys.ErrorModel`` for the draws, perturbed by the library's ``worldsys.perturb``
    (required with draws unless ``perturb`` is given). perturb: your own (mrio, seed, draw) -> MRIO, or with
    error_model (mrio, error_model, seed, draw) -> MRIO. scenarios: ``worldsys.Scenario`` objects or scenario files,
    applied by ``worldsys.apply_scenario`` unless apply: (mrio, scenario) -> MRIO says otherwise.
    Everything passed must be picklable for a cluster (module-level functions, not lambdas, on process workers).
    """
    ts = tasks(stores, scenarios, draws, seed)
    if client is None:
        parts = [run_task(func, t, perturb, apply, error_model) for t in ts]
    else:
        futures = client.map(run_task, [func] * len(ts), ts, perturb=perturb, apply=apply, error_model=error_model,
                             pure=False)
        parts = client.gather(futures)  # in task order, whatever order they finished in
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


# The CLI's runner: `worldsys footprint|drain|gvc --panel P --scheduler ADDR` execs this.

def _verb_task(verb, args, store):
    with worldsys.blas_threads(1):  # as the serial CLI computes a panel's years
        return _verb_task_in(verb, args, store)


def _verb_task_in(verb, args, store):
    if verb == "footprint":
        return _worldsys.footprint_panel([store], args)
    if verb == "drain":
        return _worldsys.drain([store], args)
    if verb == "gvc":
        return _worldsys.gvc_panel([store], args)
    raise worldsys.UsageError(f"the distributed runner knows footprint, drain and gvc, not {verb}")


def _concat(parts):
    """Row-wise concatenation of C++ table columns (same names and kinds in every part)."""
    import numpy as np
    out = []
    for j, (name, numeric, _) in enumerate(parts[0]):
        values = [p[j][2] for p in parts]
        out.append((name, numeric, np.concatenate(values) if numeric else [v for vs in values for v in vs]))
    return out


def run_verb(verb, args, stores, client):
    """Each store as one task on the cluster; the columns of all rows, in store order."""
    futures = client.map(_verb_task, [verb] * len(stores), [args] * len(stores), stores, pure=False)
    try:
        return _concat(client.gather(futures))
    except BaseException:
        client.cancel(futures)  # one task failed: the others are not waited for (nor left running on the cluster)
        raise


def main(argv=None):
    import argparse
    p = argparse.ArgumentParser(prog="python3 -m worldsys.dask",
                                description="The distributed runner behind `worldsys footprint|drain|gvc --scheduler`.")
    p.add_argument("verb", choices=["footprint", "drain", "gvc"])
    p.add_argument("--args", required=True, help="the verb's arguments as JSON")
    p.add_argument("--scheduler", required=True, help="tcp://HOST:PORT of a Dask scheduler")
    p.add_argument("--format", default="table", choices=["table", "csv", "json"])
    p.add_argument("--out", default="")
    p.add_argument("--timeout", default=os.environ.get("WORLDSYS_SCHEDULER_TIMEOUT", "20s"),
                   help="how long to wait for the scheduler (default $WORLDSYS_SCHEDULER_TIMEOUT or 20s)")
    p.add_argument("stores", nargs="+")
    a = p.parse_args(argv)
    # A client closed while the cluster still answers (after a task's error) can leave asyncio futures whose
    # TimeoutError nobody retrieves; asyncio would print them to stderr after the one-line error the CLI promises.
    import logging
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        from distributed import Client
    except ImportError as e:
        print(f"worldsys: error: --scheduler needs Dask distributed in {sys.executable} (Debian: apt install "
              f"python3-distributed): {e}", file=sys.stderr)
        return 3
    try:
        try:
            client = Client(a.scheduler, timeout=a.timeout)
        except (OSError, TimeoutError) as e:
            print(f"worldsys: error: cannot reach the Dask scheduler at {a.scheduler}: {e}", file=sys.stderr)
            return 3
        except (ValueError, TypeError) as e:  # an address Dask cannot parse
            print(f"worldsys: error: --scheduler '{a.scheduler}' is not a Dask scheduler address: {e}",
                  file=sys.stderr)
            return 2
        with client:
            try:
                cols = run_verb(a.verb, a.args, a.stores, client)
            except ImportError as e:  # raised on a worker: the package is not where its Python looks
                print(f"worldsys: error: the Dask workers cannot import worldsys ({e}); install it on every worker "
                      f"(pip install --no-build-isolation --no-index . in the worldsys checkout) or start them with "
                      f"PYTHONPATH pointing at build/python", file=sys.stderr)
                return 3
        if a.out:
            _worldsys.write_table_file(cols, a.out, a.format)
        else:
            sys.stdout.write(_worldsys.table_text(cols, a.format))
            sys.stdout.flush()
    except worldsys.WorldsysError as e:
        print(f"worldsys: error: {e}", file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
