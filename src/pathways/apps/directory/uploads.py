"""An HSDS upload kept between its preview and its apply, as the CTDL import keeps its
(``exchange.uploads``): ``<upload folder>/hsds-import/<token>.bin``, named by a random token
the uploader's session holds, removed on apply, cancel or a refused preview, and otherwise
by the start-up clearing of stale uploads. A services directory holds no personal data."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

from pathways.standards.hsds.limits import MAX_FILE_BYTES
from pathways.web.uploads import upload_folder

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    folder = upload_folder() / "hsds-import"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(upload: Any) -> tuple[str, bytes]:
    """Store an upload (at most ``MAX_FILE_BYTES`` + 1 bytes: the reader refuses more)."""
    token = secrets.token_hex(16)
    data = bytearray()
    for chunk in upload.chunks():
        data += chunk[:MAX_FILE_BYTES + 1 - len(data)]
        if len(data) > MAX_FILE_BYTES:
            break
    (_folder() / f"{token}.bin").write_bytes(data)
    return token, bytes(data)


def _path(token: str) -> Path | None:
    return _folder() / f"{token}.bin" if _TOKEN.match(token) else None


def read(token: str) -> bytes | None:
    path = _path(token)
    try:
        return path.read_bytes() if path is not None else None
    except FileNotFoundError:
        return None


def remove(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)
