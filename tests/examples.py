"""How many examples a property-based test tries.

The full count runs in `make test` (and whenever slow tests are included); the quick suite
(``-m "not slow ..."``, tests/conftest.py sets PATHWAYS_QUICK_RUN) tries a fifth of it, at
least 20, so that it stays near a minute. Coverage is not lost: the same tests run with
their full counts in the full suite.
"""

from __future__ import annotations

import os


def quick_run() -> bool:
    return os.environ.get("PATHWAYS_QUICK_RUN") == "1"


def examples(full: int) -> int:
    return max(20, full // 5) if quick_run() else full
