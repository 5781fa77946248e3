"""The names a measure definition may use, with what each means (docs/measures.md shows them).

Element columns (``e901``) are the typed PIRL values; facts are resolved by
``pathways.metrics.facts`` for the as-of date; parameters are YYYYMMDD integers.
"""

from __future__ import annotations

from pathways.metrics.elements import ELEMENTS

FACTS: dict[str, str] = {
    "program": "program of the unit: adult, dislocated_worker, youth, wagner_peyser, "
               "adult_education, vocational_rehabilitation or other",
    "wkey": "program year of the unit (skill gains), else 0",
    "py_start": "first day of the unit's program year (or of the window)",
    "py_end": "last day of the unit's program year (or of the window)",
    "exited": "exit date in the window, and 90 days have passed since it by the as-of date",
    "emp_q1": "employed in the 1st quarter after the exit quarter: 1, 0, or blank = pending",
    "emp_q2": "employed in the 2nd quarter after exit (PIRL 1602, else UI wages, else 0 once "
              "the two-quarter lag has passed, else pending)",
    "emp_q3": "employed in the 3rd quarter after exit (PIRL 1604, as emp_q2)",
    "emp_q4": "employed in the 4th quarter after exit (PIRL 1606, as emp_q2)",
    "earn_q2": "earnings in the 2nd quarter after exit, cents (PIRL 1704, else UI wages)",
    "same_employer": "same employer in Q2 and Q4 after exit (PIRL 1618, else UI wages; 0 once "
                     "the lag after Q4 has passed; else pending)",
    "placement_q2": "youth education/training placement Q2 after exit (PIRL 1900; blank = 0)",
    "placement_q4": "youth education/training placement Q4 after exit (PIRL 1901; blank = 0)",
    "credential_training": "in education or training for the credential indicator: training "
                           "(1300) not OJT-only or customized-only, postsecondary (1332), or "
                           "secondary (1401) without a diploma at entry (408)",
    "one_year_passed": "the as-of date is after the day one year after exit",
    "postsecondary_credential": "a credential of type 2-7 dated from entry to one year after "
                                "exit",
    "secondary_credential": "a secondary diploma or equivalency (type 1) dated from entry to "
                            "one year after exit",
    "employed_within_year": "employed in any of the 4 quarters after exit",
    "enrolled_after_exit": "enrolled in education or training leading to a postsecondary "
                           "credential (1406) within a year after exit",
    "in_education": "participation (900 .. 901) and education or training (1811 .. 1813, "
                    "blank = still going) both overlap the unit's program year; education "
                    "begun by the as-of date",
    "gain_efl": "EFL gain (1806) in the program year",
    "gain_diploma": "secondary diploma or equivalency (credential type 1) in the program year",
    "gain_transcript": "secondary or postsecondary transcript gain (1807, 1808) in the PY",
    "gain_milestone": "training milestone (1809) in the program year",
    "gain_skills": "skills progression (1810) in the program year",
    "excluded_reason": "PIRL 923 other reason for exit (blank = 0)",
    "iet": "integrated education and training: a training type 04 (ABE or ESL with training)",
    "ojt_custom_only": "every training type given is OJT (01) or customized (05)",
    "diploma_at_entry": "408 is 1 (diploma) or 2 (equivalency)",
    "pre_wage_q": "average quarterly wage of the 3 quarters before participation "
                  "(1700-1702), cents, rounded down; blank if any is unknown",
    "next_level_entry": "entry date of the same person's first later period one pathway level "
                        "up on the same pathway",
    "age": "age in whole years at entry",
    "entry_q": "running calendar quarter of entry", "exit_q": "running quarter of exit",
    "exit_1y": "the day one year after exit", "exit_plus_90": "the day 90 days after exit",
    "provider": "provider column", "pathway": "pathway column",
    "pathway_level": "pathway level column", "exit_point": "exit point column",
    "credits": "credits earned column", "credit_bearing_date": "first credit-bearing "
                                                                "enrolment date column",
}
PARAMETERS: dict[str, str] = {
    "window_start": "first day of the reporting period (--from)",
    "window_end": "last day of the reporting period (--to)",
    "as_of": "the date that fixes what has passed (--as-of)",
}
NAMES: set[str] = {*FACTS, *PARAMETERS, *(f"e{n}" for n in ELEMENTS)}
