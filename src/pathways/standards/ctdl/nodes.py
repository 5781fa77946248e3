"""JSON-LD nodes as the reader sees them: keys resolved to CTDL terms, every use recorded.

A ``Node`` remembers which terms were read, so whatever is left over at the end is
reported as unmapped instead of disappearing. Value helpers accept the shapes real files
use: one value or a list, plain strings or language maps, IRIs or ``{"@id": ...}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from pathways.core.errors import InputProblem, Message
from pathways.standards.ctdl import messages as says
from pathways.standards.ctdl.ids import derived_ctid, is_ctid, key_for, registry_ctid
from pathways.standards.ctdl.limits import MAX_NAME_CHARS, MAX_TEXT_CHARS, NAME_TERMS
from pathways.standards.ctdl.model import OTHER_LANGUAGES, ReadReport
from pathways.standards.ctdl.vocab import resolve

_PREFERRED_LANGUAGES = ("en-US", "en", "en-us")
_ALWAYS_MAPPED = frozenset({"@id", "@type", "@context"})


def as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _kept(tag: str) -> str | None:
    """The language a tag is kept as besides English ("es-MX" -> "es"), or None."""
    language = tag.split("-", 1)[0].lower()
    return language if language in OTHER_LANGUAGES else None


class Node:
    """One JSON object of a document, with its keys resolved to CTDL terms."""

    def __init__(self, data: dict, source: str, where: str, report: ReadReport,
                 problems: list[InputProblem], owner: str = ""):
        self.source, self.where, self.report, self.problems = source, where, report, problems
        self.data: dict[str, object] = {}
        self.written: dict[str, str] = {}  # resolved term -> key as written in the file
        for key, value in data.items():
            term = resolve(str(key))
            if term not in self.data:
                self.data[term], self.written[term] = value, str(key)
        self.used: set[str] = set()
        self.types = [resolve(t) for t in as_list(data.get("@type")) if isinstance(t, str)]
        raw_id = data.get("@id")
        self.iri: str | None = raw_id if isinstance(raw_id, str) and raw_id else None
        self.key: str | None = key_for(self.iri) if self.iri else None
        # Named in problems: the node's @id, else its CTID, else the node it is written in.
        declared = data.get("ceterms:ctid", data.get("ctid"))
        self.ident = self.iri or (declared if isinstance(declared, str) and declared
                                  else owner)
        self.visited = False
        self.twin = False  # an identical copy of a record read elsewhere
        self._ctid: str | None = None

    def __repr__(self) -> str:
        return f"Node({self.label}, {self.types})"

    @property
    def label(self) -> str:
        """Where the node is, for messages: file and position, and its name when it has one."""
        name = self.data.get("ceterms:name") or self.data.get("skos:prefLabel")
        if isinstance(name, dict):
            name = next(iter(name.values()), "")
        suffix = f" ({str(name).strip()!r})" if isinstance(name, str) and name.strip() else ""
        return f"{self.source} {self.where}{suffix}"

    # -- reading -------------------------------------------------------------------
    def has(self, term: str) -> bool:
        return term in self.data

    def peek(self, term: str) -> list:
        """The values of a term, without counting it as read (for graph walks)."""
        return as_list(self.data.get(term))

    def values(self, term: str) -> list:
        self.used.add(term)
        return as_list(self.data.get(term))

    def first(self, term: str) -> object:
        values = self.values(term)
        if len(values) > 1:
            self.report.warn(f"{self.label}: {self.written[term]} has {len(values)} values; "
                             "the first is used")
        return values[0] if values else None

    def text(self, term: str) -> str:
        return self.text_of(self.first(term), term)

    def text_of(self, value: object, term: str) -> str:
        """Text within the limits of ``limits``: a name must be text (not a number or an
        object); codes may be written as numbers."""
        text = self._text(value, term)
        limit = MAX_NAME_CHARS if term in NAME_TERMS else MAX_TEXT_CHARS
        if len(text) > limit:
            self.problem(term, says.TOO_LONG, length=f"{len(text):,}", limit=f"{limit:,}")
            return text[:limit]
        return text

    def _text(self, value: object, term: str) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            if term in NAME_TERMS:
                self.problem(term, says.NAME_IS_NUMBER, value=repr(value))
                return ""
            return str(value)  # codes written as numbers ("codedNotation": 4)
        if isinstance(value, dict) and "@value" in value:
            return self._text(value["@value"], term)
        if isinstance(value, dict) and _is_language_map(value):
            return self._from_language_map(value, term)
        self.problem(term, says.NOT_TEXT, found=type(value).__name__)
        return ""

    def _from_language_map(self, value: dict, term: str) -> str:
        # A language whose value is null, empty or blank is absent (real files carry them).
        value = {lang: text for lang, text in value.items() if _filled(text)}
        if not value:
            return ""
        language = next((lang for lang in _PREFERRED_LANGUAGES if lang in value),
                        next((lang for lang in sorted(value) if lang.startswith("en")),
                             sorted(value)[0]))
        dropped = sorted(lang for lang in set(value) - {language} if _kept(lang) is None)
        if dropped and any(str(value[lang]).strip() != str(value[language]).strip()
                           for lang in dropped):
            self.report.warn(f"{self.label}: {self.written.get(term, term)} kept the "
                             f"{language} text; other languages dropped ({', '.join(dropped)})")
        chosen = value[language]
        if isinstance(chosen, list):
            chosen = next((t for t in chosen if _filled(t)), "")
        return str(chosen).strip()

    def translations(self, term: str) -> dict[str, str]:
        """The other languages kept (``OTHER_LANGUAGES``) of a text written as a language
        map: ``{"es": "..."}``; an exact tag ("es") wins over a regional one ("es-MX")."""
        value = self.peek(term)[:1]
        found: dict[str, str] = {}
        if not value or not isinstance(value[0], dict) or "@value" in value[0]:
            return found
        for tag in sorted(value[0], key=lambda t: (len(str(t)), str(t))):
            language, text = _kept(str(tag)), value[0][tag]
            if isinstance(text, list):
                text = text[0] if text else ""
            if language and language not in found and isinstance(text, str) and text.strip():
                found[language] = text.strip()
        return found

    def refs(self, term: str, *, peek: bool = False) -> list[str]:
        """IRIs a term points to (strings or ``{"@id": ...}`` objects)."""
        out = []
        for value in (self.peek(term) if peek else self.values(term)):
            if isinstance(value, str) and value:
                out.append(value)
            elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                out.append(value["@id"])
            elif not peek:
                self.problem(term, says.NOT_AN_IRI, found=type(value).__name__)
        return out

    def decimal(self, term: str) -> Decimal | None:
        return self.decimal_of(self.first(term), term)

    def decimal_of(self, value: object, term: str) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(term, says.NOT_A_NUMBER, found=type(value).__name__)
            return None
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            self.problem(term, says.NOT_A_NUMBER, found=repr(value))
            return None

    def integer(self, term: str) -> int | None:
        number = self.decimal(term)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            self.problem(term, says.NOT_WHOLE, value=number)
            return None
        return int(number)

    def boolean(self, term: str) -> bool:
        value = self.first(term)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(term, says.NOT_BOOLEAN, value=repr(value))
            return False
        return value

    def embedded(self, term: str) -> Iterator[Node]:
        """Nested objects of a term (conditions, alignment objects, value profiles)."""
        for index, value in enumerate(self.values(term)):
            if isinstance(value, dict):
                yield self.child(value, f"{self.where} {self.written[term]}[{index}]")
            else:
                self.problem(term, says.NOT_AN_OBJECT, found=type(value).__name__)

    # -- bookkeeping ---------------------------------------------------------------
    def problem(self, term: str, message: Message, **params: object) -> None:
        self.problems.append(message.problem(
            self.source, node=self.ident, field=f"{self.where} {self.written.get(term, term)}",
            **params))

    def child(self, data: dict, where: str) -> Node:
        """A node written inside this one (a condition, an alignment, a value profile)."""
        return Node(data, self.source, where, self.report, self.problems, owner=self.ident)

    def leftovers(self) -> list[str]:
        return [self.written[t] for t in self.data if t not in self.used | _ALWAYS_MAPPED]

    def finish(self) -> None:
        """Count what was not read as unmapped; call once the node has been read."""
        if self.visited:
            return
        self.visited = True
        for written in self.leftovers():
            self.report.unmapped[written] += 1

    @property
    def ctid(self) -> str:
        """The node's CTID: its own ``ceterms:ctid`` when valid, else one from its @id."""
        if self._ctid is None:
            declared = self.first("ceterms:ctid")
            fallback = self.key or derived_ctid("node", self.source, self.where)
            if declared is not None and is_ctid(declared):
                if self.iri and registry_ctid(self.iri) not in (None, declared):
                    self.report.warn(f"{self.label}: ceterms:ctid {declared} differs from the "
                                     f"@id {self.iri}; the ctid is used")
                self._ctid = str(declared)
            else:
                if declared is not None:
                    self.report.warn(f"{self.label}: ceterms:ctid {declared!r} is not a CTID "
                                     f"(ce- and a lower-case UUID); used {fallback} from the @id")
                self._ctid = fallback
        return self._ctid

    def override_ctid(self, ctid: str) -> None:
        self._ctid = ctid

    def skip(self) -> None:
        """Mark a node as read in full (a record the writer derives from others)."""
        self.used.update(self.data)
        self.visited = True


def _filled(text: object) -> bool:
    if isinstance(text, list):
        return any(_filled(t) for t in text)
    return text is not None and str(text).strip() != ""


def _is_language_map(value: dict) -> bool:
    """``{"en-US": "...", "es": ["...", ...]}``; values may be null (absent)."""
    return all(isinstance(k, str) and not k.startswith("@") for k in value) and all(
        v is None or isinstance(v, str)
        or (isinstance(v, list) and all(isinstance(t, str | None) for t in v))
        for v in value.values())
