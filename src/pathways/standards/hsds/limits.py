"""What an HSDS upload may hold. A county 211 directory has a few thousand services and
its tables are a few MB; these limits leave room for a state's and stop a file that would
tie up a web worker or fill the database with one text."""

from __future__ import annotations

MAX_FILE_BYTES = 50_000_000  # one JSON file, one CSV table, or a zip's tables together
MAX_ZIP_MEMBERS = 100
MAX_ROWS = 200_000  # rows of one CSV table, or services of one JSON file
MAX_DEPTH = 32  # HSDS nests service > service_at_location > location > address (a few)
MAX_NAME_CHARS = 500
MAX_TEXT_CHARS = 10_000
