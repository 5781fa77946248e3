"""A CTDL upload kept between its preview and its apply: ``<upload folder>/ctdl-import/
<token>.json`` (``pathways.web.uploads.KeptUploads``). A CTDL file holds no personal data.
"""

from __future__ import annotations

from pathways.standards.ctdl.limits import MAX_FILE_BYTES
from pathways.web.uploads import KeptUploads

KEPT = KeptUploads("ctdl-import", ".json", MAX_FILE_BYTES)
keep, read, remove, path_of = KEPT.keep, KEPT.read, KEPT.remove, KEPT.path_of
