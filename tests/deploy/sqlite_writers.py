"""Run in its own process (tests/deploy/test_sqlite.py): WRITERS threads write to one
file-based SQLite database at once, through the ORM, with the project's own settings
(PATHWAYS_DATABASE_URL names the file). Prints one JSON line: writes done and failures.

Each write reads first and then writes in one transaction, the pattern SQLite refused with
"database is locked" before IMMEDIATE transactions, and every writer also updates one
shared row, so they really contend.
"""

from __future__ import annotations

import json
import sys
import threading

WRITERS = 10
WRITES = 15


def main() -> None:
    from pathways.commands._django import setup_django

    setup_django()
    from django.db import connection, transaction

    from pathways.apps.accounts.models import Organisation

    with connection.schema_editor() as editor:
        editor.create_model(Organisation)
    Organisation.objects.create(name="shared", kind="college", website="https://example.org/0")
    connection.close()
    failures: list[str] = []
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        start.wait()
        for number in range(WRITES):
            try:
                with transaction.atomic():
                    seen = Organisation.objects.count()
                    Organisation.objects.create(name=f"writer {writer} #{number}",
                                                kind="college", state=str(seen % 100))
                    shared = Organisation.objects.get(name="shared")
                    count = int(shared.website.rsplit("/", 1)[1]) + 1
                    shared.website = f"https://example.org/{count}"
                    shared.save(update_fields=["website"])
            except Exception as exc:  # noqa: BLE001 - every failure is what we count
                failures.append(f"{type(exc).__name__}: {exc}")
        connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared = Organisation.objects.get(name="shared")
    print(json.dumps({
        "rows": Organisation.objects.exclude(name="shared").count(),
        "counter": int(shared.website.rsplit("/", 1)[1]),
        "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
        "failures": failures[:5], "failed": len(failures)}))


if __name__ == "__main__":
    sys.exit(main())
