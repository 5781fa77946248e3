"""The streams a partnership can braid: the shipped federal ones and its own.

A partnership's stream with the key of a shipped one replaces it for that partnership
(to add the local board's ITA limit to WIOA, or a state's TANF rules).
"""

from __future__ import annotations

from collections.abc import Iterable

from pathways.apps.accounts.models import Partnership
from pathways.apps.funding.models import PartnershipStream
from pathways.core.errors import InputError
from pathways.funding.definition import Stream
from pathways.funding.loader import load_stream, shipped_streams


def own_streams(partnerships: Iterable[Partnership | int]) -> list[Stream]:
    """The partnerships' own streams, as stored (each was valid when uploaded)."""
    ids = [p if isinstance(p, int) else p.pk for p in partnerships]
    found = []
    for row in PartnershipStream.objects.filter(partnership_id__in=ids).order_by("pk"):
        try:
            found.append(load_stream(row.file_name or f"{row.key}.yaml", row.definition))
        except InputError:
            continue  # a stored file a newer version no longer reads: listed, not braided
    return found


def streams_for(partnerships: Iterable[Partnership | int]) -> dict[str, Stream]:
    """Every stream by key: shipped, then the partnerships' own (replacing a shipped key)."""
    streams = dict(shipped_streams())
    for stream in own_streams(partnerships):
        streams[stream.key] = stream
    return streams


def streams_of_participant(participant) -> dict[str, Stream]:
    """``streams_for`` the partnerships of the organisation that enrolled the participant,
    kept in the cache for the catalog's generation: a partnership's stream, a partnership and
    an organisation are all catalog changes that start a new one (catalog.generation), and
    reading them again (two queries and a YAML parse a stream) on every record page cost a
    fifth of the page."""
    from django.core.cache import cache

    from pathways.apps.catalog.generation import generation

    key = f"pathways:streams:{generation()}:{participant.enrolled_by_id}"
    found = cache.get(key)
    if found is None:
        found = streams_for(partnerships_of_participant(participant))
        cache.set(key, found, 3600)
    return found


def partnerships_of_participant(participant) -> list[int]:
    """The partnerships of the organisation that enrolled the participant."""
    return list(Partnership.objects.filter(organisations=participant.enrolled_by_id)
                .values_list("pk", flat=True))


__all__ = ["own_streams", "partnerships_of_participant", "streams_for",
           "streams_of_participant"]
