"""A CTDL upload kept between its preview and its apply, under the upload folder.

The file waits in ``<FILE_UPLOAD_TEMP_DIR>/ctdl-import/<token>.json``, named by a random
token the uploader's session holds. It is removed when the import is applied or
cancelled, when its preview shows an error, and otherwise by the start-up clearing of
stale uploads (``pathways.web.uploads``). A CTDL file holds no personal data.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

from pathways.standards.ctdl.limits import MAX_FILE_BYTES
from pathways.web.uploads import upload_folder

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    folder = upload_folder() / "ctdl-import"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(upload: Any) -> tuple[str, bytes]:
    """Store an uploaded file (at most ``MAX_FILE_BYTES`` + 1 bytes are read: the reader
    refuses a longer one); its token and content."""
    token = secrets.token_hex(16)
    data = bytearray()
    for chunk in upload.chunks():
        data += chunk[:MAX_FILE_BYTES + 1 - len(data)]
        if len(data) > MAX_FILE_BYTES:
            break
    (_folder() / f"{token}.json").write_bytes(data)
    return token, bytes(data)


def path_of(token: str) -> Path | None:
    return _folder() / f"{token}.json" if _TOKEN.match(token) else None


def read(token: str) -> bytes | None:
    """The kept file's content; None when there is none (removed, or not a token)."""
    path = path_of(token)
    try:
        return path.read_bytes() if path is not None else None
    except FileNotFoundError:
        return None


def remove(token: str) -> None:
    path = path_of(token)
    if path is not None:
        path.unlink(missing_ok=True)
