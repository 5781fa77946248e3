"""The public search forgives (issue 20): plurals and endings, misspellings, O*NET
alternate and lay titles, and the Spanish names of the region's pathways and jobs, through
the database's own text search (SQLite FTS5 here; PostgreSQL full text and trigrams in the
PostgreSQL run of the same tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.apps.catalog.models import Pathway
from pathways.apps.catalog.models.programs import new_ctid
from pathways.apps.search.engine import words_of
from pathways.apps.search.index import ensure_current, rebuild
from pathways.apps.search.models import IndexState, SearchDocument
from pathways.apps.search.queries import find
from tests.examples import examples

pytestmark = pytest.mark.django_db

MANUFACTURING = "advanced-manufacturing-technician"
NURSING = "nursing-and-patient-care"
IT = "it-support-and-networking"


def pathways_for(query: str) -> list[str]:
    return [p.slug for p in find(query).pathways]


def codes_for(query: str) -> list[str]:
    return [o.code for o in find(query).occupations]


@pytest.mark.parametrize(("query", "slug"), [
    ("welding", MANUFACTURING),       # a step or job the pathway leads to, by its ending
    ("welders", MANUFACTURING),       # a plural
    ("nurse", NURSING),
    ("nurce", NURSING),               # misspelt
    ("nurses aide", NURSING),
    ("enfermera", NURSING),           # Spanish, not the exact word of the Spanish names
    ("enfermeria", NURSING),          # without its accent
    ("soldador", MANUFACTURING),      # the partnership's Spanish job title
    ("help desk", IT),                # an O*NET alternate title of an exit
    ("redes", IT),
    ("trabajo de soldador", MANUFACTURING),  # short words left out, unknown ones too
])
def test_a_pathway_is_found_by_the_words_people_use(query, slug):
    found = pathways_for(query)
    assert found and found[0] == slug, (query, found)


@pytest.mark.parametrize(("query", "code"), [
    ("help desk", "15-1232.00"),
    ("caregiver", "31-1121.00"),
    ("registered nurse", "29-1141.00"),
    ("regsitered nurse", "29-1141.00"),
    ("29-1141", "29-1141.00"),
    ("welder", "51-4121.00"),
])
def test_a_job_is_found_by_its_title_alternate_title_or_code(query, code):
    assert code in codes_for(query)[:5], (query, codes_for(query))


def test_nonsense_and_empty_queries_find_nothing():
    assert pathways_for("") == [] and codes_for("") == []
    assert find("zzzzqqqq xxyyzz").pathways == []
    assert find("!!! ???").occupations == []


def test_drafts_are_never_found():
    draft = Pathway.objects.get(slug=NURSING)
    draft.pk = None
    draft.slug, draft.status = "secret-draft", Pathway.Status.DRAFT
    draft.name_en = draft.name = "Zeppelin mechanics"
    draft.ctid, draft.progression_model_ctid = new_ctid(), new_ctid()
    draft.save()
    assert "secret-draft" not in pathways_for("zeppelin")


def test_the_index_follows_the_catalog(monkeypatch):
    """Built again once the catalog's generation moves (at the commit of a change; the
    test's own transaction never commits, so the generation is set by hand)."""
    monkeypatch.setattr("pathways.apps.search.index.generation", lambda: "before")
    ensure_current()
    pathway = Pathway.objects.get(slug=IT)
    pathway.name_en = "Computer help and cabling"
    pathway.save()
    assert IT not in pathways_for("cabling")  # same generation: the index is kept
    monkeypatch.setattr("pathways.apps.search.index.generation", lambda: "after")
    assert IT in pathways_for("cabling")
    assert IndexState.objects.get().generation == "after"


def test_no_rebuild_inside_a_transaction_that_changed_the_catalog(monkeypatch):
    """Only a first build (nothing to search yet) happens before the change commits."""
    monkeypatch.setattr("pathways.apps.search.index.generation", lambda: "uncommitted-1")
    ensure_current()
    assert IndexState.objects.get().generation == "uncommitted-1"
    monkeypatch.setattr("pathways.apps.search.index.generation", lambda: "uncommitted-2")
    ensure_current()
    assert IndexState.objects.get().generation == "uncommitted-1"


def test_a_rebuild_replaces_every_document():
    first = rebuild()
    assert rebuild() == first == SearchDocument.objects.count()
    assert SearchDocument.objects.filter(kind="pathway", language="es").exists()


@settings(max_examples=examples(60), deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_query(text):
    """Quotes, operators of the FTS5 query language, NUL characters: nothing raises."""
    found = find(text)
    assert len(found.pathways) <= 20 and len(found.occupations) <= 20
    assert len(words_of(text)) <= 8
