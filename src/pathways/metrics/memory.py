"""How the measures engine asks the operating system for memory.

NumPy asks Linux to back every array of 4 MB or more with 2 MB pages (``madvise``). A run
makes many short-lived arrays of a state's size (20 million wage rows are 160 MB a
column), and on kernels that compact memory to find those pages the system time went up
to as much as the work itself: reading the 2-million-period files took 5.2-5.6 s with
the advice and 3.4-4.1 s without (docs/benchmarks.md, 2026-12-07). NumPy reads the
setting once, from ``NUMPY_MADVISE_HUGEPAGE`` when it is imported; this turns the advice
off at run time unless that variable says otherwise, so an operator keeps the last word.
"""

from __future__ import annotations

import os


def small_pages() -> bool:
    """Stop NumPy asking for huge pages (unless ``NUMPY_MADVISE_HUGEPAGE`` is set).
    True when the advice is off."""
    if os.environ.get("NUMPY_MADVISE_HUGEPAGE") not in (None, ""):
        return os.environ["NUMPY_MADVISE_HUGEPAGE"] == "0"
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # another NumPy: leave its default alone
        return False
    _set_madvise_hugepage(False)
    return True
