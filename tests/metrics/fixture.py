"""A hand-built PIRL fixture: every record exercises one named rule.

Reporting period PY2022 + PY2023 exits (2022-07-01 .. 2024-06-30), as of 2025-01-15
(2025 Q1); skill gains for PY2022 and PY2023. So: exits in 2022 Q3 have every wage lag
behind them; exits in 2023 Q3 have Q2 settled but Q4 still inside its two-quarter lag;
exits in 2024 have Q2 inside its lag.

Each record carries its expected contribution to each indicator, worked out by hand:
(denominator, numerator), or the Q2 earnings a median counts; ``None`` = not counted.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

START, END, AS_OF = dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 1, 15)
COLUMNS = ["100", "200", "201", "408", "802", "900", "901", "903", "904", "905", "909",
           "910", "917", "918", "923", "1300", "1303", "1310", "1332", "1401", "1406",
           "1600", "1602", "1603", "1604", "1606", "1618", "1704", "1800", "1801", "1806",
           "1807", "1808", "1809", "1810", "1811", "1813", "1900", "1901"]

E = "20220915"  # an exit in 2022 Q3: every lag has passed, one year after exit has passed
N = None
# rule, elements, employment_q2, employment_q4, median_earnings_q2 (dollars),
# retention_same_employer, credential_attainment, measurable_skill_gains [(den, num), ...]
RECORDS: list[tuple[str, dict, tuple | None, tuple | None, float | None, tuple | None,
                    tuple | None, list]] = [
    ("R01 employed Q2 and Q4 with the same employer",
     {"100": "P01", "901": E, "1602": 1, "1606": 1, "1704": 5000, "1618": 1},
     (1, 1), (1, 1), 5000, (1, 1), N, []),
    ("R02 employed Q2, not Q4",
     {"901": E, "1602": 1, "1606": 0, "1704": 3000, "1618": 0},
     (1, 1), (1, 0), 3000, (1, 0), N, []),
    ("R03 not employed", {"901": E, "1602": 0, "1606": 0, "1618": 0},
     (1, 0), (1, 0), N, N, N, []),
    ("R04 not yet available past the two-quarter lag counts as not employed",
     {"901": E, "1602": 9, "1606": 9}, (1, 0), (1, 0), N, N, N, []),
    ("R05 not yet available inside the lag is left out",
     {"901": "20240215", "1602": 9, "1606": 9}, N, N, N, N, N, []),
    ("R06 Table A: institutionalized",
     {"901": E, "923": 1, "1602": 1, "1606": 1, "1704": 4000, "1618": 1}, N, N, N, N, N, []),
    ("R07 Table A: deceased", {"901": E, "923": 3, "1602": 1, "1606": 1, "1704": 4000},
     N, N, N, N, N, []),
    ("R08 Table B: a youth in foster care who moved is left out",
     {"903": "", "905": 1, "901": E, "923": 5, "1602": 1}, N, N, N, N, N, []),
    ("R09 foster care does not exclude an adult",
     {"901": E, "923": 5, "1602": 1, "1606": 1, "1704": 2500, "1618": 1},
     (1, 1), (1, 1), 2500, (1, 1), N, []),
    ("R10 Table C: Title II corrections out of employment, in skill gains",
     {"903": "", "910": 1, "901": E, "923": 7, "1602": 1, "1811": "20220301",
      "1813": "20220901", "1806": "20220801"}, N, N, N, N, N, [(1, 1)]),
    ("R11 the criminal-offender reason does not exclude an adult",
     {"901": E, "923": 7, "1602": 0, "1606": 0}, (1, 0), (1, 0), N, N, N, []),
    ("R12 VR: later found ineligible is left out",
     {"903": "", "917": 1, "901": E, "923": 6, "1602": 1}, N, N, N, N, N, []),
    ("R13 the ineligible reason does not exclude an adult",
     {"901": E, "923": 6, "1602": 1, "1606": 0, "1704": 6000, "1618": 0},
     (1, 1), (1, 0), 6000, (1, 0), N, []),
    ("R14 youth in education in Q2 counts as placed",
     {"903": "", "905": 1, "901": E, "1602": 0, "1900": 2, "1606": 0, "1901": 0},
     (1, 1), (1, 0), N, N, N, []),
    ("R15 youth placement counts while employment is pending",
     {"903": "", "905": 1, "901": "20240215", "1602": 9, "1900": 1},
     (1, 1), N, N, N, N, []),
    ("R16 an adult's education does not count as employment",
     {"901": E, "1602": 0, "1900": 2, "1606": 0}, (1, 0), (1, 0), N, N, N, []),
    ("R17 adult and youth co-enrolled: counted once in the total, success under youth",
     {"905": 1, "901": E, "1602": 0, "1900": 3, "1606": 0, "1901": 0},
     (1, 1), (1, 0), N, N, N, []),
    ("R18 median leaves out earnings not yet available (1603 = 9)",
     {"901": E, "1602": 1, "1603": 9, "1704": 99000, "1606": 1, "1618": 1},
     (1, 1), (1, 1), N, (1, 1), N, []),
    ("R19 median leaves out earnings of all 9s",
     {"901": E, "1602": 1, "1704": 999999, "1606": 0, "1618": 0},
     (1, 1), (1, 0), N, (1, 0), N, []),
    ("R20 UI wages fill blank outcomes: two employers in Q2, one kept in Q4",
     {"100": "W20", "901": E}, (1, 1), (1, 1), 5000, (1, 1), N, []),
    ("R21 UI wages: different employers in Q2 and Q4; cents kept",
     {"100": "W21", "901": E}, (1, 1), (1, 1), 2000.25, (1, 0), N, []),
    ("R22 a PIRL value wins over a wage record",
     {"100": "W22", "901": E, "1602": 0, "1606": 0, "1618": 0}, (1, 0), (1, 0), N, N, N, []),
    ("R23 inside the lag a wage record counts; Q4 and retention still pending",
     {"100": "W23", "901": "20240215"}, (1, 1), N, 3500, N, N, []),
    ("R24 wages of a quarter not yet ended are not read",
     {"100": "W24", "901": "20240515"}, N, N, N, N, N, []),
    ("R25 exit before the reporting period", {"901": "20220615", "1602": 1},
     N, N, N, N, N, []),
    ("R26 no exit: skill gains in each program year overlapped, once per year",
     {"900": "20220801", "1811": "20220801", "1809": "20230301", "1807": "20231001"},
     N, N, N, N, N, [(1, 1), (1, 1)]),
    ("R27 two gains in one program year are one success",
     {"900": "20220801", "901": "20230815", "1811": "20220801", "1813": "20230601",
      "1806": "20221001", "1808": "20230115"}, (1, 0), N, N, N, N, [(1, 1)]),
    ("R28 education that ended before the program year is not in skill gains",
     {"900": "20210101", "901": "20220601", "1811": "20210101", "1813": "20220501",
      "1806": "20220301"}, N, N, N, N, N, []),
    ("R29 a gain outside the program year is no success",
     {"900": "20230101", "1811": "20230101", "1810": "20240801"},
     N, N, N, N, N, [(1, 0), (1, 0)]),
    ("R30 Title II counts only EFL and diploma gains",
     {"903": "", "910": 1, "900": "20230101", "1811": "20230101", "1807": "20230301"},
     N, N, N, N, N, [(1, 0), (1, 0)]),
    ("R31 Title II integrated education and training counts every gain type",
     {"903": "", "910": 1, "1300": 1, "1303": 4, "900": "20230101", "1811": "20230101",
      "1809": "20230301"}, N, N, N, N, N, [(1, 1), (1, 0)]),
    ("R32 a secondary diploma is a skill gain",
     {"900": "20230801", "1811": "20230801", "1800": 1, "1801": "20231215"},
     N, N, N, N, N, [(1, 1)]),
    ("R33 Table A exit leaves skill gains too",
     {"900": "20220801", "901": "20221215", "923": 2, "1811": "20220801",
      "1806": "20221101"}, N, N, N, N, N, []),
    ("R34 Wagner-Peyser has no skill gains indicator",
     {"903": "", "918": 1, "900": "20220801", "1811": "20220801", "1806": "20221001"},
     N, N, N, N, N, []),
    ("R35 credential: associate degree during participation",
     {"901": E, "1300": 1, "1303": 6, "1800": 2, "1801": "20220901", "1602": 1, "1606": 1,
      "1704": 7000, "1618": 1}, (1, 1), (1, 1), 7000, (1, 1), (1, 1), []),
    ("R36 credential: OJT-only training is not in the denominator",
     {"901": E, "1300": 1, "1303": 1, "1800": 5, "1801": "20220901", "1602": 0, "1606": 0},
     (1, 0), (1, 0), N, N, N, []),
    ("R37 credential: OJT plus occupational skills training is in",
     {"901": E, "1300": 1, "1303": 1, "1310": 6, "1602": 0, "1606": 0},
     (1, 0), (1, 0), N, N, (1, 0), []),
    ("R38 credential: certification within one year after exit",
     {"901": E, "1332": 1, "1800": 6, "1801": "20230915", "1602": 1, "1606": 1,
      "1704": 4500, "1618": 0}, (1, 1), (1, 1), 4500, (1, 0), (1, 1), []),
    ("R39 credential: a day more than one year after exit does not count",
     {"901": E, "1332": 1, "1800": 6, "1801": "20230916", "1602": 0, "1606": 0},
     (1, 0), (1, 0), N, N, (1, 0), []),
    ("R40 diploma plus employment within a year counts",
     {"901": E, "1401": 1, "408": 0, "1800": 1, "1801": "20220801", "1602": 1, "1606": 0,
      "1704": 1500, "1618": 0}, (1, 1), (1, 0), 1500, (1, 0), (1, 1), []),
    ("R41 diploma alone does not count",
     {"901": E, "1401": 1, "408": 0, "1800": 1, "1801": "20220801", "1600": 0, "1602": 0,
      "1604": 0, "1606": 0}, (1, 0), (1, 0), N, N, (1, 0), []),
    ("R42 diploma plus post-exit enrolment counts",
     {"901": E, "1401": 1, "1800": 1, "1801": "20220801", "1406": "20230115", "1602": 0,
      "1606": 0}, (1, 0), (1, 0), N, N, (1, 1), []),
    ("R43 a secondary student who already has a diploma is not in the denominator",
     {"901": E, "1401": 1, "408": 1, "1800": 4, "1801": "20220901", "1602": 0, "1606": 0},
     (1, 0), (1, 0), N, N, N, []),
    ("R44 credential waits until one year after exit has passed",
     {"901": "20240215", "1332": 1, "1800": 2, "1801": "20240201"}, N, N, N, N, N, []),
    ("R45 a credential before entry does not count",
     {"900": "20220101", "901": E, "1332": 1, "1800": 3, "1801": "20211215", "1602": 0,
      "1606": 0}, (1, 0), (1, 0), N, N, (1, 0), []),
    ("R46 a reportable individual is not counted",
     {"903": 4, "901": E, "1602": 1}, N, N, N, N, N, []),
    ("R47 a re-entry is a new period; known PIRL values count inside the lag",
     {"100": "P01", "900": "20230101", "901": "20230920", "1602": 1, "1606": 1,
      "1704": 8000, "1618": 1}, (1, 1), (1, 1), 8000, (1, 1), N, []),
    ("R48 Wagner-Peyser has no credential indicator",
     {"903": "", "918": 1, "901": E, "1300": 1, "1303": 6, "1800": 5, "1801": "20220901",
      "1602": 1, "1606": 1, "1704": 3300, "1618": 1},
     (1, 1), (1, 1), 3300, (1, 1), N, []),
    ("R49 rapid response additional assistance makes a dislocated worker",
     {"903": "", "909": 1, "901": E, "1602": 0, "1606": 1, "1618": 0},
     (1, 0), (1, 1), N, N, N, []),
    ("R50 1603 = 9: the PIRL earnings wait; a UI wage record gives them",
     {"100": "W50", "901": E, "1602": 1, "1603": 9, "1704": 5000, "1606": 1, "1618": 1},
     (1, 1), (1, 1), 3800, (1, 1), N, []),
    ("R51 a record less than 90 days before the next one is folded into it (R52)",
     {"100": "C51", "901": "20220901", "1602": 0, "1606": 0, "1618": 0, "1704": 900,
      "1300": 1, "1303": 6, "1800": 5, "1801": "20220801"}, N, N, N, N, N, []),
    ("R52 one period from two records: the later record's outcomes, both programs, the "
     "earlier record's training and credential",
     {"100": "C51", "900": "20221015", "901": "20221215", "903": "", "905": 1, "1602": 1,
      "1606": 1, "1618": 1, "1704": 4600}, (1, 1), (1, 1), 4600, (1, 1), (1, 1), []),
    ("R53 a record 90 days before the next one is a period of its own",
     {"100": "C53", "901": "20220905", "1602": 1, "1606": 1, "1618": 0, "1704": 2200},
     (1, 1), (1, 1), 2200, (1, 0), N, []),
    ("R54 the next period starts exactly 90 days after R53's exit",
     {"100": "C53", "900": "20221204", "901": "20230115", "1602": 0, "1606": 0},
     (1, 0), (1, 0), N, N, N, []),
    ("R55 not employed in Q4 settles retention at 0 inside the lag",
     {"901": "20230920", "1602": 1, "1606": 0, "1704": 2700}, (1, 1), (1, 0), 2700, (1, 0),
     N, []),
    ("R56 an exit reason leaves out only the program year of the exit",
     {"900": "20220801", "901": "20230815", "923": 3, "1811": "20220801",
      "1806": "20230301"}, N, N, N, N, N, [(1, 1)]),
]

WAGES = [  # person, year, quarter, employer, wages
    ("W20", 2023, 1, "E1", "4000"), ("W20", 2023, 1, "E2", "1000"),
    ("W20", 2023, 3, "E1", "4200"), ("W20", 2022, 4, "E1", "800"),
    ("W21", 2023, 1, "E3", "2000.25"), ("W21", 2023, 3, "E4", "2500"),
    ("W22", 2023, 1, "E7", "9000"),
    ("W23", 2024, 3, "E5", "3500"),
    ("W24", 2025, 2, "E6", "1000"),
    ("W50", 2023, 1, "E8", "3800"),
]


def rows() -> list[dict[str, str]]:
    """Every record with defaults filled: adult, entry 2022-03-01, male, born 1990."""
    out = []
    for i, (rule, elements, *_rest) in enumerate(RECORDS, start=1):
        row = {c: "" for c in COLUMNS}
        row.update({"100": f"R{i:02d}", "200": "19900101", "201": "1", "900": "20220301",
                    "903": "1"})
        row.update({k: str(v) for k, v in elements.items()})
        assert rule.startswith(f"R{i:02d} ")
        out.append(row)
    return out


def write(folder: Path) -> tuple[Path, Path]:
    pirl, wages = folder / "pirl.csv", folder / "wages.csv"
    with pirl.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows())
    with wages.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person", "year", "quarter", "employer", "wages"])
        writer.writerows(WAGES)
    return pirl, wages
