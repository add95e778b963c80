"""docs/recipes: each recipe's `# figures` block, run as written on a fixture panel with the release's real labels
(EXIOBASE at its 49 regions, Eora26's Q rows), its figures checked against numpy from the stores' .npy files."""
import re
import shlex

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run
from test_exiobase_factors_independent import Dense, imf_north

RECIPES = ROOT / "docs" / "recipes"


@pytest.fixture(scope="module")
def panels(tmp_path_factory):
    d = tmp_path_factory.mktemp("recipes")
    for y in (2020, 2021):
        run("fixture", "exiobase3", "--regions", 49, "--sectors", 8, "--year", y, "--out", d / "exio")
        run("fixture", "eora26", "--regions", 10, "--sectors", 3, "--year", y - 6, "--out", d / "eora")
    run("import", "exiobase3", d / "exio", "--years", "2020-2021", "--out", d / "exio-panel")
    run("import", "eora26", d / "eora", "--years", "2014-2015", "--out", d / "eora-panel")
    return {"hickel2024": d / "exio-panel", "hickel2022": d / "eora-panel", "dorninger2021": d / "eora-panel"}


def figures(name):
    """The commands of the recipe's `# figures` block."""
    text = (RECIPES / f"{name}.md").read_text()
    blocks = re.findall(r"```bash\n# figures\n(.*?)```", text, re.S)
    assert len(blocks) == 1, f"{name}.md needs one ```bash block starting with '# figures'"
    return [shlex.split(line) for line in blocks[0].strip().splitlines()]


def run_recipe(name, panel, out):
    """Runs each command (worldsys replaced by the binary, $PANEL by the fixture, --out into `out`); the tables."""
    tables = {}
    for words in figures(name):
        assert words[0] == "worldsys", words
        words = [str(panel) if w == "$PANEL" else w for w in words[1:]]
        i = words.index("--out")
        target = out / words[i + 1]
        words[i + 1] = str(target)
        run(*words)
        tables[target.name] = pd.read_csv(target)
    return tables


def test_hickel2024(panels, tmp_path):
    t = run_recipe("hickel2024", panels["hickel2024"], tmp_path)
    skill = t["hickel2024-skill.csv"]
    assert set(skill.year) == {2020, 2021}
    d = Dense(panels["hickel2024"] / "2021")
    north = np.array([r in imf_north(2021) for r in d.meta["regions"]])
    by_sector = np.repeat(north, d.S)
    total = 0.0
    for c in ("low", "medium", "high"):
        hours, wages = d.row(f"labour_hours_{c}"), d.row(f"labour_compensation_{c}")
        H = d.flows(f"labour_hours_{c}")
        net = H[np.ix_(~north, north)].sum() - H[np.ix_(north, ~north)].sum()
        total += net * wages[by_sector].sum() / hours[by_sector].sum()
    got = skill[(skill.year == 2021) & (skill.factor == "labour_hours (sum over skills)")].set_index("measure")
    assert got.loc["drain", "value"] == pytest.approx(total, rel=1e-9)
    assert got.loc["drain", "unit"] == "M.EUR"
    assert {"wage_gap", "wage_north", "wage_south"} <= set(skill.measure)
    assert len(t["hickel2024-total.csv"]) > 0 and len(t["hickel2024-by-sector.csv"]) > 0


def test_hickel2022(panels, tmp_path):
    t = run_recipe("hickel2022", panels["hickel2022"], tmp_path)
    drain = t["hickel2022.csv"]
    d = Dense(panels["hickel2022"] / "2015")
    north = np.array([r in {"AUS"} for r in d.meta["regions"]])  # the fixture's only IMF advanced economy
    v_ns = d.flows("value_added")[np.ix_(north, ~north)].sum()
    for factor in ("materials", "land", "energy"):
        E = d.flows(factor)
        e_sn, e_ns = E[np.ix_(~north, north)].sum(), E[np.ix_(north, ~north)].sum()
        got = drain[(drain.year == 2015) & (drain.factor == factor) & (drain.valuation == "northern-prices")]
        got = got.set_index("measure")["value"]
        assert got["net_appropriation"] == pytest.approx(e_sn - e_ns, rel=1e-9)
        assert got["drain"] == pytest.approx((e_sn - e_ns) * v_ns / e_ns, rel=1e-9)
    combined = t["hickel2022-combined.csv"]
    both = combined[(combined.year == 2015) & (combined.measure.str.startswith("drain"))].set_index("factor")["value"]
    assert both["materials+land+energy"] == pytest.approx(both[["materials", "land", "energy"]].mean(), rel=1e-12)


def test_dorninger2021(panels, tmp_path):
    t = run_recipe("dorninger2021", panels["dorninger2021"], tmp_path)
    assert set(t["dorninger2021.csv"].factor) == {"materials", "land", "energy"}
    fp = t["dorninger2021-footprints.csv"]
    assert set(fp.stressor) == {"materials", "land", "energy"} and set(fp.region) == {"North", "South"}
    # The world's footprint equals its production, group by group summed (the identity column reads true).
    for (year, stressor), g in fp.groupby(["year", "stressor"]):
        assert g.cba.sum() == pytest.approx(g.pba.sum() + g.imbalance.sum(), rel=1e-9)
