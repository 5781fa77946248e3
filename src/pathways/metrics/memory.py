"""How the measures engine asks the operating system for memory.

A run makes many short-lived arrays of a state's size (20 million wage rows are 160 MB a
column). Fresh memory is zeroed by the kernel page by page, and on this project's test
machine that zeroing was up to a third of a run's CPU time (docs/benchmarks.md,
2026-12-07, night). Two defaults made it worse, and the engine changes both when it is
imported, unless the operator has set the variable that governs each:

- NumPy asks Linux for 2 MB pages for every array of 4 MB or more (``madvise``); where the
  kernel compacts memory to find them, reading the wage file took 5.2-5.6 s with the
  advice and 3.4-4.1 s without. ``NUMPY_MADVISE_HUGEPAGE`` decides when it is set.
- pyarrow's default allocator (mimalloc in its wheels) handed memory back and asked for it
  again while a Parquet file was decoded: reading the PIRL file took 3.5-5.4 s, and
  3.1-3.4 s with the C library's allocator. ``ARROW_DEFAULT_MEMORY_POOL`` decides when it
  is set.
"""

from __future__ import annotations

import os

import pyarrow as pa


def _set(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def small_pages() -> bool:
    """Stop NumPy asking for huge pages (unless ``NUMPY_MADVISE_HUGEPAGE`` is set).
    True when the advice is off."""
    chosen = _set("NUMPY_MADVISE_HUGEPAGE")
    if chosen is not None:
        return chosen == "0"
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # another NumPy: leave its default alone
        return False
    _set_madvise_hugepage(False)
    return True


def system_allocator() -> str:
    """pyarrow's arrays from the C library's allocator (unless ``ARROW_DEFAULT_MEMORY_POOL``
    is set); the name of the allocator in use. Buffers already made keep their own."""
    if _set("ARROW_DEFAULT_MEMORY_POOL") is None:
        pa.set_memory_pool(pa.system_memory_pool())
    return pa.default_memory_pool().backend_name


def steady_memory() -> None:
    """Both of the above: called once, when the engine is imported."""
    small_pages()
    system_allocator()
