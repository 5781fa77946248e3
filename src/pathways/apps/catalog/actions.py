"""The catalog's actions (registered on import, as every app's ``actions`` module is)."""

from pathways.apps.catalog.lifecycle import (  # noqa: F401 - registered by the decorator
    approve,
    archive,
    copy_pathway,
    discard_working_copy,
    publish_with_reason,
    request_changes,
    start_revision,
    submit_for_review,
)
