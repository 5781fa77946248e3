"""A pathway built in the workspace survives CTDL: exported, deleted and imported into the
catalog again, its levels, steps, links, conditions, entry and exit points, support
services and both languages come back equal (issue 17, "Done means")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import ComponentCondition, Occupation, Pathway, SupportService
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.catalog.translations import coverage, objects, texts
from pathways.apps.exchange.actions import export_ctdl, import_ctdl
from pathways.apps.workspace import actions
from pathways.apps.workspace.actions import ALL, ANY, AT_LEAST, CREDITS, Group, StepInput
from pathways.standards.ctdl import dumps
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db
CATALOG = catalog_access(CONSOLE)


def build(editor, partnership, draft) -> Pathway:
    """Three levels, six steps, two ways in, two exits, nested conditions and a service,
    every change through a workspace action."""

    def do(act, *args):
        return act(access_of(editor, draft), draft.version, *args)

    start, middle, end = (do(actions.add_level, name) for name in
                          ("Get ready", "Train", "Work"))
    step = {}
    for key, level, extra in (
            ("bridge", start, dict(cost=Decimal("0"), length_weeks=8)),
            ("esl", start, dict(length_weeks=12)),
            ("weld1", middle, dict(cost=Decimal("1200"), credit_value=Decimal("4"))),
            ("weld2", middle, dict(cost=Decimal("1500"), credit_value=Decimal("4"))),
            ("cert", end, dict(component_type="ceterms:CredentialComponent")),
            ("job", end, dict(component_type="ceterms:JobComponent"))):
        step[key] = do(actions.add_step, StepInput(f"Welding {key}", level_id=level.pk,
                                                   description_en=f"About {key}", **extra))
    for a, b in (("bridge", "weld1"), ("esl", "weld1"), ("weld1", "weld2"),
                 ("weld2", "cert"), ("cert", "job")):
        do(actions.connect, step[a].pk, step[b].pk)
    do(actions.set_conditions, step["weld1"].pk, Group(ANY, (step["bridge"].pk,
                                                             step["esl"].pk), name="Ready"))
    do(actions.set_conditions, step["cert"].pk, Group(ALL, (step["weld2"].pk,), groups=(
        Group(AT_LEAST, (step["bridge"].pk, step["esl"].pk, step["weld1"].pk), number=2),
        Group(CREDITS, (step["weld1"].pk, step["weld2"].pk), credits=Decimal("8")))))
    do(actions.add_entry, step["bridge"].pk,
       actions.EntryInput("With a diploma", "direct", "Adults"))
    do(actions.add_entry, step["esl"].pk, actions.EntryInput("Learning English", "english_learner"))
    helper, welder = Occupation.objects.order_by("code")[:2]
    do(actions.add_exit, step["cert"].pk, actions.ExitInput(helper.code, "Helper"))
    do(actions.add_exit, step["job"].pk, actions.ExitInput(welder.code))
    service = SupportService.objects.filter(
        pk__in=actions.queries.services_for(partnership.pk)).order_by("pk").first()
    do(actions.attach_service, step["weld1"].pk, service.pk)
    draft.refresh_from_db()
    return draft


def in_spanish(pathway: Pathway) -> dict[tuple[str, str, str], str]:
    """Every text of the pathway given a Spanish value (the actions take English only)."""
    given = {}
    for obj, name in [text for one in objects(pathway) for text in texts(one)]:
        value = f"ES {getattr(obj, f'{name}_en')}"
        type(obj).objects.filter(pk=obj.pk).update(**{f"{name}_es": value})
        given[(type(obj).__name__, getattr(obj, "ctid", "") or str(obj), name)] = value
    return given


def group(row: ComponentCondition, names: dict[int, str]) -> tuple:
    return (row.logical_operator, row.required_number, row.required_credits,
            row.name_en, row.name_es,
            tuple(sorted(names.get(t.pk, t.name) for t in row.targets.all())),
            tuple(group(sub, names) for sub in row.subconditions.order_by("position")))


def snapshot(pathway: Pathway) -> dict:
    """The pathway's graph in names and values (no database ids)."""
    steps = list(pathway.components.order_by("name_en"))
    names = {s.pk: s.name_en for s in steps}
    return {
        "pathway": (pathway.name_en, pathway.name_es, pathway.description_en,
                    pathway.description_es),
        "levels": [(lv.order, lv.name_en, lv.name_es) for lv in pathway.levels.order_by("order")],
        "steps": {s.name_en: (
            s.name_es, s.description_en, s.description_es, s.component_type,
            s.level.name_en if s.level else None, s.cost, s.credit_value, s.length_weeks,
            sorted(names[n.pk] for n in s.precedes.all()),
            [group(c, names) for c in s.conditions.order_by("position")],
        ) for s in steps},
        "entries": sorted((e.name_en, e.name_es, e.kind, e.description_en, e.description_es,
                           names[e.component_id]) for e in pathway.entry_points.all()),
        "pathway_services": sorted((v.ctid, v.name_en, v.name_es)
                                   for v in pathway.support_services.all()),
        "step_services": {s.name_en: sorted((v.ctid, v.name_en, v.name_es)
                                            for v in s.support_services.all()) for s in steps},
        "exits": sorted((x.name_en, x.name_es, x.occupation.code, names[x.component_id])
                        for x in pathway.exit_points.all()),
    }


def round_trip(editor, partnership, draft, tmp_path) -> tuple[dict, dict, str, str]:
    """What was built, what came back, the exported file and the file exported again."""
    pathway = build(editor, partnership, draft)
    given = in_spanish(pathway)
    pathway.refresh_from_db()
    assert coverage(pathway).complete and len(given) >= 15
    before = snapshot(pathway)
    # what was built is there to compare: a fixed point of nothing would prove nothing
    assert len(before["steps"]) == 6 and len(before["levels"]) == 3
    assert len(before["entries"]) == 2 and len(before["exits"]) == 2
    cert = before["steps"]["Welding cert"]
    assert cert[9][0][0] == ComponentCondition.Operator.AND and len(cert[9][0][6]) == 2
    assert before["steps"]["Welding esl"][0] == "ES Welding esl"
    assert before["step_services"]["Welding weld1"]

    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    path = tmp_path / f"{pathway.slug}.jsonld"
    exported = path.read_text()
    slug = pathway.slug
    pathway.delete()
    assert not Pathway.objects.filter(slug=slug).exists()

    job = import_ctdl(CATALOG, [path])
    assert job.report["pathways"][0]["created"] is True
    assert job.report["warnings"] == []
    restored = Pathway.objects.get(slug=slug)
    assert coverage(restored).complete
    return before, snapshot(restored), exported, dumps(to_document(restored))


def test_a_workspace_pathway_comes_back_from_ctdl_equal(editor, partnership, draft, tmp_path):
    before, after, exported, again = round_trip(editor, partnership, draft, tmp_path)
    for name, step in before["steps"].items():  # one step at a time: a readable failure
        assert after["steps"].get(name) == step, name
    # The services a step names are checked apart, below (CTDL keeps them on the pathway).
    assert after.pop("step_services") and before.pop("step_services")
    assert after == before
    assert again == exported


@pytest.mark.xfail(strict=True, reason=(
    "The CTDL export writes support services only on the pathway (ceterms:hasSupportService); "
    "the services the workspace attaches to a step are not exported, so an import loses "
    "them. Needs a component-level property in standards/ctdl, catalog/ctdl.py and "
    "exchange/ctdl_points.py."))
def test_the_services_attached_to_steps_come_back(editor, partnership, draft, tmp_path):
    before, after, _exported, _again = round_trip(editor, partnership, draft, tmp_path)
    assert after["step_services"] == before["step_services"]
