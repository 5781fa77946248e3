""""Any of these conditions", with one rule for unknown values, for the whole engine.

The rule: an unknown (null) condition counts as not met. ``any_of`` is true when at least
one condition is true, and false otherwise; it is never unknown:

    any_of(true, unknown) is true      any_of(false, unknown) is false
    any_of(unknown, unknown) is false  any_of() (nothing to meet) is false

This is how every fact reads PIRL (a blank element, or a comparison with one, says "no")
and how definitions compile (``definitions._bool``): a unit is in a count or out of it,
never in between, and ``~any_of(...)`` ("none of these") holds exactly when no condition
is known to be met.

Unknown is tested once, on the whole OR: in SQL's three-valued logic ``a OR b`` is true
when either is true, so ``COALESCE(a OR b, FALSE)`` gives what testing each input would,
with one test. Where the result is read as a condition (a WHERE, a join's ON, a CASE
branch) the compiled SQL drops the test (``conditions.simplify``); where it is kept as a
column, a caller whose conditions can never be unknown says so (``never_unknown``) and the
test is left out, which DuckDB evaluates measurably faster.
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
from ibis.expr.types import BooleanValue


def any_of(conditions: Iterable[BooleanValue], *, never_unknown: bool = False
           ) -> BooleanValue:
    """True when at least one of ``conditions`` is true; unknown ones count as not met.

    ``never_unknown`` promises that no condition is ever null (each was built by this
    rule, or reads columns that are never null): the result is the same, without a test.
    """
    conditions = list(conditions)
    if not conditions:
        return ibis.literal(False)
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result if never_unknown else result.fill_null(False)
