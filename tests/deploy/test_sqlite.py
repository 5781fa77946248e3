"""SQLite as the embedded default: concurrent writers wait their turn instead of failing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.sqlite_file
def test_ten_concurrent_writers_on_a_sqlite_file_all_succeed(tmp_path):
    # A process of its own: the suite's database is in memory or PostgreSQL, and this must
    # be a file opened with exactly the options the settings give a SQLite database.
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PATHWAYS_")},
           "PATHWAYS_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "PATHWAYS_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, str(HERE / "sqlite_writers.py")], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["failed"] == 0, result["failures"]
    assert result["rows"] == result["counter"] == 150  # 10 writers x 15 writes, none lost
    assert result["journal_mode"] == "wal"

