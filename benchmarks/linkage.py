"""Time and score `link_records` on synthetic partner files against an exact-match baseline.

    .venv/bin/python benchmarks/linkage.py [PEOPLE]      # default 50,000 people

Two partner files are generated deterministically from PEOPLE people: each person is in the
first file; 60% are also in the second, a third of those with one realistic error (a typo in
a name, an accent or hyphen dropped, a nickname spelling, a birth-date digit mistyped, a
missing ZIP). The baseline is what a data shop often does: join on exact, cleaned first
name + last name + birth date. Both are scored on the known truth (precision and recall of
cross-file links).
"""

from __future__ import annotations

import platform
import random
import sys
import time

import pandas as pd

FIRST = ["maria", "jose", "ana", "luis", "john", "mary", "james", "linda", "david", "susan",
         "carlos", "rosa", "ahmed", "fatima", "nguyen", "mei", "olga", "ivan", "grace", "omar",
         "keisha", "tyrone", "emily", "michael", "sofia", "diego", "aisha", "kevin", "laura",
         "daniel"]
LAST = ["garcia", "smith", "johnson", "lopez", "williams", "brown", "jones", "martinez",
        "davis", "rodriguez", "hernandez", "nguyen", "kim", "patel", "khan", "wilson",
        "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez",
        "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson"]
ZIPS = [f"40{n:03d}" for n in range(500, 620)]


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def make(people: int, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = random.Random(seed)
    left, right = [], []
    for n in range(people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if rng.random() < 0.3:
            last = f"{last}-{rng.choice(LAST)}"
        dob = f"{rng.randint(1950, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        zip_code = rng.choice(ZIPS)
        left.append({"record_id": f"L{n}", "source": "college", "first_name": first.title(),
                     "last_name": last.title(), "birth_date": dob, "zip": zip_code,
                     "truth": n})
        if rng.random() < 0.6:
            row = {"record_id": f"R{n}", "source": "ajc", "first_name": first,
                   "last_name": last, "birth_date": dob, "zip": zip_code, "truth": n}
            if rng.random() < 1 / 3:
                error = rng.randrange(5)
                if error == 0:
                    row["first_name"] = _typo(first, rng)
                elif error == 1:
                    row["last_name"] = last.replace("-", " ")
                elif error == 2:
                    row["last_name"] = _typo(last, rng)
                elif error == 3:
                    day = int(dob[-2:])
                    row["birth_date"] = f"{dob[:-2]}{day + 1 if day < 28 else day - 1:02d}"
                else:
                    row["zip"] = None
            right.append(row)
    return pd.DataFrame(left), pd.DataFrame(right)


def score(pairs: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(pairs & truth)
    return (hits / len(pairs) if pairs else 1.0), hits / len(truth)


def main(people: int) -> None:
    from pathways.linkage import link_records, person_model, standardise

    left, right = make(people)
    truth = {(f"ajc:R{t}", f"college:L{t}") for t in right["truth"]}
    problems: list = []
    started = time.perf_counter()
    a = standardise(left.drop(columns="truth"), "left", problems)
    b = standardise(right.drop(columns="truth"), "right", problems)
    clean = time.perf_counter() - started
    assert not problems, problems[:3]

    started = time.perf_counter()
    keys = ["first_name", "last_name", "birth_date"]
    exact = a.merge(b, on=keys, suffixes=("_l", "_r"))
    baseline = time.perf_counter() - started
    exact_pairs = {(r, lft) for lft, r in zip(exact["unique_id_l"], exact["unique_id_r"],
                                             strict=True)}

    bp, br = score(exact_pairs, truth)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{len(a):,} + {len(b):,} records, {len(truth):,} true cross-file links")
    print(f"standardise both files                 {clean:7.2f} s")
    print(f"baseline exact join (pandas)           {baseline:7.2f} s  precision {bp:.4f}  "
          f"recall {br:.4f}")
    for label, train in (("shipped model", False), ("model trained on the data", True)):
        started = time.perf_counter()
        result = link_records([a, b], person_model(), train=train)
        took = time.perf_counter() - started
        linked = result.pairs[result.pairs["decision"] == "link"]
        cross = {(lft, r) for lft, r in zip(linked["unique_id_l"], linked["unique_id_r"],
                                           strict=True)
                 if lft.startswith("ajc:") and r.startswith("college:")}
        sp, sr = score(cross, truth)
        print(f"link_records, {label:<25}{took:7.2f} s  precision {sp:.4f}  recall {sr:.4f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
