"""Keep the measures engine's compiled SQL between test runs (and between the SQLite and
PostgreSQL passes): compiling costs more than running on test-sized data. The cache is
named by the engine's own code, so a code change compiles afresh."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PATHWAYS_MEASURES_SQL_CACHE",
                      str(Path(tempfile.gettempdir()) / f"pathways-measures-sql-{os.getuid()}"))
