"""The workspace's CTDL import pages: upload, preview, apply as draft, result; bad files
answer 400 with the problem named, never 500; the kept upload is always removed."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pathways.apps.catalog.models import Pathway
from pathways.apps.exchange.models import ExchangeJob
from tests.exchange.test_ctdl_workspace_import import a_pathway, counts, partnership, upload_of
from tests.standards.ctdl_helpers import BAKERSFIELD

pytestmark = pytest.mark.django_db
UPLOAD = reverse("exchange:upload")


@pytest.fixture
def folder(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def editor(client):
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    return user


def kept(folder) -> list:
    found = folder / "ctdl-import"
    return sorted(found.iterdir()) if found.exists() else []


def post(client, name: str, content: bytes):
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, content),
                                "partnership": partnership().pk})


def test_upload_preview_apply_result(client, editor, folder):
    page = client.get(UPLOAD)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_document">' in html and 'enctype="multipart/form-data"' in html
    assert "style=" not in html and "<script>" not in html
    response = post(client, "bakersfield.json", BAKERSFIELD.read_bytes())
    assert response.status_code == 302
    preview_url = response["Location"]
    assert len(kept(folder)) == 1
    before = counts()
    page = client.get(preview_url)
    assert page.status_code == 200 and counts() == before
    html = page.content.decode()
    assert "Apply as draft" in html and "A new pathway: it will be created as a draft." in html
    assert "Terms not mapped" in html
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]
    done = client.post(reverse("exchange:apply", args=[token]))
    assert done.status_code == 302 and kept(folder) == []
    job = ExchangeJob.objects.latest("pk")
    assert done["Location"] == reverse("exchange:result", args=[job.pk])
    result = client.get(done["Location"])
    assert result.status_code == 200
    [draft] = result.context["drafts"]
    assert draft.status == Pathway.Status.DRAFT and draft.partnership == partnership()
    assert reverse("workspace:pathway", args=[draft.pk]) in result.content.decode()
    # the token is spent: applying again finds nothing
    assert client.post(reverse("exchange:apply", args=[token])).status_code == 404


@pytest.mark.parametrize(("content", "shown"), [
    (b'{"@graph": [\n  {"a": 1,}\n]}', "malformed JSON"),
    (b"\xff\xfe", "not UTF-8 text"),
    (b'{"@graph": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested more than 64 levels"),
    (b'{"@context": "https://schema.org", "@type": "Person"}', "not a CTDL document"),
])
def test_a_bad_file_answers_400_naming_the_problem_and_is_removed(client, editor, folder,
                                                                  content, shown):
    before = counts()
    response = post(client, "bad.json", content)
    assert response.status_code == 400
    assert shown in response.content.decode()
    assert kept(folder) == [] and counts() == before


def test_a_bad_value_is_shown_with_its_node_and_field(client, editor, folder):
    data = upload_of(a_pathway())
    step = next(n for n in data["@graph"] if "Component" in str(n.get("@type")))
    step["ceterms:name"] = {"en-US": {"oops": 1}}
    response = post(client, "bad.jsonld", json.dumps(data).encode())
    assert response.status_code == 400
    html = response.content.decode()
    assert step["@id"] in html and "ceterms:name" in html
    assert "expected text or a language map, got dict" in html
    assert "Apply as draft" not in html


def test_a_published_pathway_previews_as_a_new_working_copy(client, editor, folder):
    pathway = a_pathway(Pathway.Status.PUBLISHED)
    response = post(client, "p.jsonld", json.dumps(upload_of(pathway)).encode())
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert (f"would go into a new working copy of {pathway.name}; the published version "
            "does not change") in html
    assert not Pathway.objects.filter(draft_of=pathway).exists()  # a preview writes nothing


def test_a_file_over_the_limit_is_refused_by_the_form(client, editor, folder, monkeypatch):
    monkeypatch.setattr("pathways.apps.exchange.forms.MAX_FILE_BYTES", 100)
    response = post(client, "big.json", BAKERSFIELD.read_bytes())
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()
    assert kept(folder) == []


def test_no_file_is_a_form_error(client, editor, folder):
    response = client.post(UPLOAD, {"partnership": partnership().pk})
    assert response.status_code == 400
    assert response.context["form"].errors["document"]


def test_cancel_removes_the_upload(client, editor, folder):
    token = post(client, "b.json", BAKERSFIELD.read_bytes())["Location"].rstrip("/") \
        .rsplit("/", 1)[-1]
    assert client.post(reverse("exchange:cancel", args=[token])).status_code == 302
    assert kept(folder) == []
    assert client.get(reverse("exchange:preview", args=[token])).status_code == 404


def test_another_persons_upload_and_job_are_not_found(client, editor, folder):
    preview_url = post(client, "b.json", BAKERSFIELD.read_bytes())["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]
    job = ExchangeJob.objects.create(kind=ExchangeJob.Kind.CTDL_IMPORT, started_by=editor)
    other = get_user_model().objects.get(username="admin")
    client.force_login(other)
    assert client.get(preview_url).status_code == 404
    assert client.post(reverse("exchange:apply", args=[token])).status_code == 404
    assert client.get(reverse("exchange:result", args=[job.pk])).status_code == 404
    assert len(kept(folder)) == 1  # still the editor's


def test_apply_needs_a_post(client, editor, folder):
    token = post(client, "b.json", BAKERSFIELD.read_bytes())["Location"].rstrip("/") \
        .rsplit("/", 1)[-1]
    assert client.get(reverse("exchange:apply", args=[token])).status_code == 405


def test_a_role_without_import_is_refused(client, folder):
    client.force_login(get_user_model().objects.get(username="navigator"))
    assert client.get(UPLOAD).status_code == 403


def test_the_pages_are_in_spanish(client, editor, folder):
    page = client.get(UPLOAD, HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert "Importar una ruta desde CTDL" in html


def test_a_draft_saved_after_the_preview_is_not_overwritten(client, editor, folder):
    pathway = a_pathway()
    response = post(client, "d.jsonld", json.dumps(upload_of(pathway)).encode())
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    pathway.description = "Edited meanwhile"
    pathway.note_changes(["description"])
    pathway.save()
    done = client.post(reverse("exchange:apply", args=[token]))
    assert done.status_code == 400
    html = done.content.decode()
    assert "Someone saved the pathway after your preview (changed: Description)" in html
    assert kept(folder) == []
    pathway.refresh_from_db()
    assert pathway.description == "Edited meanwhile"


def test_the_upload_is_removed_even_when_the_preview_fails_unexpectedly(client, editor, folder,
                                                                      monkeypatch):
    def broken(*_args):
        raise RuntimeError("a bug")

    monkeypatch.setattr("pathways.apps.exchange.views.preview_upload", broken)
    client.raise_request_exception = False
    response = post(client, "b.json", BAKERSFIELD.read_bytes())
    assert response.status_code == 500
    assert kept(folder) == []


def test_the_workspace_home_links_to_the_import_page(client, editor):
    html = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{reverse("exchange:upload")}"' in html
