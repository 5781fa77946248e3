"""Loading framework versions: shared, shipped, or a partnership's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from pathways.apps.accounts.access import ConsoleUser, action
from pathways.apps.accounts.audit import record
from pathways.apps.quality import queries
from pathways.apps.quality.actions._common import user_of
from pathways.apps.quality.models import (
    FrameworkVersion,
)
from pathways.apps.quality.queries import FrameworksAccess
from pathways.core.errors import InputError, InputProblem
from pathways.frameworks import (
    checksum,
    load_framework,
    shipped_files,
)

MAX_FRAMEWORK_CHARS = 200_000


@dataclass(frozen=True)
class LoadOutcome:
    version: FrameworkVersion
    created: bool
    replaced: FrameworkVersion | None


@action("quality.framework.load", FrameworksAccess, rule="may_manage")
def load_frameworks(access: FrameworksAccess, files: Sequence[tuple[str, str]],
                    shipped: bool = False) -> list[LoadOutcome]:
    """Store framework versions from ``(text, file name)`` pairs, all or none.

    With an access to no partnership the versions are shared (every partnership may use
    them); with one they are that partnership's own and replace the shared version of the same key.
    The same key and version with the same text again changes nothing; with other text it
    is an error (give the changed file a new version), except for a shipped file whose
    stored version no round uses yet.
    """
    partnership = access.partnership
    problems: list[InputProblem] = []
    parsed = []
    seen: dict[tuple[str, str], str] = {}
    for text, name in files:
        if len(text) > MAX_FRAMEWORK_CHARS:
            problems.append(InputProblem(f"is longer than {MAX_FRAMEWORK_CHARS:,} characters",
                                         name))
            continue
        try:
            framework = load_framework(name, text)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        ident = (framework.key, framework.version)
        if ident in seen:
            problems.append(InputProblem(f"{framework.key} version {framework.version} is "
                                         f"also in {seen[ident]}", name,
                                         framework.version_line, "version"))
        seen[ident] = name
        parsed.append((text, name, framework))
    plan = []
    for text, name, framework in parsed:
        same = queries.existing_version(framework.key, framework.version, partnership)
        edited_in_place = shipped and same is not None and same.is_shipped \
            and not same.rounds.exists()
        if same is not None and same.checksum != checksum(text) and not edited_in_place:
            problems.append(InputProblem(
                f"version {framework.version!r} of {framework.key!r} is already loaded "
                "with different content; give the changed file a new version", name,
                framework.version_line, "version"))
            continue
        plan.append((text, name, framework, same))
    if problems:
        raise InputError(problems)
    return [_store(text, name, framework, same, access.actor, partnership, shipped)
            for text, name, framework, same in plan]


def _store(text, name, framework, same, actor, partnership, shipped) -> LoadOutcome:
    digest = checksum(text)
    if same is not None and same.checksum == digest:
        return LoadOutcome(same, False, None)
    if partnership is not None:
        replaced = next((v for v in queries.frameworks_for(partnership)
                         if v.key == framework.key), None)
    else:
        replaced = (FrameworkVersion.objects.filter(partnership__isnull=True, key=framework.key)
                    .exclude(pk=getattr(same, "pk", None)).order_by("-loaded_at", "-id").first())
    fields = {"title": framework.title[:300], "level": framework.level, "content": text,
              "checksum": digest, "source_name": name[-200:], "is_shipped": shipped,
              "loaded_by": user_of(actor), "loaded_at": timezone.now()}
    if same is not None:  # a shipped file edited in place, and no round uses it yet
        for field, value in fields.items():
            setattr(same, field, value)
        same.save()
        version, replaced = same, None
    else:
        version = FrameworkVersion.objects.create(key=framework.key, version=framework.version,
                                                  partnership=partnership, **fields)
    where = partnership.name if partnership else "every partnership"
    verb = f"replaces version {replaced.version}" if replaced else "adds a framework"
    record(actor, "quality.framework.load", version,
           summary=f"Loaded {framework.key} version {framework.version} for {where} ({verb})",
           changes={"key": framework.key, "version": framework.version, "checksum": digest,
                    "file": name, "replaces": replaced.pk if replaced else None,
                    "partnership": partnership.pk if partnership else None})
    return LoadOutcome(version, True, replaced)


def sync_shipped_frameworks() -> list[LoadOutcome]:
    """Store the frameworks that come with Pathways (run after every migrate)."""
    files = [(path.read_text(encoding="utf-8"), f"frameworks/definitions/{path.name}")
             for path in shipped_files()]
    return load_frameworks(queries.frameworks_access(ConsoleUser("system")), files,
                           shipped=True)


