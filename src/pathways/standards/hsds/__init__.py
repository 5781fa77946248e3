"""Open Referral HSDS 3.0: read and write a services directory (docs/directory.md)."""

from pathways.standards.hsds.model import Directory
from pathways.standards.hsds.reader import read_json, read_path, read_tables, read_upload, read_zip
from pathways.standards.hsds.writer import csv_texts, to_json, to_zip

__all__ = ["Directory", "csv_texts", "read_json", "read_path", "read_tables", "read_upload",
           "read_zip", "to_json", "to_zip"]
