"""Synthetic registry and agency files with known truth, for the linkage benchmark and tests.

A state data shop's case: a large registry (one record per person) and a smaller agency file
in which ``overlap`` of the people are also in the registry. Names follow a long-tailed
frequency (a few very common, many rare, as in U.S. name lists); ZIPs are a state's worth.
Each agency record of a registry person gets at most one kind of noise, at the rates in
``NOISE`` (the rest are clean, apart from case and punctuation):

- ``nickname``: "Bill" for William, "Pepe" for José;
- ``married``: the surname changed at marriage, and the person moved (another ZIP);
- ``first_typo_moved``: a typo in the first name, and the person moved;
- ``last_typo``: a typo in the surname;
- ``swap``: day and month of the birth date swapped (only possible when the day is 1-12);
- ``no_dob``: the birth date missing;
- ``dob_far``: the birth date off by more than one character (two digits changed);
- ``moved``: another ZIP;
- ``two``: two of these at once (a nickname and a missing birth date, a surname typo and
  a swapped birth date...).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

import pandas as pd

# (first name, nickname) pairs the generator may use; every pair is in the vendored table.
NICKNAMED = [("william", "bill"), ("robert", "bob"), ("elizabeth", "liz"), ("james", "jim"),
             ("margaret", "peggy"), ("richard", "dick"), ("katherine", "kate"),
             ("jose", "pepe"), ("francisco", "paco"), ("guadalupe", "lupe"), ("jesus", "chuy"),
             ("michael", "mike"), ("jennifer", "jenny"), ("christopher", "chris"),
             ("alejandro", "alex"), ("patricia", "patty"), ("anthony", "tony"),
             ("dolores", "lola"), ("ignacio", "nacho"), ("joseph", "joe")]
NOISE = {"nickname": 0.03, "married": 0.02, "first_typo_moved": 0.02, "last_typo": 0.02,
         "swap": 0.02, "no_dob": 0.02, "dob_far": 0.02, "moved": 0.05, "two": 0.01}
# ``two``: two of the kinds above at once (those touching different fields).
_TWO = [("nickname", "moved"), ("nickname", "no_dob"), ("last_typo", "swap"),
        ("last_typo", "moved"), ("swap", "moved"), ("dob_far", "moved"),
        ("first_typo_moved", "no_dob"), ("nickname", "last_typo")]
_SYLLABLES = ["ka", "ri", "to", "ma", "le", "sa", "no", "vi", "da", "ren", "mon", "tel",
              "bar", "cor", "lin", "son", "ez", "ber", "ra", "go", "mi", "na", "lo", "shi",
              "an", "el", "or", "us", "ta", "ne", "qui", "zo", "wal", "ham", "ford", "ley"]


def _vocabulary(size: int, rng: random.Random, head: list[str]) -> list[str]:
    names = list(dict.fromkeys(head))
    seen = set(names)
    while len(names) < size:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _weights(size: int, offset: float, head: int | None = None,
             head_share: float = 1.0) -> list[float]:
    """A Zipf-like share per rank: the first names are common, the tail is long. With
    ``head``, the first ``head`` names hold ``head_share`` and the rest share the remainder
    evenly (U.S. first names: the 1,000 most common cover about four in five people, and
    tens of thousands of rare names the rest)."""
    zipf = [1.0 / (rank + offset) for rank in range(head or size)]
    if head is None:
        return zipf
    scale = head_share / sum(zipf)
    return [w * scale for w in zipf] + [(1 - head_share) / (size - head)] * (size - head)


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text + rng.choice("aeiou")
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 1:  # a letter dropped
        return text[:i] + text[i + 1:]
    return text[:i] + rng.choice("aeioulnrst") + text[i + 1:]  # a letter replaced


def _dob_far(dob: date, rng: random.Random) -> date:
    """Two characters off: a year digit and a day digit, still a valid date."""
    year = dob.year + rng.choice([-10, 10, -1, 1])
    day = dob.day + rng.choice([-10, 10, -1, 1, -2, 2])
    day = day if 1 <= day <= 28 else dob.day - 1 if dob.day > 1 else 2
    return date(year, dob.month, day)


def make(registry: int, agency: int, overlap: float = 0.8, seed: int = 11
         ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``registry`` and ``agency`` person records, and the truth: (agency id, registry id)
    of each pair that is the same person, with the kind of noise it carries."""
    rng = random.Random(seed)
    firsts = _vocabulary(31000, rng, [n for pair in NICKNAMED for n in pair[:1]]
                         + ["maria", "john", "mary", "david", "linda", "carlos", "ana"])
    lasts = _vocabulary(60000, rng, ["smith", "garcia", "johnson", "williams", "brown",
                                     "jones", "martinez", "lopez", "nguyen", "lee"])
    zips = [f"{n:05d}" for n in rng.sample(range(40000, 42800), 900)]
    first_w = _weights(len(firsts), 12, head=1000, head_share=0.8)
    last_w = _weights(len(lasts), 60)
    first_w, last_w = list(accumulate(first_w)), list(accumulate(last_w))
    start = date(1950, 1, 1)
    people_first = rng.choices(firsts, cum_weights=first_w, k=registry)
    people_last = rng.choices(lasts, cum_weights=last_w, k=registry)
    reg = pd.DataFrame({
        "record_id": [f"P{n}" for n in range(registry)],
        "source": "registry",
        "first_name": [f.title() for f in people_first],
        "last_name": [s.upper() for s in people_last],
        "birth_date": [(start + timedelta(days=rng.randrange(20000))).isoformat()
                       for _ in range(registry)],
        "zip": rng.choices(zips, k=registry),
    })
    nick = dict(NICKNAMED)
    kinds, shares = list(NOISE), list(NOISE.values())
    matched = int(agency * overlap)
    chosen = rng.sample(range(registry), matched)
    rows, truth = [], []
    for n, person in enumerate(chosen):
        first, last = people_first[person], people_last[person]
        dob = date.fromisoformat(reg.at[person, "birth_date"])
        zip_code = reg.at[person, "zip"]
        roll, kind = rng.random(), "clean"
        for name, share in zip(kinds, shares, strict=True):
            if roll < share:
                kind = name
                break
            roll -= share
        if kind == "nickname" and first not in nick:
            kind = "clean"
        if kind == "swap" and (dob.day > 12 or dob.day == dob.month):
            kind = "clean"
        birth = dob.isoformat()
        for one in rng.choice(_TWO) if kind == "two" else (kind,):
            if one == "nickname" and first in nick:
                first = nick[first]
            elif one == "married":
                last = rng.choices(lasts, cum_weights=last_w)[0]
                zip_code = rng.choice(zips)
            elif one == "first_typo_moved":
                first = _typo(first, rng)
                zip_code = rng.choice(zips)
            elif one == "last_typo":
                last = _typo(last, rng)
            elif one == "swap" and dob.day <= 12 and dob.day != dob.month:
                birth = date(dob.year, dob.day, dob.month).isoformat()
            elif one == "no_dob":
                birth = ""
            elif one == "dob_far":
                birth = _dob_far(dob, rng).isoformat()
            elif one == "moved":
                zip_code = rng.choice(zips)
        rows.append({"record_id": f"A{n}", "first_name": first.upper(),
                     "last_name": last.title(), "birth_date": birth, "zip": zip_code})
        truth.append((f"agency:A{n}", f"registry:P{person}", kind))
    for n in range(matched, agency):  # people the registry does not have
        rows.append({"record_id": f"A{n}",
                     "first_name": rng.choices(firsts, cum_weights=first_w)[0],
                     "last_name": rng.choices(lasts, cum_weights=last_w)[0],
                     "birth_date": (start + timedelta(days=rng.randrange(20000))).isoformat(),
                     "zip": rng.choice(zips)})
    agency_frame = pd.DataFrame(rows)
    agency_frame.insert(1, "source", "agency")
    truth_frame = pd.DataFrame(truth, columns=["agency_id", "registry_id", "noise"])
    return reg, agency_frame.sample(frac=1, random_state=seed).reset_index(drop=True), truth_frame
