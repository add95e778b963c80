"""worldsys gvc against a literal numpy transcription of the papers' formulas (docs/methods/gvc.md): the full
inverse B, each local inverse L^ss, sums over third countries written out term by term. The engine instead
solves against one factorization and forms third-country sums as totals minus exclusions."""
import csv
import io
import json

import numpy as np
import pytest

from conftest import import_worldsys, run


def load(store):
    meta = json.loads((store / "meta.json").read_text())
    Z, Y, F = (np.load(store / f"{k}.npy") for k in ("Z", "Y", "F"))
    G, N = len(meta["regions"]), len(meta["sectors"])
    K = len(meta["final_demand_categories"])
    Yc = Y.reshape(G * N, G, K).sum(axis=2)  # final demand by destination country
    x = Z.sum(1) + Yc.sum(1)
    return meta, Z, Yc, F, x, G, N


def blocks(G, N):
    return [slice(s * N, (s + 1) * N) for s in range(G)]


def wwz_literal(Z, Yc, x, v, G, N):
    """T[s][r] = 16 x N array, straight from Wang, Wei & Zhu (2013) as written in docs/methods/gvc.md section 4."""
    n = G * N
    A = Z / np.where(x > 0, x, 1)[None, :]
    B = np.linalg.inv(np.eye(n) - A)
    S = blocks(G, N)
    L = [np.linalg.inv(np.eye(N) - A[S[s], S[s]]) for s in range(G)]
    V = [v[S[s]] for s in range(G)]
    Yb = lambda t, u: Yc[S[t], u]
    Bb = lambda t, u: B[S[t], S[u]]
    Ab = lambda t, u: A[S[t], S[u]]
    E = {(s, r): Ab(s, r) @ x[S[r]] + Yb(s, r) for s in range(G) for r in range(G) if r != s}
    Etot = [sum(E[s, r] for r in range(G) if r != s) for s in range(G)]
    T = {}
    for s in range(G):
        VL = V[s] @ L[s]
        VBss = V[s] @ Bb(s, s)
        for r in range(G):
            if r == s:
                continue
            third = [t for t in range(G) if t not in (s, r)]
            Asr = Ab(s, r)
            VBrs = V[r] @ Bb(r, s)
            OB = sum(V[t] @ Bb(t, s) for t in third)
            terms = [
                VBss * Yb(s, r),
                VL * (Asr @ Bb(r, r) @ Yb(r, r)),
                VL * (Asr @ sum(Bb(r, t) @ Yb(t, t) for t in third)),
                VL * (Asr @ Bb(r, r) @ sum(Yb(r, t) for t in third)),
                VL * (Asr @ sum(Bb(r, t) @ sum(Yb(t, u) for u in range(G) if u not in (s, t)) for t in third)),
                VL * (Asr @ Bb(r, r) @ Yb(r, s)),
                VL * (Asr @ sum(Bb(r, t) @ Yb(t, s) for t in third)),
                VL * (Asr @ Bb(r, s) @ Yb(s, s)),
                VL * (Asr @ Bb(r, s) @ sum(Yb(s, t) for t in range(G) if t != s)),
                (VL @ sum(Ab(s, t) @ Bb(t, s) for t in range(G) if t != s)) * (Asr @ x[S[r]]),
                VBrs * Yb(s, r),
                OB * Yb(s, r),
                VBrs * (Asr @ L[r] @ Yb(r, r)),
                OB * (Asr @ L[r] @ Yb(r, r)),
                VBrs * (Asr @ L[r] @ Etot[r]),
                OB * (Asr @ L[r] @ Etot[r]),
            ]
            T[s, r] = np.array(terms)
            np.testing.assert_allclose(T[s, r].sum(0), E[s, r], rtol=1e-9, atol=1e-6)  # adds up to exports
    return T


NAMES = ["DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_FIN", "RDV_FIN2", "RDV_INT",
         "DDC_FIN", "DDC_INT", "MVA_FIN", "OVA_FIN", "MVA_INT", "OVA_INT", "MDC", "ODC"]


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_wwz_every_term_matches_the_literal_formulas(default_store):
    meta, Z, Yc, F, x, G, N = load(default_store)
    v = (x - Z.sum(0)) / np.where(x > 0, x, 1)
    T = wwz_literal(Z, Yc, x, v, G, N)
    out = rows_of(run("gvc", default_store, "--measure", "wwz", "--by", "exporter-importer-sector",
                      "--format", "csv").stdout)
    regions, sectors = meta["regions"], meta["sectors"]
    got = {(r["exporter"], r["importer"], r["sector"], r["term"]): float(r["value"]) for r in out}
    scale = max(abs(t).max() for t in T.values())
    for (s, r), terms in T.items():
        for k, name in enumerate(NAMES):
            for i in range(N):
                assert got[regions[s], regions[r], sectors[i], name] == pytest.approx(terms[k, i], abs=1e-9 * scale)


def test_hours_in_exports_borin_mancini_dva_is_v_l_e(default_store):
    # Any factor instead of value added: domestic hours in exports = (hours/x)^s L^ss E^s*.
    meta, Z, Yc, F, x, G, N = load(default_store)
    k = [s["name"] for s in meta["stressors"]].index("labour_hours")
    v = F[k] / np.where(x > 0, x, 1)
    A = Z / np.where(x > 0, x, 1)[None, :]
    S = blocks(G, N)
    out = rows_of(run("gvc", default_store, "--measure", "borin-mancini", "--factor", "labour_hours",
                      "--format", "csv").stdout)
    got = {(r["exporter"], r["term"]): (float(r["value"]), r["unit"]) for r in out}
    for s in range(G):
        E = sum(A[S[s], S[r]] @ x[S[r]] + Yc[S[s], r] for r in range(G) if r != s)
        L = np.linalg.inv(np.eye(N) - A[S[s], S[s]])
        want = v[S[s]] @ L @ E
        value, unit = got[meta["regions"][s], "DVA"]
        assert value == pytest.approx(want, rel=1e-10)
        assert unit == meta["stressors"][k]["unit"]
        assert got[meta["regions"][s], "EXGR"][1] == meta["unit"]  # gross exports stay in money


def test_python_gives_the_cli_rows(default_store):
    ws = import_worldsys()
    df = ws.gvc(str(default_store), measure="borin-mancini", by="exporter-importer")
    cli = rows_of(run("gvc", default_store, "--measure", "borin-mancini", "--by", "exporter-importer",
                      "--format", "csv").stdout)
    assert list(df.columns) == ["exporter", "importer", "term", "value", "unit"]
    assert len(df) == len(cli)
    # Same rows; the last bits may differ when an earlier test left the module's BLAS on another thread count.
    np.testing.assert_allclose(df["value"].to_numpy(), [float(r["value"]) for r in cli], rtol=1e-12)
    with pytest.raises(ws.UsageError):
        ws.gvc(str(default_store), measure="participation", by="exporter-importer")


def test_chains_are_diag_v_b_f_with_north_south_origins(default_store):
    # Timmer et al. (2014): value added by origin in the final output f of each country's manufactures.
    meta, Z, Yc, F, x, G, N = load(default_store)
    n = G * N
    A = Z / np.where(x > 0, x, 1)[None, :]
    B = np.linalg.inv(np.eye(n) - A)
    k = [s["name"] for s in meta["stressors"]].index("labour_hours")
    hours = F[k] / np.where(x > 0, x, 1)
    va = (x - Z.sum(0)) / np.where(x > 0, x, 1)
    manuf = [i for i, s in enumerate(meta["sectors"]) if s.startswith("MANUF")]
    north = {"USA", "EU15", "EU_NEW_HI", "OTHER_ADV"}  # data/groups/world10-north-south.csv
    out = rows_of(run("gvc", default_store, "--measure", "chains", "--final-sectors", "MANUF_LIGHT,MANUF_HEAVY",
                      "--factor", "value_added,labour_hours", "--origin-groups", "world10-north-south",
                      "--format", "csv").stdout)
    got = {(r["country"], r["origin"], r["factor"], r["term"]): float(r["value"]) for r in out}
    for j, c in enumerate(meta["regions"]):
        f = np.zeros(n)
        for s in manuf:
            f[j * N + s] = Yc[j * N + s].sum()
        for name, v in (("value_added", va), ("labour_hours", hours)):
            content = v * (B @ f)
            from_north = sum(content[t * N:(t + 1) * N].sum() for t in range(G) if meta["regions"][t] in north)
            assert got[c, "North", name, "VA"] == pytest.approx(from_north, rel=1e-10)
            assert got[c, "South", name, "VA"] == pytest.approx(content.sum() - from_north, rel=1e-10)
            foreign = content.sum() - content[j * N:(j + 1) * N].sum()
            assert got[c, "all", name, "foreign_share"] == pytest.approx(foreign / content.sum(), rel=1e-10)
        assert got[c, "all", "value_added", "VA"] == pytest.approx(f.sum(), rel=1e-12)  # GVC income = final output
