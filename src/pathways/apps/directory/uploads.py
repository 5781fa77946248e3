"""An HSDS upload kept between its preview and its apply, as the CTDL import keeps its:
``<upload folder>/hsds-import/<token>.bin`` (``pathways.web.uploads.KeptUploads``). A
services directory holds no personal data."""

from __future__ import annotations

from pathways.standards.hsds.limits import MAX_FILE_BYTES
from pathways.web.uploads import KeptUploads

KEPT = KeptUploads("hsds-import", ".bin", MAX_FILE_BYTES)
keep, read, remove = KEPT.keep, KEPT.read, KEPT.remove
