"""The text a reader sees in a page's main part, as sentences, for the readability test.

Each block (paragraph, list item, heading, table cell, label...) is one sentence: a list
item without a full stop is still a unit a reader takes in at once, and joining them into
one long "sentence" would make any page score as hard. Left out: scripts, styles, the SVG
map (its text is the same as the step list below it), the data credits at the end of a
page (``class="sources"``: O*NET and BLS prescribe their wording) and what sits inside a
closed ``<details>`` other than its ``<summary>`` (the place for codes and official wording
the reader may open on purpose).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "th", "td", "caption",
          "summary", "label", "legend", "button", "figcaption", "div", "section", "option",
          "ul", "ol", "dl", "tr", "table", "blockquote", "aside", "nav", "form", "fieldset"}
SKIPPED = {"script", "style", "svg", "template", "noscript"}
SKIPPED_CLASSES = {"sources"}
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr", "area", "col"}
ENDS = (".", "!", "?", ":", ";", "…")


class _Main(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip = 0
        self.details = 0  # open <details> elements, and whether we are in their summary
        self.in_summary = 0
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, whether it started a skip)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            if tag == "br":
                self.current.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = tag in SKIPPED or bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipping))
        if tag == "main":
            self.in_main += 1
        if skipping:
            self.skip += 1
        if tag == "details":
            self._flush()
            self.details += 1
        if tag == "summary":
            self.in_summary += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, skipping = self.stack.pop()
            if skipping:
                self.skip -= 1
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._flush()
        if tag == "summary":
            self.in_summary -= 1
            self._flush()
        if tag == "details":
            self.details -= 1
            self._flush()
        if tag == "main":
            self.in_main -= 1
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.in_main or self.skip:
            return
        if self.details and not self.in_summary:
            return
        self.current.append(data)


def main_blocks(html: str) -> list[str]:
    """The visible text blocks of the page's ``<main>``, in order."""
    parser = _Main()
    parser.feed(html)
    parser.close()
    return parser.blocks


def as_prose(blocks: list[str]) -> str:
    """The blocks as sentences: a block without end punctuation gets a full stop."""
    return " ".join(b if b.endswith(ENDS) else f"{b}." for b in blocks)
