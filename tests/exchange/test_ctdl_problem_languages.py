"""The CTDL reader's problems in the reader's language (issue 17): the engine gives a
template and its values, the import pages translate the template; the CLI keeps English."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from pathways.apps.exchange.actions import import_draft
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.exchange.queries import import_access
from pathways.core import jsondata
from pathways.core.errors import MESSAGES, InputError
from pathways.standards.ctdl import messages, read_documents
from pathways.standards.hsds import messages as hsds_messages
from tests.exchange.test_ctdl_workspace_import import a_pathway, partnership, upload_of

pytestmark = pytest.mark.django_db
NAMES = re.compile(r"%\((\w+)\)s")


@pytest.fixture
def folder(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def editor(client):
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    return user


def post(client, name: str, content: bytes, language: str):
    return client.post(reverse("exchange:upload"),
                       {"document": SimpleUploadedFile(name, content),
                        "partnership": partnership().pk}, HTTP_ACCEPT_LANGUAGE=language)


def bad_upload() -> tuple[bytes, dict]:
    data = upload_of(a_pathway())
    step = next(n for n in data["@graph"] if "Component" in str(n.get("@type")))
    step["ceterms:name"] = {"en-US": {"oops": 1}}
    return json.dumps(data).encode(), step


def test_every_template_formats_with_the_params_it_declares():
    assert jsondata.MALFORMED in MESSAGES and messages.NOT_TEXT in MESSAGES
    assert hsds_messages.UNKNOWN_REFERENCE in MESSAGES
    for message in MESSAGES:
        assert sorted(set(NAMES.findall(message.template))) == sorted(message.params), \
            message.template
        problem = message.problem("f.json", **{name: "x" for name in message.params})
        assert problem.template == message.template and "%(" not in problem.message
        with translation.override("es"):
            spanish = translation.gettext(message.template)
            assert spanish != message.template, message.template
            assert "%(" not in spanish % problem.params


def test_a_problem_missing_a_param_is_a_programming_error():
    with pytest.raises(TypeError):
        messages.NOT_TEXT.problem("f.json")


def test_the_english_message_stays_for_the_cli_and_logs():
    data, step = bad_upload()
    with pytest.raises(InputError) as caught:
        read_documents([("bad.jsonld", data)])
    [problem] = caught.value.problems
    assert problem.message == "expected text or a language map, got dict"
    assert (problem.template, problem.params) == (messages.NOT_TEXT.template, {"found": "dict"})
    assert str(problem) == (f"bad.jsonld, node {step['@id']}, field {problem.field!r}: "
                            "expected text or a language map, got dict")


def test_a_spanish_preview_shows_the_problem_in_spanish_with_node_and_field(client, editor,
                                                                           folder):
    data, step = bad_upload()
    response = post(client, "bad.jsonld", data, "es")
    assert response.status_code == 400
    html = response.content.decode()
    assert "se esperaba texto o un mapa de idiomas, llegó dict" in html
    assert "expected text or a language map" not in html
    assert step["@id"] in html and "ceterms:name" in html


def test_an_english_preview_is_unchanged(client, editor, folder):
    data, step = bad_upload()
    response = post(client, "bad.jsonld", data, "en")
    html = response.content.decode()
    assert "expected text or a language map, got dict" in html
    assert step["@id"] in html and "ceterms:name" in html


def test_malformed_json_is_told_in_spanish(client, editor, folder):
    response = post(client, "bad.jsonld", b'{"@graph": [', "es")
    assert response.status_code == 400
    assert "JSON mal formado" in response.content.decode()


def test_a_failed_jobs_page_tells_its_problems_in_spanish(client, editor):
    data, step = bad_upload()
    with pytest.raises(InputError):
        import_draft(import_access(editor, partnership().pk), "bad.jsonld", data)
    job = ExchangeJob.objects.latest("pk")
    assert job.status == ExchangeJob.Status.FAILED
    assert job.report["problems"][0].endswith("expected text or a language map, got dict")
    html = client.get(reverse("exchange:result", args=[job.pk]),
                      HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert f"bad.jsonld, nodo {step['@id']}, campo" in html
    assert "se esperaba texto o un mapa de idiomas, llegó dict" in html
    html = client.get(reverse("exchange:result", args=[job.pk]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"bad.jsonld, node {step['@id']}, field" in html
    assert "expected text or a language map, got dict" in html
