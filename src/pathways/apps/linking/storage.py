"""A linkage run's files: the partners' uploads and the cleaned identifying values, each
sealed with the key of the encrypted fields (``cases.crypto``), in
``LINKAGE_FILES_DIR/<run>/``.

They hold names and birth dates, so they are kept only while the run needs them (review,
then the measures of the joined files): the analyst removes them, or they go once
``PATHWAYS_LINKAGE_KEEP_DAYS`` have passed (``remove_expired``, run by every linkage job
and every measures run of a linkage). A failed or cancelled run removes its files at once.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
from django.conf import settings

PEOPLE = "people.parquet.sealed"


def folder(run_pk: int) -> Path:
    return Path(settings.LINKAGE_FILES_DIR) / str(int(run_pk))


def _seal(data: bytes) -> bytes:
    from pathways.apps.cases.crypto import fernet

    return fernet().encrypt(data)


def _open(data: bytes) -> bytes:
    from pathways.apps.cases.crypto import fernet

    return fernet().decrypt(data)


def keep_upload(run_pk: int, position: int, upload) -> None:
    """An uploaded partner file, sealed (the plain file never touches the disk here)."""
    target = folder(run_pk)
    target.mkdir(parents=True, exist_ok=True)
    data = b"".join(upload.chunks())
    (target / f"partner-{position}.csv.sealed").write_bytes(_seal(data))


def upload(run_pk: int, position: int) -> bytes:
    return _open((folder(run_pk) / f"partner-{position}.csv.sealed").read_bytes())


def keep_people(run_pk: int, people: pd.DataFrame) -> None:
    """The cleaned identifying values of every record (what the review shows)."""
    buffer = io.BytesIO()
    people.to_parquet(buffer, index=False)
    (folder(run_pk) / PEOPLE).write_bytes(_seal(buffer.getvalue()))


def people(run_pk: int, ids: list[str]) -> dict[str, dict]:
    """The cleaned identifying values of the records ``ids`` (missing ones left out)."""
    try:
        data = _open((folder(run_pk) / PEOPLE).read_bytes())
    except FileNotFoundError:
        return {}
    frame = pd.read_parquet(io.BytesIO(data))
    frame = frame[frame["unique_id"].isin(ids)]
    return {row["unique_id"]: {k: (v if isinstance(v, str) else None)
                               for k, v in row.items()}
            for row in frame.to_dict("records")}


def remove(run_pk: int) -> None:
    shutil.rmtree(folder(run_pk), ignore_errors=True)
