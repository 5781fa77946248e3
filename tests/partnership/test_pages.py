"""Every partnership page, as an editor sees it: one h1, headings in order, and every form
control with a label (in English and Spanish)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from pathways.apps.accounts.models import Partnership
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict] = []
        self.labels: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self.in_label += 1
            if found.get("for"):
                self.labels.add(found["for"])
        elif tag in {"input", "select", "textarea"} and found.get("type") not in {
                "hidden", "submit"}:
            self.controls.append({**found, "wrapped": self.in_label > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def pages(demo: Partnership) -> list[str]:
    agreement = demo.agreements.first()
    item = demo.policy_items.first()
    return [reverse("partnership:page", args=[demo.pk]),
            reverse("partnership:vision", args=[demo.pk]),
            reverse("partnership:members", args=[demo.pk]),
            reverse("partnership:new_agreement", args=[demo.pk]),
            reverse("partnership:agreement", args=[agreement.pk]),
            reverse("partnership:policies", args=[demo.pk]),
            reverse("partnership:new_policy", args=[demo.pk]),
            reverse("partnership:policy", args=[item.pk])]


@pytest.mark.parametrize("language", ["en", "es"])
def test_headings_and_labels(language):
    demo = demo_partnership()
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    for url in pages(demo):
        answer = client.get(url, headers={"accept-language": language})
        assert answer.status_code == 200, url
        page = Page()
        page.feed(answer.content.decode())
        body = page.headings
        if url.endswith("/new/") or url.endswith("/vision/"):
            assert len(page.controls) >= 3, url
        assert body.count(1) == 1, url
        for before, after in zip(body, body[1:], strict=False):
            assert after <= before + 1, (url, body)
        unlabelled = [c for c in page.controls
                      if not c["wrapped"] and c.get("id") not in page.labels]
        assert not unlabelled, (url, unlabelled)
