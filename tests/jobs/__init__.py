"""Helpers for tests of background jobs: run the real database worker until the queue is
empty (``db_worker --batch``), in this process.

The worker calls ``close_old_connections`` each time it wakes; inside a test's transaction
(autocommit off) Django takes that connection for a broken one and closes it, ending the
test's transaction on PostgreSQL. Only that call is skipped here; claiming, running and
recording the task are the worker's own."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload",
                     verbosity=0)
