"""The engine turns NumPy's huge-page advice off, unless the operator has set it."""

from __future__ import annotations

import os

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


def test_arrow_uses_the_c_librarys_allocator_unless_told_otherwise(monkeypatch):
    import pyarrow as pa

    chosen = []
    monkeypatch.setattr(pa, "set_memory_pool", chosen.append)
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    memory.system_allocator()
    assert [pool.backend_name for pool in chosen] == ["system"]
    chosen.clear()
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    memory.system_allocator()
    assert chosen == []


def test_the_engine_runs_on_the_system_allocator():
    import pyarrow as pa

    import pathways.metrics  # noqa: F401  (importing the engine makes the choice)

    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        assert pa.default_memory_pool().backend_name == "system"
