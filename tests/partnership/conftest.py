"""The partnership tests run on a fixed day, so what is due on the demo's agreements (MOU
effective 2024-03-01, ending 2027-06-30) does not change with the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch) -> dt.date:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY
