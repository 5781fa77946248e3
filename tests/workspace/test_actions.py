"""Workspace actions: scoped to the pathway and partnership, refused for outsiders and
non-drafts with nothing written, every change moving the pathway's version on."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from pathways.apps.accounts.models import AuditEntry, Partnership, Profile, Role
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog.models import (
    Credential,
    Occupation,
    Pathway,
    PathwayComponent,
    Program,
    Provider,
    SupportService,
)
from pathways.apps.catalog.queries import pathway_access
from pathways.apps.workspace import actions
from pathways.apps.workspace.actions import ANY, AT_LEAST, Group, StepInput
from pathways.core.errors import InputError
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db


def outsider():
    other = Partnership.objects.create(name="Elsewhere (ws test)", scope="local")
    user = get_user_model().objects.create_user(username="ws-outsider")
    Profile.objects.create(user=user, role=Role.EDITOR)
    user.memberships.create(partnership=other)
    return user


def do(user, pathway, act, *args):
    """Run ``act`` as ``user`` on a form opened on the pathway's current version."""
    access = access_of(user, pathway)
    return act(access, pathway.version, *args)


def test_build_a_small_pathway(editor, draft):
    level = do(editor, draft, actions.add_level, "Start")
    first = do(editor, draft, actions.add_step, StepInput("Nurse aide training",
                                                          level_id=level.pk))
    second = do(editor, draft, actions.add_step, StepInput(
        "CNA job", component_type="ceterms:JobComponent", level_id=level.pk))
    do(editor, draft, actions.connect, first.pk, second.pk)
    do(editor, draft, actions.add_entry, first.pk, actions.EntryInput(
        "Start here", "direct", "Adults with a diploma"))
    occupation = Occupation.objects.order_by("code").first()
    do(editor, draft, actions.add_exit, second.pk, actions.ExitInput(occupation.code))
    draft.refresh_from_db()
    assert list(first.precedes.all()) == [second]
    assert draft.entry_points.get().component == first
    assert draft.exit_points.get().name == occupation.title
    assert draft.version == 7  # created at 1, six changes
    assert AuditEntry.objects.filter(object_type="catalog.pathway", object_id=str(draft.pk),
                                     action__startswith="workspace.").count() == 7
    assert set(draft.changed_in) >= {"progressionlevel", "pathwaycomponent", "entrypoint",
                                     "exitpoint"}


def test_a_stale_form_is_refused_naming_what_changed(editor, draft):
    seen = draft.version
    actions.add_level(access_of(editor, draft), seen, "One")
    with pytest.raises(StaleEdit) as refused:
        actions.add_level(access_of(editor, draft), seen, "Two")
    assert "Progression levels" in refused.value.problems[0].message
    assert list(draft.levels.values_list("name", flat=True)) == ["One"]


def test_an_outsider_is_refused_and_nothing_written(draft):
    before = PathwayComponent.objects.count()
    with pytest.raises((Http404, PermissionDenied)):
        actions.add_step(pathway_access(outsider(), draft), draft.version, StepInput("X"))
    assert PathwayComponent.objects.count() == before


def test_a_published_pathway_is_not_changed_in_place(editor):
    published = Pathway.objects.filter(status="published", partnership__isnull=False).first()
    levels = published.levels.count()
    with pytest.raises(PermissionDenied):
        actions.add_level(pathway_access(editor, published), published.version, "New")
    assert published.levels.count() == levels


def test_items_of_another_pathway_or_partnership_are_refused(editor, draft):
    published = Pathway.objects.filter(status="published").first()
    foreign_step = published.components.first()
    level = actions.add_level(access_of(editor, draft), draft.version, "L")
    draft.refresh_from_db()
    step = actions.add_step(access_of(editor, draft), draft.version, StepInput("A"))
    draft.refresh_from_db()
    with pytest.raises(InputError) as refused:
        actions.connect(access_of(editor, draft), draft.version, step.pk, foreign_step.pk)
    assert refused.value.problems[0].field == "target"
    with pytest.raises(InputError):
        actions.add_step(access_of(editor, draft), draft.version,
                         StepInput("B", level_id=published.levels.first().pk))
    elsewhere = Provider.objects.create(name="Far Away College", kind="college")
    program = Program.objects.create(provider=elsewhere, name="Far", length_weeks=4, cost=1,
                                     schedule="daytime", modality="online")
    with pytest.raises(InputError) as refused:
        actions.edit_step(access_of(editor, draft), draft.version, step.pk,
                          StepInput("A", level_id=level.pk, program_id=program.pk))
    assert refused.value.problems[0].field == "program"
    service = SupportService.objects.create(name="Far help", category="support:Tutoring",
                                            provider=elsewhere)
    with pytest.raises(InputError):
        actions.attach_service(access_of(editor, draft), draft.version, step.pk, service.pk)
    credential = Credential.objects.create(name="Far cert", credential_type="ceterms:Certificate",
                                           awarded_by=elsewhere)
    with pytest.raises(InputError):
        actions.edit_step(access_of(editor, draft), draft.version, step.pk,
                          StepInput("A", credential_id=credential.pk))


def test_a_step_cannot_lead_to_itself(editor, draft):
    step = actions.add_step(access_of(editor, draft), draft.version, StepInput("A"))
    draft.refresh_from_db()
    with pytest.raises(InputError):
        actions.connect(access_of(editor, draft), draft.version, step.pk, step.pk)


def test_conditions_nested(editor, draft):
    steps = []
    for name in ("Nurse aide", "CPR", "First aid", "Final"):
        draft.refresh_from_db()
        steps.append(actions.add_step(access_of(editor, draft), draft.version, StepInput(name)))
    draft.refresh_from_db()
    a, b, c, final = steps
    group = Group("all", (a.pk,), (Group(ANY, (b.pk, c.pk)),))
    actions.set_conditions(access_of(editor, draft), draft.version, final.pk, group)
    top = final.conditions.get()
    assert [t.pk for t in top.targets.all()] == [a.pk]
    assert top.subconditions.get().logical_operator == "Or"
    draft.refresh_from_db()
    with pytest.raises(InputError):  # at least 3 of two items
        actions.set_conditions(access_of(editor, draft), draft.version, final.pk,
                               Group(AT_LEAST, (a.pk, b.pk), number=3))
    with pytest.raises(InputError):  # the step itself
        actions.set_conditions(access_of(editor, draft), draft.version, final.pk,
                               Group("all", (final.pk,)))
    assert final.conditions.count() == 1


def test_copy_takes_the_whole_map(editor, partnership):
    from pathways.apps.catalog.queries import new_pathway_access

    source = Pathway.objects.filter(partnership=partnership).order_by("slug").first()
    copy = actions.create_pathway(new_pathway_access(editor, partnership.pk),
                                  actions.PathwayInput("Copy", source.sector_id,
                                                       copy_of=source.pk))
    assert copy.status == "draft" and copy.slug == "copy"
    assert copy.components.count() == source.components.count()
    assert copy.levels.count() == source.levels.count()
    assert copy.entry_points.count() == source.entry_points.count()
    assert copy.exit_points.count() == source.exit_points.count()
    links = sum(c.precedes.count() for c in copy.components.all())
    assert links == sum(c.precedes.count() for c in source.components.all())
    assert not PathwayComponent.objects.filter(pathway=copy, precedes__pathway=source).exists()
    assert not copy.components.filter(ctid__in=source.components.values("ctid")).exists()
