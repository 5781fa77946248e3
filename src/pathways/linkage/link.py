"""Run a linkage model with splink on DuckDB: find pairs of records that are the same person,
and cluster them into one estimated person each.

Three uses, one model: deduplicate one partner's file, link several partners' files, and
check one new intake record against the people already known.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pathways.linkage.comparisons import splink_comparison, with_nickname_groups
from pathways.linkage.model import LinkageModel

# DuckDB's own default is 80% of the machine's memory; a shared server needs a bound.
DEFAULT_MEMORY_LIMIT = "1500MB"


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


PAIR_COLUMNS = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]


@dataclass(frozen=True)
class LinkResult:
    """``pairs``: every compared pair at or above the review threshold, with its match
    probability and ``decision`` (link or review). ``clusters``: each record with the id of
    the estimated person it belongs to (records in no link are their own cluster)."""

    pairs: pd.DataFrame
    clusters: pd.DataFrame

    @property
    def people(self) -> int:
        return int(self.clusters["person_id"].nunique()) if len(self.clusters) else 0


Progress = Callable[[str, int], None]
ENGINES = ("duckdb", "spark")


def splink_settings(model: LinkageModel, link_type: str, records: int | Sequence[int]):
    """The model compiled into splink settings (``link_type``: dedupe_only, link_only or
    link_and_dedupe) for files of ``records`` records (one count or one per file)."""
    from splink import SettingsCreator, block_on

    sizes = [records] if isinstance(records, int) else list(records)
    return SettingsCreator(
        link_type=link_type,
        probability_two_random_records_match=model.prior_for_files(
            sizes, dedupe=link_type != "link_only"),
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in model.blocking],
        comparisons=[splink_comparison(item) for item in model.comparisons],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _frames_for(frames: Sequence[pd.DataFrame], model: LinkageModel) -> list[pd.DataFrame]:
    """Only the compared columns, with None (not NaN) for unknown values, and the nickname
    groups of names compared with nicknames."""
    keep = ["unique_id", *model.columns]
    out = []
    for frame in frames:
        wanted = frame.reindex(columns=keep).astype(object)
        wanted = wanted.where(wanted.notna(), None)
        for item in model.comparisons:
            if item.nicknames:
                wanted = with_nickname_groups(wanted, item.column)
        out.append(wanted)
    return out


def _say(progress: Progress | None, stage: str, rows: int) -> None:
    if progress is not None:
        progress(stage, rows)


def _duckdb(memory_limit: str | None, temp_dir: str | None, threads: int | None):
    """A DuckDB database that spills to ``temp_dir`` rather than grow past ``memory_limit``."""
    import duckdb
    from splink import DuckDBAPI

    spill = Path(temp_dir) if temp_dir else Path(tempfile.gettempdir()) / "pathways-linkage"
    spill.mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": memory_limit or DEFAULT_MEMORY_LIMIT,
              "temp_directory": str(spill), "preserve_insertion_order": False}
    if threads:
        config["threads"] = threads
    return DuckDBAPI(duckdb.connect(config=config))


def _java_size(limit: str) -> str:
    """DuckDB's '1500MB' or '2GB' as Java's '1500m' or '2g'."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMGT])i?B?\s*", limit.upper())
    if not match:
        raise ValueError(f"a memory limit looks like 1500MB or 2GB, not {limit!r}")
    return f"{match[1]}{match[2].lower()}"


def _spark(threads: int | None, memory_limit: str | None):
    """splink's Spark backend on a local session (a cluster's session when one is active)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import SparkAPI, similarity_jar_location

    session = SparkSession.getActiveSession()
    if session is None:
        session = (SparkSession.builder.master(f"local[{threads or '*'}]")
                   .appName("pathways-linkage")
                   .config("spark.jars", similarity_jar_location())
                   .config("spark.driver.memory", _java_size(memory_limit or "2GB"))
                   .config("spark.sql.shuffle.partitions", "8")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="pathways-spark-"))
    return SparkAPI(spark_session=session, break_lineage_method="persist")


def link_records(frames: Sequence[pd.DataFrame], model: LinkageModel,
                 train: bool = False, *, dedupe: bool | None = None,
                 engine: str = "duckdb", progress: Progress | None = None,
                 memory_limit: str | None = None, temp_dir: str | None = None,
                 threads: int | None = None) -> LinkResult:
    """Link standardised records (see ``normalise.standardise``): one frame is
    deduplicated; several are linked to each other only (partners' files each hold a person
    once), and also deduplicated when ``dedupe`` is true.

    ``train`` re-estimates u by random sampling and m by expectation maximisation on the
    first two blocking rules; use it on real volumes (thousands of records), not on a
    handful. The surname-changed level keeps its written m and u (person.yaml).
    ``engine``: "duckdb" (default; bounded by ``memory_limit``, spilling to ``temp_dir``)
    or "spark" (splink's Spark backend, for a state's files). ``progress(stage, rows)`` is
    called as each stage starts or ends, for a job page or a terminal.
    """
    from splink import Linker, block_on

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if memory_limit is not None:
        _java_size(memory_limit)  # refuse a limit neither engine reads, before any work
    frames = [frame for frame in _frames_for(frames, model) if len(frame)]
    sizes = [len(frame) for frame in frames]
    _say(progress, "read", sum(sizes))
    if not frames:
        return LinkResult(pd.DataFrame(columns=[*PAIR_COLUMNS, "decision"]),
                          pd.DataFrame(columns=["unique_id", "person_id"]))
    every = pd.concat([frame["unique_id"] for frame in frames], ignore_index=True)
    db = _spark(threads, memory_limit) if engine == "spark" else _duckdb(
        memory_limit, temp_dir, threads)
    inputs = [db.register(frame, dataset_display_name=f"input_{index}")
              for index, frame in enumerate(frames)]
    link_type = ("dedupe_only" if len(inputs) == 1
                 else "link_and_dedupe" if dedupe else "link_only")
    linker = Linker(inputs if len(inputs) > 1 else inputs[0],
                    splink_settings(model, link_type, sizes), log_level=None)
    if train:
        _say(progress, "train", sum(sizes))
        # Splink reports each training step through logging; a command says the result.
        with _quiet("splink"):
            linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
            for rule in model.blocking[:2]:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    block_on(*rule))
    _say(progress, "compare", sum(sizes))
    with _quiet("splink"):
        predictions = linker.inference.predict(
            threshold_match_probability=model.review_threshold)
    pairs = _tidy_pairs(predictions.as_pandas_dataframe(), model)
    if link_type == "link_only":
        pairs = _one_to_one(pairs)
    _say(progress, "compared", len(pairs))
    _say(progress, "cluster", int((pairs["decision"] == "link").sum()))
    clusters = _clusters(pairs, every)
    _say(progress, "done", len(clusters))
    db.delete_tables_created_by_splink_from_db()
    return LinkResult(pairs, clusters)


def _tidy_pairs(pairs: pd.DataFrame, model: LinkageModel) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame(columns=[*PAIR_COLUMNS, "decision"])
    out = pairs[PAIR_COLUMNS].copy()
    for side in ("unique_id_l", "unique_id_r"):
        out[side] = out[side].astype(str)
    # The lower id first, so a pair reads the same whichever file it came from.
    swap = out["unique_id_l"] > out["unique_id_r"]
    out.loc[swap, ["unique_id_l", "unique_id_r"]] = (
        out.loc[swap, ["unique_id_r", "unique_id_l"]].to_numpy())
    out["match_probability"] = out["match_probability"].astype(float).round(6)
    out["match_weight"] = out["match_weight"].astype(float).round(3)
    out["decision"] = ["link" if p >= model.link_threshold else "review"
                       for p in out["match_probability"]]
    return out.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)


def _one_to_one(pairs: pd.DataFrame) -> pd.DataFrame:
    """Between partners' files, a record links to at most one record of each other file:
    the closest. A weaker pair of the same record becomes a review (two people in one
    partner's file who share a first name and birth date do not both link to one person).
    """
    if pairs.empty:
        return pairs
    left_file = pairs["unique_id_l"].str.split(":", n=1).str[0]
    right_file = pairs["unique_id_r"].str.split(":", n=1).str[0]
    probability = pairs["match_probability"]
    best_of_left = probability.groupby([pairs["unique_id_l"], right_file]).transform("max")
    best_of_right = probability.groupby([pairs["unique_id_r"], left_file]).transform("max")
    weaker = (probability < best_of_left) | (probability < best_of_right)
    out = pairs.copy()
    out.loc[weaker & (out["decision"] == "link"), "decision"] = "review"
    return out


def _clusters(pairs: pd.DataFrame, every: pd.Series) -> pd.DataFrame:
    """Each record and a stable person id: the smallest record id among the records it is
    linked to, directly or through others (connected components of the links). Done here,
    not by splink: only linked records need it, and both engines then cluster alike."""
    links = pairs[pairs["decision"] == "link"]
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])  # halve the path
            node = parent[node]
        return node

    for left, right in zip(links["unique_id_l"], links["unique_id_r"], strict=True):
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the smaller id is the root: it is the person id
    ids = every.astype(str)
    roots = {node: root(node) for node in parent}
    person = ids.map(roots).fillna(ids) if roots else ids
    return (pd.DataFrame({"unique_id": ids, "person_id": person})
            .sort_values("unique_id").reset_index(drop=True))


def candidates_for(record: pd.DataFrame, known: pd.DataFrame,
                   model: LinkageModel) -> pd.DataFrame:
    """Known records that may be the same person as the new ``record`` (one standardised
    row), best first, with match probability and decision; empty when none reach review."""
    if known.empty:
        return pd.DataFrame(columns=["unique_id", "match_probability", "decision"])
    result = link_records([record, known], model)
    new_id = str(record["unique_id"].iloc[0])
    pairs = result.pairs
    touching = pairs[(pairs["unique_id_l"] == new_id) | (pairs["unique_id_r"] == new_id)]
    other = touching["unique_id_l"].where(touching["unique_id_l"] != new_id,
                                          touching["unique_id_r"])
    found = pd.DataFrame({"unique_id": other, "match_probability":
                          touching["match_probability"], "decision": touching["decision"]})
    return found.sort_values("match_probability", ascending=False).reset_index(drop=True)
