"""Reads for the directory pages: one's own import, the directory to download."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pathways.apps.directory.models import DirectoryImport


def import_for(user: Any, pk: int) -> DirectoryImport:
    """One's own import; Http404 for anyone else's (not revealed)."""
    try:
        return DirectoryImport.objects.get(pk=pk, started_by_id=getattr(user, "pk", None))
    except DirectoryImport.DoesNotExist:
        raise Http404("No such import") from None
