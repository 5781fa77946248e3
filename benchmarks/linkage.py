"""Link an agency file against a registry with known truth: Pathways' model against an exact
join and plain splink, in one run.

    .venv/bin/python benchmarks/linkage.py [--registry 1000000] [--agency 100000]

The files come from ``pathways.linkage.synthetic.make`` (80% of the agency's people are in
the registry; noise: nicknames, surname changed at marriage with a moved ZIP, first-name typo
with a moved ZIP, surname typo, day and month swapped, missing birth date, birth date two
characters off, moved ZIP). Each method runs in its own process, so its peak memory (maximum
resident set size, as ``resource.getrusage`` reports it) is its own; time is the linkage
itself, after the standardised files are read. Scores are pairwise, against the truth:
precision and recall of the links between the two files (Pathways: its ``link`` decisions;
plain splink: match probability 0.95 or more, as its tutorials do; exact join: every pair
found); recall@0.995 is the highest recall any threshold on the same pairs gives while
precision stays at least 0.995. Blocking recall is the share of true pairs that at least
one blocking rule lets through to be compared.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

PLAIN_BLOCKING = [("birth_date",), ("first_name", "last_name"), ("last_name", "zip")]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def pairs_of(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """(agency id, registry id) of each pair, whichever side splink put each on."""
    out = set()
    for left, right in zip(frame["unique_id_l"], frame["unique_id_r"], strict=True):
        if left.startswith("agency:") and right.startswith("registry:"):
            out.add((left, right))
        elif right.startswith("agency:") and left.startswith("registry:"):
            out.add((right, left))
    return out


def run_exact(registry: pd.DataFrame, agency: pd.DataFrame) -> pd.DataFrame:
    """What a data shop often does: join on cleaned first name, surname and birth date."""
    keys = ["first_name", "last_name", "birth_date"]
    joined = agency.dropna(subset=keys).merge(registry.dropna(subset=keys), on=keys,
                                              suffixes=("_l", "_r"))
    return pd.DataFrame({"unique_id_l": joined["unique_id_l"],
                         "unique_id_r": joined["unique_id_r"], "match_probability": 1.0})


def run_plain_splink(registry: pd.DataFrame, agency: pd.DataFrame) -> pd.DataFrame:
    """splink's documented comparisons on the same columns, trained as its guide says."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    columns = ["unique_id", "first_name", "last_name", "birth_date", "zip"]
    db = DuckDBAPI(duckdb.connect())
    inputs = [db.register(frame[columns], dataset_display_name=name)
              for name, frame in (("agency", agency), ("registry", registry))]
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[block_on(*r) for r in PLAIN_BLOCKING],
        comparisons=[cl.NameComparison("first_name"), cl.NameComparison("last_name"),
                     cl.DateOfBirthComparison("birth_date", input_is_string=True),
                     cl.ExactMatch("zip")],
        retain_matching_columns=False, retain_intermediate_calculation_columns=False)
    linker = Linker(inputs, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "birth_date")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "last_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    return predictions.as_pandas_dataframe()[["unique_id_l", "unique_id_r",
                                              "match_probability"]]


def run_pathways(registry: pd.DataFrame, agency: pd.DataFrame) -> pd.DataFrame:
    from pathways.linkage import link_records, person_model

    def progress(stage: str, rows: int) -> None:
        print(f"  pathways: {stage} {rows:,}", file=sys.stderr, flush=True)

    result = link_records([agency, registry], person_model(), progress=progress)
    return result.pairs


def run_pathways_spark(registry: pd.DataFrame, agency: pd.DataFrame) -> pd.DataFrame:
    """The same model on splink's Spark backend (a local session)."""
    from pathways.linkage import link_records, person_model

    return link_records([agency, registry], person_model(), engine="spark",
                        memory_limit="2GB").pairs


# "spark" is not in a default run (slow to start on two cores); ask with --only spark.
METHODS = {"exact": run_exact, "splink": run_plain_splink, "pathways": run_pathways,
           "spark": run_pathways_spark}
DEFAULT = ["exact", "splink", "pathways"]


def child(method: str, data: Path) -> None:
    """Run one method on the standardised files and write its pairs and figures."""
    registry = pd.read_parquet(data / "registry.parquet")
    agency = pd.read_parquet(data / "agency.parquet")
    started = time.perf_counter()
    pairs = METHODS[method](registry, agency)
    took = time.perf_counter() - started
    pairs.to_parquet(data / f"{method}.pairs.parquet")
    (data / f"{method}.json").write_text(json.dumps({"seconds": took, "peak_mb": peak_mb()}))


def blocking_recall(rules, registry: pd.DataFrame, agency: pd.DataFrame,
                    truth: pd.DataFrame) -> float:
    joined = (truth.merge(agency.add_suffix("_a"), left_on="agency_id", right_on="unique_id_a")
              .merge(registry.add_suffix("_r"), left_on="registry_id",
                     right_on="unique_id_r"))
    through = pd.Series(False, index=joined.index)
    for rule in rules:
        agree = pd.Series(True, index=joined.index)
        for column in rule:
            agree &= joined[f"{column}_a"].notna() & (joined[f"{column}_a"]
                                                       == joined[f"{column}_r"])
        through |= agree
    return float(through.mean())


def score(found: set, truth: set) -> tuple[float, float]:
    hits = len(found & truth)
    return (hits / len(found) if found else 1.0), hits / len(truth)


def best_recall_at(pairs: pd.DataFrame, truth: set, precision: float) -> tuple[float, float]:
    """The highest recall any threshold gives while precision stays at least ``precision``,
    and that threshold."""
    ranked = pairs.sort_values("match_probability", ascending=False)
    keyed = [(a, r) if a.startswith("agency:") else (r, a)
             for a, r in zip(ranked["unique_id_l"], ranked["unique_id_r"], strict=True)]
    hit = pd.Series([k in truth for k in keyed], dtype=int).cumsum()
    seen = pd.Series(range(1, len(keyed) + 1))
    ok = (hit / seen) >= precision
    if not ok.any():
        return 0.0, 1.0
    last = ok[ok].index.max()
    return hit[last] / len(truth), float(ranked["match_probability"].iloc[last])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--agency", type=int, default=100_000)
    parser.add_argument("--only", choices=list(METHODS), action="append")
    parser.add_argument("--child", choices=list(METHODS))
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data)
        return

    from pathways.linkage import person_model, standardise
    from pathways.linkage.synthetic import make

    started = time.perf_counter()
    raw_registry, raw_agency, truth_frame = make(args.registry, args.agency)
    made = time.perf_counter() - started
    problems: list = []
    started = time.perf_counter()
    registry = standardise(raw_registry, "registry", problems)
    agency = standardise(raw_agency, "agency", problems)
    cleaned = time.perf_counter() - started
    assert not problems, problems[:3]
    truth = set(zip(truth_frame["agency_id"], truth_frame["registry_id"], strict=True))
    kinds = dict(zip(zip(truth_frame["agency_id"], truth_frame["registry_id"], strict=True),
                     truth_frame["noise"], strict=True))
    import splink

    print(f"machine: {platform.machine()}, Python {platform.python_version()}, splink "
          f"{splink.__version__}; {len(registry):,} registry + {len(agency):,} agency records, "
          f"{len(truth):,} true links")
    print(f"generate {made:.1f} s, standardise both files {cleaned:.1f} s")
    model_rules = [r for r in person_model().blocking if set(r) <= set(registry.columns)]
    ours = blocking_recall(model_rules, registry, agency, truth_frame)
    plain = blocking_recall(PLAIN_BLOCKING, registry, agency, truth_frame)
    print(f"blocking recall: pathways {ours:.4f}, plain splink {plain:.4f}")
    with tempfile.TemporaryDirectory(prefix="linkage-bench-") as folder:
        data = Path(folder)
        registry.to_parquet(data / "registry.parquet")
        agency.to_parquet(data / "agency.parquet")
        del raw_registry, raw_agency
        print(f"{'method':<30}{'time':>9}{'peak':>10}{'precision':>11}{'recall':>9}"
              f"{'recall@0.995':>14}")
        links_of: dict[str, set] = {}
        for method in args.only or DEFAULT:
            subprocess.run([sys.executable, __file__, "--child", method, "--data", str(data)],
                           check=True)
            figures = json.loads((data / f"{method}.json").read_text())
            pairs = pd.read_parquet(data / f"{method}.pairs.parquet")
            if "decision" in pairs:  # Pathways decides: one-to-one links at its threshold
                linked = pairs[pairs["decision"] == "link"]
            else:  # plain splink at its usual threshold; the exact join links every pair
                linked = pairs[pairs["match_probability"] >= 0.95]
            found = pairs_of(linked)
            precision, recall = score(found, truth)
            best, _ = best_recall_at(linked if "decision" in pairs else pairs, truth, 0.995)
            print(f"{method:<30}{figures['seconds']:8.1f}s{figures['peak_mb']:8.0f}MB"
                  f"{precision:11.4f}{recall:9.4f}{best:14.4f}", flush=True)
            if "decision" in pairs:
                print(f"    links and reviews together: recall "
                      f"{len(pairs_of(pairs) & truth) / len(truth):.4f}")
                links_of[method] = found
            missed = pd.Series([kinds[p] for p in truth - found]).value_counts()
            per_kind = truth_frame["noise"].value_counts()
            print("    recall by noise: " + ", ".join(
                f"{kind} {1 - missed.get(kind, 0) / count:.3f}"
                for kind, count in per_kind.items()))

        if {"pathways", "spark"} <= set(links_of):
            same = links_of["pathways"] == links_of["spark"]
            print(f"DuckDB and Spark find the same links: {same} "
                  f"({len(links_of['pathways'] ^ links_of['spark'])} differ)")


if __name__ == "__main__":
    main()
