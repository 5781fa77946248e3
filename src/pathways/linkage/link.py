"""Run a linkage model with splink on DuckDB: find pairs of records that are the same person,
and cluster them into one estimated person each.

Three uses, one model: deduplicate one partner's file, link several partners' files, and
check one new intake record against the people already known.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from pathways.linkage.model import Comparison, LinkageModel


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


def _comparison(item: Comparison):
    import splink.comparison_library as cl

    if item.method == "exact":
        built = cl.ExactMatch(item.column)
    elif item.method == "name":
        built = cl.JaroWinklerAtThresholds(item.column, list(item.thresholds))
    else:  # "date": ISO text one edit apart (a typed digit, two digits swapped) is close
        built = cl.DamerauLevenshteinAtThresholds(item.column, [1])
    return built.configure(m_probabilities=list(item.m), u_probabilities=list(item.u))


def splink_settings(model: LinkageModel, link_type: str, records: int):
    """The model compiled into splink settings for ``records`` records (``link_type``:
    dedupe_only, link_only or link_and_dedupe)."""
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        probability_two_random_records_match=model.prior_for(records),
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in model.blocking],
        comparisons=[_comparison(item) for item in model.comparisons],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _frames_for(frames: Sequence[pd.DataFrame], model: LinkageModel) -> list[pd.DataFrame]:
    """Only the compared columns, with None (not NaN) for unknown values."""
    keep = ["unique_id", *model.columns]
    out = []
    for frame in frames:
        wanted = frame.reindex(columns=keep).astype(object)
        out.append(wanted.where(wanted.notna(), None))
    return out


def link_records(frames: Sequence[pd.DataFrame], model: LinkageModel,
                 train: bool = False) -> LinkResult:
    """Link standardised records (see ``normalise.standardise``): one frame deduplicates it,
    several link them to each other and deduplicate each.

    ``train`` re-estimates u by random sampling and m by expectation maximisation on the
    blocking rules; use it on real volumes (thousands of records), not on a handful.
    """
    from splink import DuckDBAPI, Linker, block_on

    frames = _frames_for(frames, model)
    every = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if every.empty:
        return LinkResult(pd.DataFrame(columns=[*PAIR_COLUMNS, "decision"]),
                          pd.DataFrame(columns=["unique_id", "person_id"]))
    db = DuckDBAPI()
    inputs = [db.register(frame, dataset_display_name=f"input_{index}")
              for index, frame in enumerate(frames)]
    link_type = "dedupe_only" if len(inputs) == 1 else "link_and_dedupe"
    linker = Linker(inputs if len(inputs) > 1 else inputs[0],
                    splink_settings(model, link_type, len(every)), log_level=None)
    if train:
        # Splink reports each training step through logging; a command says the result.
        with _quiet("splink"):
            linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000)
            for rule in model.blocking[:2]:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    block_on(*rule))
    predictions = linker.inference.predict(threshold_match_probability=model.review_threshold)
    pairs = predictions.as_pandas_dataframe()
    pairs = _tidy_pairs(pairs, model)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=model.link_threshold).as_pandas_dataframe()
    clusters = _tidy_clusters(clustered, every)
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


def _tidy_clusters(clustered: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    """Each record and a stable person id: the smallest record id in its cluster."""
    mapping = dict(zip(clustered["unique_id"].astype(str), clustered["cluster_id"].astype(str),
                       strict=True))
    ids = every["unique_id"].astype(str)
    cluster = ids.map(lambda rid: mapping.get(rid, rid))
    frame = pd.DataFrame({"unique_id": ids, "cluster": cluster})
    frame["person_id"] = frame.groupby("cluster")["unique_id"].transform("min")
    return (frame[["unique_id", "person_id"]].sort_values("unique_id")
            .reset_index(drop=True))


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
