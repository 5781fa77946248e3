"""The Spanish catalogue: complete, no fuzzy entries, compiled, and used by the pages."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import pathways

LOCALE = Path(pathways.__file__).parent / "locale" / "es" / "LC_MESSAGES"


def entries() -> list[dict]:
    found = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]:
        entry, current = {"fuzzy": "#, fuzzy" in block or ", fuzzy" in block}, None
        for line in block.splitlines():
            match = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$', line)
            if match:
                current = match.group(1)
                entry[current] = match.group(2)
            elif line.startswith('"') and current:
                entry[current] += line[1:-1]
        if "msgid" in entry:
            found.append(entry)
    return found


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def test_every_message_is_translated_and_none_is_fuzzy():
    found = entries()
    assert len(found) > 700
    assert [e["msgid"] for e in found if e["fuzzy"]] == []
    empty = [e["msgid"] for e in found
             if not any(v for k, v in e.items() if k.startswith("msgstr"))
             or any(v == "" for k, v in e.items() if k.startswith("msgstr"))]
    assert empty == []


def test_placeholders_survive_translation():
    for entry in entries():
        if "msgstr" in entry:
            names = set(re.findall(r"%\(\w+\)s", entry["msgid"]))
            assert names == set(re.findall(r"%\(\w+\)s", entry["msgstr"])), entry["msgid"]


def test_the_committed_mo_matches_the_po():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries():
        if "msgstr" in entry and "msgctxt" not in entry:
            assert compiled.gettext(unescape(entry["msgid"])) == unescape(entry["msgstr"]), \
                "django.mo is stale: run compilemessages (see the Makefile)"


@pytest.mark.django_db
def test_my_plan_and_the_public_home_page_in_spanish(client, users):
    client.force_login(users["participant"])
    page = client.get("/cases/my-plan/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es"' in page
    for text in ["Hola, Paz. Este es tu plan.", "Tu meta:", "Tus pasos", "Imprimir mi plan",
                 "Trabajos que puedes conseguir en el camino", "La ayuda que pediste"]:
        assert text in page, text
    assert "Your plan" not in page and "Print my plan" not in page
    client.logout()
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Encuentra tu camino hacia un mejor trabajo" in home


@pytest.mark.django_db
def test_my_plan_follows_the_language_given_at_intake_until_the_switch_is_used(client, users):
    client.force_login(users["participant"])  # Paz told intake she prefers Spanish
    assert "Este es tu plan" in client.get("/cases/my-plan/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Here is your plan" in client.get("/cases/my-plan/").content.decode()
