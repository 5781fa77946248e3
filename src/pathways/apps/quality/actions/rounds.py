"""Opening and closing rounds; saving a member's ratings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.quality.actions._common import MAX_NOTE, closed_round_problem, user_of
from pathways.apps.quality.models import (
    FrameworkVersion,
    Rating,
    Round,
)
from pathways.apps.quality.queries import TAKE_PART, Access, require_facilitator
from pathways.core.errors import InputError, InputProblem
from pathways.frameworks import (
    rating_problems,
)

MAX_LINKS = 10
MAX_LINK = 500
_url = URLValidator(schemes=["http", "https"])


@action("quality.round.open", Access, TAKE_PART, rule="is_facilitator")
def open_round(access: Access, version: FrameworkVersion, title: str,
               opened_at: datetime | None = None) -> Round:
    require_facilitator(access)
    title = (title or "").strip()
    if not title:
        raise InputError(InputProblem("give the round a title", field="title"))
    if len(title) > 200:
        raise InputError(InputProblem("is longer than 200 characters", field="title"))
    if version.partnership_id not in (None, access.partnership.pk):
        raise InputError(InputProblem("this framework belongs to another partnership",
                                      field="framework"))
    version.definition()  # stored text still parses and matches its checksum
    with transaction.atomic():
        found = Round.objects.create(
            partnership=access.partnership, framework=version,
            framework_checksum=version.checksum, title=title, opened_by=user_of(access.actor),
            opened_at=opened_at or timezone.now())
        record(access.actor, "quality.round.open", found,
               summary=f"Opened {title} on {version.key} version {version.version}",
               changes={"framework": version.pk, "checksum": version.checksum})
    return found


@action("quality.round.close", Access, TAKE_PART, rule="is_facilitator")
def close_round(access: Access, closed_at: datetime | None = None) -> Round:
    """Close the round. The row is locked and its state read again first, so of two
    closes (or a close and a rating) at the same moment one goes through and the other is
    refused clearly; ``Versioned.save`` refuses a close over a version it did not read."""
    require_facilitator(access)
    with transaction.atomic():
        found = Round.objects.select_for_update().get(pk=access.round.pk)
        if not found.is_open:
            raise InputError(InputProblem("this round is already closed", field="round"))
        found.close(closed_at or timezone.now())
        try:
            found.save(update_fields=["status", "closed_at"])
        except StaleEdit:  # where rows cannot be locked (SQLite), the claim still holds
            raise InputError(InputProblem("this round was closed meanwhile",
                                          field="round")) from None
        record(access.actor, "quality.round.close", found, summary=f"Closed {found.title}")
    return found


@dataclass(frozen=True)
class RatingInput:
    indicator: str
    value: str = ""
    note: str = ""
    contributes: tuple[str, ...] = ()
    attention: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        return not (self.value or self.note.strip() or self.contributes or self.attention
                    or self.evidence)


@action("quality.rating.save", Access, TAKE_PART)
def save_ratings(access: Access, entries: Sequence[RatingInput]) -> list[str]:
    """Save the acting member's ratings (all or none); returns the indicators saved.

    An entry with nothing in it removes the member's rating of that indicator.
    """
    found = access.round
    if not found.is_open:
        raise InputError(closed_round_problem(found))
    framework = found.definition()
    problems: list[InputProblem] = []
    for entry in entries:
        problems += rating_problems(framework, entry.indicator, entry.value, entry.contributes,
                                    entry.attention)
        if len(entry.note) > MAX_NOTE:
            problems.append(InputProblem(f"is longer than {MAX_NOTE} characters",
                                         field=f"{entry.indicator}.note"))
        problems += _link_problems(entry)
    if len({e.indicator for e in entries}) != len(entries):
        problems.append(InputProblem("an indicator appears twice", field="indicator"))
    if problems:
        raise InputError(problems)
    saved = []
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=found.pk)
        if not locked.is_open:  # closed while this request was on its way
            raise InputError(closed_round_problem(locked))
        for entry in entries:
            if entry.blank:
                Rating.objects.filter(round=found, member=access.user,
                                      indicator=entry.indicator).delete()
            else:
                Rating.objects.update_or_create(
                    round=found, member=access.user, indicator=entry.indicator,
                    defaults={"value": entry.value, "note": entry.note.strip(),
                              "contributes": sorted(set(entry.contributes)),
                              "attention": sorted(set(entry.attention)),
                              "evidence": list(dict.fromkeys(entry.evidence))})
            saved.append(entry.indicator)
        record(access.actor, "quality.rating.save", found,
               summary=f"Saved ratings of {len(saved)} indicators in {found.title}",
               changes={"indicators": saved})
    return saved


def _link_problems(entry: RatingInput) -> list[InputProblem]:
    field = f"{entry.indicator}.evidence"
    if len(entry.evidence) > MAX_LINKS:
        return [InputProblem(f"at most {MAX_LINKS} evidence links", field=field)]
    problems = []
    for link in entry.evidence:
        try:
            if len(link) > MAX_LINK:
                raise ValidationError("too long")
            _url(link)
        except ValidationError:
            problems.append(InputProblem(f"{link[:80]!r} is not a web address (http:// or "
                                         "https://)", field=field))
    return problems


