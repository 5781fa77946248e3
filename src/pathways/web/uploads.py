"""The folder uploaded files wait in, and clearing what a stopped server left there.

Django writes an upload larger than ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file in
``FILE_UPLOAD_TEMP_DIR`` and deletes it when the request ends; a measures run copies its
uploads into a folder of its own there and removes it whatever happens. Only a process
killed mid-request leaves files behind (PIRL files hold personal data), so every start
clears files and folders there that are older than ``PATHWAYS_UPLOAD_MAX_HOURS``: no
request lasts that long, so nothing in use is touched. The web app's ``ready()`` calls
``clear_stale_uploads``; a serve command may call it too (a second call finds nothing).
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings

log = logging.getLogger(__name__)


def upload_folder() -> Path:
    """Where uploads wait (created when missing)."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class KeptUploads:
    """Uploads kept between a preview and its apply (a CTDL pathway, an HSDS directory):
    ``<upload folder>/<subfolder>/<token><suffix>``, named by a random token the uploader's
    session holds, removed on apply, cancel or a refused preview, and otherwise by the
    start-up clearing of stale uploads. At most ``max_bytes`` + 1 bytes are kept: the
    reader refuses a longer file, and is given enough to say so."""

    TOKEN = re.compile(r"^[0-9a-f]{32}$")

    def __init__(self, subfolder: str, suffix: str, max_bytes: int) -> None:
        self.subfolder, self.suffix, self.max_bytes = subfolder, suffix, max_bytes

    def folder(self) -> Path:
        found = upload_folder() / self.subfolder
        found.mkdir(parents=True, exist_ok=True)
        return found

    def keep(self, upload: Any) -> tuple[str, bytes]:
        """Store an uploaded file; its token and content."""
        token = secrets.token_hex(16)
        data = bytearray()
        for chunk in upload.chunks():
            data += chunk[:self.max_bytes + 1 - len(data)]
            if len(data) > self.max_bytes:
                break
        (self.folder() / f"{token}{self.suffix}").write_bytes(data)
        return token, bytes(data)

    def path_of(self, token: str) -> Path | None:
        return self.folder() / f"{token}{self.suffix}" if self.TOKEN.match(token) else None

    def read(self, token: str) -> bytes | None:
        """The kept file's content; None when there is none (removed, or not a token)."""
        path = self.path_of(token)
        try:
            return path.read_bytes() if path is not None else None
        except FileNotFoundError:
            return None

    def remove(self, token: str) -> None:
        path = self.path_of(token)
        if path is not None:
            path.unlink(missing_ok=True)


def clear_stale_uploads(max_hours: float | None = None, now: float | None = None
                        ) -> list[Path]:
    """Remove what in the upload folder was last changed more than ``max_hours`` ago
    (default: the setting); returns what was removed. A file that cannot be removed is
    logged and left, so start-up never fails over it."""
    if not settings.FILE_UPLOAD_TEMP_DIR:  # settings of another project: the system's own
        return []
    hours = getattr(settings, "PATHWAYS_UPLOAD_MAX_HOURS", 6) if max_hours is None \
        else max_hours
    cutoff = (time.time() if now is None else now) - hours * 3600
    removed = []
    for entry in sorted(upload_folder().iterdir()):
        try:
            if entry.lstat().st_mtime >= cutoff:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            log.warning("could not remove the stale upload %s: %s", entry, exc)
            continue
        removed.append(entry)
    if removed:
        log.info("removed %d stale upload(s) from %s", len(removed), upload_folder())
    return removed
