"""The engine turns NumPy's huge-page advice off, unless the operator has set it."""

from __future__ import annotations

import pytest

from pathways.metrics import memory


def test_the_advice_goes_off_when_nobody_set_it(monkeypatch):
    calls = []
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    monkeypatch.setattr("numpy._core.multiarray._set_madvise_hugepage", calls.append)
    assert memory.small_pages() is True
    assert calls == [False]

@pytest.mark.parametrize(("value", "off"), [("1", False), ("0", True)])
def test_an_operators_setting_is_left_alone(monkeypatch, value, off):
    calls = []
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", value)
    monkeypatch.setattr("numpy._core.multiarray._set_madvise_hugepage", calls.append)
    assert memory.small_pages() is off
    assert calls == []
