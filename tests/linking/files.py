"""Three partners' files for the linking tests: a college, adult education, a job center.

María is in all three (the job center spelled her "Mary Garcia", so the model is unsure of
her there: two pairs to review); John and Ana are at the college and in adult education;
Luis is only in adult education, and a different Luis only at the job center. María's
college and adult education periods overlap: she is co-enrolled."""

from __future__ import annotations

E = "20220915"  # an exit with every wage lag behind it (as of 2025-01-15)

COLLEGE = f"""record_id,first_name,last_name,birth_date,zip,900,901,1602,1606,1704
A1,María,García-López,1990-04-02,40502-1234,20220110,{E},1,1,5000
A2,John,Smith,19850101,40503,20220110,{E},0,0,
A3,Ana,Lopez,2000-12-12,40511,20220110,{E},1,0,3000
"""

ADULT_ED = """record_id,first_name,last_name,birth_date,zip,900,901,910,1602,1606,1704
B7,Maria,Garcia Lopez,04/02/1990,40502,20220301,20220901,1,1,1,5000
B8,Jon,Smith,1985-01-01,,20220301,20220901,1,0,0,
B9,Luis,Perez,2000-12-12,40511,20220301,20220901,1,1,1,4000
B10,Ana,Lopez,2000-12-13,40511,20220301,20220901,1,1,0,3000
"""

WORKFORCE = f"""record_id,first_name,last_name,birth_date,zip,900,901,903,1602,1606,1704
W1,Mary,Garcia,1990-04-02,40509,20220401,{E},1,1,1,5000
W2,Luis,Peres,2000-12-21,40511,20220401,{E},1,0,0,
"""

FILES = [(COLLEGE.encode(), "college", "college.csv"),
         (ADULT_ED.encode(), "adulted", "adulted.csv"),
         (WORKFORCE.encode(), "workforce", "ajc.csv")]


# What the model says of these files, fixed here so that the loop's tests do not move when
# the linkage model is tuned (the engine's own tests hold its probabilities).
PAIRS = [("adulted:B10", "college:A3", 0.98, "link"),
         ("adulted:B7", "college:A1", 0.99, "link"),
         ("adulted:B7", "workforce:W1", 0.15, "review"),
         ("adulted:B8", "college:A2", 0.99, "link"),
         ("college:A1", "workforce:W1", 0.12, "review")]


def fixed_link_records(frames, model, train=False, *, dedupe=None, progress=None, **_options):
    """``link_records`` answering PAIRS for the records of ``frames``."""
    import pandas as pd

    from pathways.apps.linking.people import person_keys
    from pathways.linkage import LinkResult

    if progress is not None:
        progress("compare", 9)
    ids = [uid for frame in frames for uid in frame["unique_id"]]
    pairs = pd.DataFrame([{"unique_id_l": a, "unique_id_r": b, "match_probability": p,
                           "match_weight": 1.0, "decision": d} for a, b, p, d in PAIRS
                          if a in ids and b in ids],
                         columns=["unique_id_l", "unique_id_r", "match_probability",
                                  "match_weight", "decision"])
    keys = person_keys(ids, [(a, b, d, "") for a, b, _p, d in PAIRS if a in ids and b in ids])
    clusters = pd.DataFrame({"unique_id": ids, "person_id": [keys[i] for i in ids]})
    return LinkResult(pairs, clusters)
