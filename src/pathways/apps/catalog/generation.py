"""The catalog's generation: a token that changes whenever anything public changes.

Whatever keeps a rendered public page (``pathways.web.pagecache``) puts the generation in
its key, so a change to the catalog makes every kept page unreachable at once, in every
worker process that shares the cache. A new generation starts only when the change is
committed: a page rendered from the old rows meanwhile is kept under the old generation.
Bulk writes that send no signals (reference loads) call ``changed()`` themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "pathways:catalog-generation"
# Besides the catalog's own models, what public pages show of other apps.
ALSO = ("accounts.Organisation", "accounts.Partnership",
        "funding.PartnershipStream",  # "Ways to pay" on a pathway's page
        "reports.PublishedFigure")  # published outcomes on a pathway's page


def _changed_in_this_transaction() -> bool:
    """Inside a transaction that has changed the catalog, nothing kept may be used: it was
    made from the rows before the change (the generation moves only at commit)."""
    connection = connections[DEFAULT_DB_ALIAS]
    marked = getattr(connection, "_pathways_changed_in", None)
    blocks = connection.atomic_blocks
    return marked is not None and bool(blocks) and blocks[0] is marked


def generation() -> str:
    if _changed_in_this_transaction():
        return "uncommitted-" + uuid.uuid4().hex
    found = cache.get(KEY)
    if found is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        found = cache.get(KEY) or ""
    return found


def _start_new() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def changed(**_signal: Any) -> None:
    """Start a new generation once the current transaction commits (at once outside one);
    until then, this transaction reads nothing kept."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.atomic_blocks:
        connection._pathways_changed_in = connection.atomic_blocks[0]
    transaction.on_commit(_start_new)


def connect() -> None:
    """Watch every catalog model, and the few others public pages show."""
    models = list(apps.get_app_config("catalog").get_models())
    models += [apps.get_model(label) for label in ALSO]
    for model in models:
        uid = f"catalog-generation:{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(changed, sender=field.remote_field.through,
                                dispatch_uid=f"{uid}:{field.name}")


__all__ = ["changed", "connect", "generation"]
