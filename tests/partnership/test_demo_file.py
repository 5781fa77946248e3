"""The demo's partnership.yaml is checked before anything is built: each problem names the
file, line and field."""

from __future__ import annotations

import pytest

from pathways.core.errors import InputError
from pathways.demo import partnership as demo

pytestmark = pytest.mark.django_db


def test_the_shipped_file_is_valid():
    found = demo.check()
    assert {a["kind"] for a in found["agreements"]} == {"mou", "ifa"}
    assert 4 <= len(found["policies"]) <= 6


def test_a_bad_file_names_line_and_field(tmp_path):
    text = (demo.DATA / demo.FILE).read_text()
    text = text.replace("roles: [convener, workforce_board]", "roles: [convener, mayor]")
    text = text.replace("kind: ifa", "kind: treaty")
    text = text.replace("    indicators: [c4-stack]", "    indicators: [c1-vision]")
    text = text.replace("effective: 2024-03-01", "effective: someday")
    bad = tmp_path / demo.FILE
    bad.write_text(text)
    with pytest.raises(InputError) as refused:
        demo.check(bad)
    lines = text.splitlines()
    found = {(p.field, p.line): p.message for p in refused.value.problems}
    assert all(p.source == str(bad) for p in refused.value.problems)
    by_field = {field: line for field, line in found}
    assert "mayor" in lines[by_field["members.board.roles[1]"] - 1]
    assert "treaty" in lines[by_field["agreements[1].kind"] - 1]
    assert "c1-vision" in lines[by_field["policies[1].indicators[0]"] - 1]
    assert "someday" in lines[by_field["agreements[0].effective"] - 1]
