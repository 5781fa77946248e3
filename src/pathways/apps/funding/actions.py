"""Recording and removing awards, and storing a partnership's own streams.

Awards hang from a participant's record, so they take the cases app's ``ParticipantAccess``
(the record must be visible to the actor) and the ``funding.award`` permission. The audit
log keeps which stream and step and when, never the amount (ADR 0036).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action, is_console
from pathways.apps.accounts.audit import record
from pathways.apps.cases.auditing import audited
from pathways.apps.cases.queries import ParticipantAccess
from pathways.apps.funding.models import Award, FundingFacts, PartnershipStream
from pathways.apps.funding.queries import AWARD, FundingAccess
from pathways.apps.funding.registry import partnerships_of_participant, streams_for
from pathways.core.errors import InputError, InputProblem
from pathways.funding.loader import load_stream

MAX_STREAM_CHARS = 100_000
FIELDS = ("stream", "amount", "component", "awarded_on", "period_from", "period_to")


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return None if value is None else str(value)


@action("funding.record_award", ParticipantAccess, AWARD)
def record_award(access: ParticipantAccess, data: dict[str, Any]) -> Award:
    """A stream's award to the participant; its step, if given, is a step of their plan's
    pathway."""
    participant = access.participant
    streams = streams_for(partnerships_of_participant(participant))
    if data.get("stream") not in streams:
        raise ValidationError({"stream": _("Choose one of the funding streams listed.")})
    component = data.get("component")
    plan = getattr(participant, "plan", None)
    if component is not None and (plan is None or component.pathway_id != plan.pathway_id):
        raise ValidationError({"component": _("Choose a step of the participant's pathway.")})
    award = Award(participant=participant, recorded_by=access.user,
                  **{name: data.get(name) for name in FIELDS})
    award.full_clean()
    award.save()
    changes = audited("funding.award", {name: [None, _plain(getattr(award, name))]
                                        for name in FIELDS})
    record(access.actor, "funding.record_award", award, changes=changes,
           summary=f"Participant {participant.pk}: award from {award.stream}")
    return award


@action("funding.remove_award", ParticipantAccess, AWARD)
def remove_award(access: ParticipantAccess, award: Award) -> None:
    if award.participant_id != access.participant.pk:
        raise ValidationError(_("This award belongs to another participant."))
    pk, stream = award.pk, award.stream
    award.delete()
    record(access.actor, "funding.remove_award", None,
           changes={"award": pk, "stream": stream},
           summary=f"Participant {access.participant.pk}: removed award {pk} from {stream}")


@action("funding.record_facts", ParticipantAccess, AWARD)
def record_facts(access: ParticipantAccess, answers: dict[str, Any], on: Any) -> FundingFacts:
    """Replace the participant's funding facts with ``answers`` (only the facts asked). The
    log names the facts that changed, never their values: they describe the person."""
    from pathways.apps.funding.intake import ASKED

    unknown = sorted(set(answers) - set(ASKED))
    if unknown:
        raise ValidationError(_("Unknown facts: %(names)s") % {"names": ", ".join(unknown)})
    facts, created = FundingFacts.objects.select_for_update().get_or_create(
        participant=access.participant,
        defaults={"recorded_on": on, "recorded_by": access.user, "answers": {}})
    before = dict(facts.answers or {})
    clean = {k: v for k, v in answers.items() if v is not None}
    changed = sorted(k for k in set(before) | set(clean) if before.get(k) != clean.get(k))
    facts.answers, facts.recorded_on, facts.recorded_by = clean, on, access.user
    facts.full_clean()
    facts.save()
    record(access.actor, "funding.record_facts", facts,
           changes={name: "changed" for name in changed},
           summary=f"Participant {access.participant.pk}: funding facts "
                   f"{'recorded' if created else 'changed'}")
    return facts


@action("funding.save_stream", FundingAccess, "funding.streams")
def save_stream(access: FundingAccess, text: str, name: str) -> PartnershipStream:
    """Add or replace one of the partnership's own streams from YAML; a file with any
    problem is refused whole (InputError naming file, line and field) and nothing is
    written."""
    if len(text) > MAX_STREAM_CHARS:
        raise InputError(InputProblem(f"is longer than {MAX_STREAM_CHARS:,} characters", name))
    stream = load_stream(name, text)
    row, created = PartnershipStream.objects.update_or_create(
        partnership=access.partnership, key=stream.key,
        defaults={"title": stream.title[:200], "kind": stream.kind, "definition": text,
                  "file_name": name[-200:],
                  "uploaded_by": None if is_console(access.user) else access.user})
    record(access.actor, "funding.save_stream", row,
           changes={"key": stream.key, "kind": stream.kind, "created": created},
           summary=f"{'Added' if created else 'Replaced'} funding stream {stream.key} of "
                   f"partnership {access.partnership.pk}")
    return row
