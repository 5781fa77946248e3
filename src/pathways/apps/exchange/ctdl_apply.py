"""Write one CTDL pathway document into the catalog, updating in place by CTID.

Called by ``actions.import_ctdl`` inside its transaction. It never invents reference
data: occupations not in the Occupation table, credentials without a record and
organisations it cannot find are reported, and the row is left without them. Texts are
written in English, their Spanish values beside them (``ctdl_languages``, ADR 0042).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.text import slugify

from pathways.apps.accounts.models import Organisation
from pathways.apps.catalog.models import (
    ComponentCondition,
    ComponentType,
    Credential,
    CredentialType,
    Location,
    Occupation,
    Pathway,
    PathwayComponent,
    Program,
    ProgressionLevel,
    Sector,
)
from pathways.apps.catalog.working_copies import conditions_of
from pathways.apps.exchange import ctdl_points
from pathways.apps.exchange.ctdl_languages import set_spanish, spanish
from pathways.core import CodeError, naics_code, onet_soc_code
from pathways.core.numbers import is_digits
from pathways.standards.ctdl import (
    AND,
    NOT,
    ONLY_ONE,
    OR,
    Alignment,
    Component,
    Condition,
    CredentialRef,
    PathwayDocument,
    ProgramRecord,
    ReadReport,
    derived_ctid,
    registry_ctid,
)

IMPORTED_SECTOR = "Imported"
US_STATE = re.compile(r"^[A-Z]{2}$")
US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_OPERATORS = {AND: ComponentCondition.Operator.AND, OR: ComponentCondition.Operator.OR,
              NOT: ComponentCondition.Operator.NOT}


@dataclass
class Applied:
    """What one document did to the catalog."""

    pathway: Pathway
    created: bool
    counts: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        live = self.pathway.draft_of
        copy = {"working_copy_of": live.slug} if live is not None else {}
        return {"ctid": self.pathway.ctid, "slug": self.pathway.slug, "name": self.pathway.name,
                "created": self.created, **copy, **dict(sorted(self.counts.items()))}


def apply_document(doc: PathwayDocument, report: ReadReport, unknown_occupations: Counter,
                   target: Pathway | None = None, partnership_id: int | None = None
                   ) -> Applied:
    """Write ``doc`` into ``target`` (default: the pathway with its CTID, or a new draft;
    a new one goes into ``partnership_id`` when given)."""
    with translation.override("en"):  # plain attributes write the English values
        return _Applier(doc, report, unknown_occupations, target, partnership_id).run()


class _Applier:
    def __init__(self, doc: PathwayDocument, report: ReadReport, unknown: Counter,
                 target: Pathway | None = None, partnership_id: int | None = None):
        self.doc, self.report, self.unknown = doc, report, unknown
        self.target, self.partnership_id = target, partnership_id
        self.levels: dict[str, ProgressionLevel] = {}
        self.components: dict[str, PathwayComponent] = {}
        self.occupations: dict[tuple[str, str], Occupation | None] = {}

    def run(self) -> Applied:
        doc = self.doc
        pathway = self.target or Pathway.objects.filter(ctid=doc.ctid).select_related(
            "sector").first()
        applied = Applied(pathway or Pathway(ctid=doc.ctid, slug=_free_slug(doc.name),
                                             status=Pathway.Status.DRAFT,
                                             partnership_id=self.partnership_id),
                          pathway is None)
        pathway = applied.pathway
        pathway.name = self._fit(doc.name, 200, "pathway name")
        pathway.description = doc.description
        set_spanish(pathway, doc.translations, "name", "description")
        pathway.subject_webpage = self._url(doc.subject_webpage, 200)
        pathway.sector = self._sector(pathway if not applied.created else None)
        pathway.wage_area = doc.wage_area[:7] if doc.wage_area else pathway.wage_area
        pathway.owner = self._owner() or pathway.owner
        if doc.progression_model and pathway.draft_of_id is None:  # a copy keeps its own
            pathway.progression_model_ctid = self._own_ctid(
                Pathway.objects.filter(progression_model_ctid=doc.progression_model.ctid)
                .exclude(pk=pathway.pk), doc.progression_model.ctid, "progression model")
        pathway.save()
        self._levels(pathway)
        self._components(pathway, applied.counts)
        applied.counts["conditions"] = self._conditions(pathway, applied.counts)
        applied.counts["entry_points"] = ctdl_points.write_entry_points(
            pathway, doc, self.components, self.report)
        applied.counts["exit_points"] = ctdl_points.write_exit_points(
            pathway, doc, self.components, self._occupation, self.report)
        applied.counts["support_services"] = ctdl_points.write_services(
            pathway, doc, self.report, self.components)
        applied.counts["levels"] = len(self.levels)
        applied.counts["components"] = len(self.components)
        for alignment in doc.occupations:
            self._occupation(alignment)
        return applied

    # -- the pathway ---------------------------------------------------------------
    def _sector(self, existing: Pathway | None) -> Sector:
        for industry in self.doc.industries:
            try:
                code = naics_code(industry.code)
            except CodeError:
                self.report.unmapped_values[f"ceterms:industryType = {industry.code}"] += 1
                continue
            sectors = Sector.objects.filter(naics_code=code).order_by("name")
            match = sectors.filter(name_en=industry.name).first() or sectors.first()
            if match:
                return match
            self.report.warn(f"no sector has NAICS code {code}")
        if existing is not None:
            return existing.sector
        sector, _created = Sector.objects.get_or_create(
            name=IMPORTED_SECTOR, defaults={"slug": "imported", "naics_code": "",
                                            "description": "Pathways imported from CTDL "
                                                           "without a known industry."})
        return sector

    def _owner(self) -> Organisation | None:
        owner = self.doc.owner
        if owner is None or not owner.name:
            return None
        found = Organisation.objects.filter(name=owner.name).first()
        if found is None:
            self.report.warn(f"the owner {owner.name!r} is not an organisation here; "
                             "the pathway keeps its owner")
        return found

    # -- levels and components ---------------------------------------------------------
    def _others(self, model, ctid: str, pathway: Pathway):
        """Rows of other pathways with ``ctid``; a working copy's live pathway is not
        another (the document names its CTIDs)."""
        return model.objects.filter(ctid=ctid).exclude(
            pathway__in=[pathway.pk, pathway.draft_of_id or pathway.pk])

    def _existing(self, rows) -> dict:
        """A pathway's rows by the CTID a document names them with: a working copy's row
        by its origin's (the live row it stands for), any other by its own."""
        return {(row.origin.ctid if row.origin_id else row.ctid): row
                for row in rows.select_related("origin")}

    def _new_row(self, model, pathway: Pathway, ctid: str):
        """A row the pathway lacks. In a working copy, a CTID of a live row (removed from
        the copy meanwhile) brings that row back: it names it as its origin, so
        publishing updates the live row instead of adding a second one."""
        live = model.objects.filter(ctid=ctid, pathway_id=pathway.draft_of_id).first() \
            if pathway.draft_of_id else None
        if live is not None:
            return model(pathway=pathway, origin=live)
        return model(pathway=pathway, ctid=ctid)

    def _levels(self, pathway: Pathway) -> None:
        existing = self._existing(pathway.levels.all())
        for offset, level in enumerate(existing.values()):  # clear the way for new orders
            level.order = 1000 + offset
            level.save(update_fields=["order"])
        model = self.doc.progression_model
        for order, level in enumerate(model.levels if model else [], start=1):
            ctid = self._own_ctid(self._others(ProgressionLevel, level.ctid, pathway),
                                  level.ctid, "level")
            row = existing.pop(ctid, None) or self._new_row(ProgressionLevel, pathway, ctid)
            row.order, row.name = order, self._fit(level.name, 120, "level name")
            row.description = level.description
            set_spanish(row, level.translations, "name", "description")
            row.save()
            self.levels[level.ctid] = row
        for row in existing.values():
            row.delete()

    def _components(self, pathway: Pathway, counts: Counter) -> None:
        existing = self._existing(pathway.components.all())
        for index, comp in enumerate(self.doc.components):
            ctid = self._own_ctid(self._others(PathwayComponent, comp.ctid, pathway),
                                  comp.ctid, "component")
            row = existing.pop(ctid, None) or self._new_row(PathwayComponent, pathway, ctid)
            self._fill(row, comp, index, counts)
            row.save()
            self.components[comp.ctid] = row
        for row in existing.values():
            row.delete()
        for comp in self.doc.components:
            row = self.components[comp.ctid]
            row.children.set(self.components[c] for c in comp.children if c in self.components)
            row.precedes.set(self.components[c] for c in comp.precedes if c in self.components)

    def _fill(self, row: PathwayComponent, comp: Component, index: int, counts: Counter) -> None:
        if comp.component_type in ComponentType.values:
            row.component_type = comp.component_type
        else:
            self.report.unmapped_values[f"@type = {comp.component_type}"] += 1
            row.component_type = ComponentType.BASIC
        row.name = self._fit(comp.name, 250, "component name")
        row.description = comp.description
        set_spanish(row, comp.translations, "name", "description")
        row.level = self.levels.get(comp.level or "")
        row.code = self._fit(comp.code, 60, "component code")
        row.credit_value = self._credits(comp.credit_value, f"credits of {comp.name!r}")
        row.designation = comp.designation if comp.designation in \
            PathwayComponent.Designation.values else ""
        if comp.designation and not row.designation:
            self.report.unmapped_values[f"ceterms:componentDesignation = {comp.designation}"] += 1
        row.length_weeks, row.cost = comp.length_weeks, comp.cost
        row.is_iet, row.is_apprenticeship = comp.is_iet, comp.is_apprenticeship
        row.position = comp.position if comp.position is not None else index
        row.subject_webpage = self._url(comp.subject_webpage, 400)
        row.credential, unresolved = self._credential(comp.credential, counts)
        row.program = self._program(comp.program) if comp.program else None
        proxy = comp.proxy_for
        if proxy and row.program is None:  # a course's proxyFor may name a program we have
            row.program = self._program(proxy, report=False)
            proxy = "" if row.program else proxy
        if comp.program and row.program is None:
            proxy = proxy or comp.program
        if row.program is not None and comp.program_record is not None:
            self._places(row.program, comp.program_record, counts)
            self._enrollment(row.program, comp.program_record)
        row.proxy_for = self._url(proxy or unresolved, 400)
        row.occupation = next(filter(None, (self._occupation(a) for a in comp.occupations)), None)

    def _credential(self, ref: CredentialRef | None, counts: Counter) -> tuple[Credential | None,
                                                                                str]:
        """The catalog credential for a reference (created when the file describes it)."""
        if ref is None:
            return None, ""
        ctid = ref.ctid or registry_ctid(ref.iri) or ""
        found = Credential.objects.filter(ctid=ctid).first() if ctid else None
        if found:
            return found, ""
        if ref.described and ref.credential_type in CredentialType.values and ref.name:
            counts["credentials_created"] += 1
            return Credential.objects.create(
                ctid=ctid, name=self._fit(ref.name, 200, "credential name"),
                credential_type=ref.credential_type, description=ref.description,
                **spanish(Credential, ref.translations, name="name", description="description")
            ), ""
        if ref.described:
            self.report.unmapped_values[f"credential type = {ref.credential_type}"] += 1
        else:
            self.report.warn(f"credential {ref.iri} is not in the catalog; kept as proxyFor")
        return None, ref.iri

    def _enrollment(self, program: Program, record: ProgramRecord) -> None:
        """The file's enrollment page (``ceterms:subjectWebpage`` of the program's record)
        for a program that has none; one the catalog has is kept. https only."""
        url = record.subject_webpage.strip()
        if not url or program.url:
            return
        try:
            URLValidator(schemes=["https"])(url)
            if len(url) > Program._meta.get_field("url").max_length:
                raise ValidationError("too long")
        except ValidationError:
            self.report.warn(f"program {record.iri}: its web page {url[:60]} is not kept: "
                             "an enrollment page must be an https address of at most 200 "
                             "characters")
            return
        program.url = url
        program.save(update_fields=["url"])

    def _places(self, program: Program, record: ProgramRecord, counts: Counter) -> None:
        """Where the program is given (``ceterms:availableAt``): each place is one of its
        provider's locations, matched by street address or added; none is taken away."""
        mine = {place.address_key(): place for place in program.provider.locations.all()}
        for place in record.places:
            row = Location(provider=program.provider, name=self._fit(
                place.name or place.street_address, 200, "place name"),
                address_1=place.street_address[:200], city=place.locality[:100],
                state=place.region.strip().upper(), postal_code=place.postal_code.strip(),
                notes=self._fit(place.description, 300, "place notes"))
            missing = [term for term, value in (
                ("ceterms:streetAddress", row.address_1), ("ceterms:addressLocality", row.city),
                ("ceterms:addressRegion", row.state), ("ceterms:postalCode", row.postal_code))
                if not value]
            if missing or not US_STATE.match(row.state) or not US_ZIP.match(row.postal_code):
                self.report.warn(
                    f"program {record.iri}: a ceterms:Place ({place.name or 'no name'}) is not "
                    "kept: the catalog needs a street address, a city, a two-letter state "
                    "and a ZIP code" + (f" (missing {', '.join(missing)})" if missing else ""))
                continue
            found = mine.get(row.address_key())
            if found is None:
                texts = {**place.translations}
                if "description" in texts:
                    texts["notes"] = texts.pop("description")
                set_spanish(row, texts, "name", "notes")
                row.save()
                found = mine[row.address_key()] = row
                counts["locations_created"] += 1
            program.locations.add(found)

    def _program(self, iri: str, report: bool = True) -> Program | None:
        ctid = registry_ctid(iri)
        found = Program.objects.filter(ctid=ctid).first() if ctid else None
        if found is None and report:
            self.report.warn(f"program {iri} is not in the catalog; kept as proxyFor")
        return found

    # -- conditions ----------------------------------------------------------------------
    def _conditions(self, pathway: Pathway, counts: Counter) -> int:
        """Write the steps' conditions, matching each to a row the step has (conditions
        have no CTID here: by their step or parent condition, logic and targets). A
        matched row is updated in place and keeps its ``origin``, so a working copy still
        publishes onto the same live row; the rest are created, and rows the document no
        longer has are removed. ``counts`` says how many of each."""
        rows = conditions_of(pathway)
        targets: dict[int, set[int]] = {row.pk: set() for row in rows}
        for condition_id, component_id in ComponentCondition.targets.through.objects.filter(
                componentcondition_id__in=list(targets)).values_list(
                "componentcondition_id", "pathwaycomponent_id"):
            targets[condition_id].add(component_id)
        existing: dict[tuple[str, int], list[ComponentCondition]] = {}
        for row in rows:
            owner = ("step", row.component_id) if row.parent_id is None \
                else ("parent", row.parent_id)
            existing.setdefault(owner, []).append(row)
        for what in ("created", "changed", "unchanged", "removed"):
            counts[f"conditions_{what}"] += 0  # said even when none
        count = 0
        for comp in self.doc.components:
            count += self._condition_list(comp.conditions, self.components[comp.ctid], None,
                                          (existing, targets), counts)
        leftover = [row.pk for found in existing.values() for row in found]
        counts["conditions_removed"] += len(leftover)
        ComponentCondition.objects.filter(pk__in=leftover).delete()
        return count

    def _condition_list(self, conditions: list[Condition], component: PathwayComponent,
                        parent: ComponentCondition | None, known: tuple[dict, dict],
                        counts: Counter) -> int:
        existing, targets = known
        rows = existing.get(("step", component.pk) if parent is None else ("parent", parent.pk),
                            [])
        count = 0
        for position, condition in enumerate(conditions):
            values = {**self._condition_values(condition), "position": position}
            wanted = {self.components[t].pk for t in condition.targets if t in self.components}
            row = next((r for r in rows if r.logical_operator == values["logical_operator"]
                        and targets[r.pk] == wanted), None)
            if row is None:
                row = ComponentCondition.objects.create(
                    component=component if parent is None else None, parent=parent, **values)
                row.targets.set(wanted)
                counts["conditions_created"] += 1
            else:
                rows.remove(row)
                changed = [name for name, value in values.items()
                           if not _same(getattr(row, name), value)]
                for name in changed:
                    setattr(row, name, values[name])
                if changed:
                    row.save(update_fields=changed)
                counts["conditions_changed" if changed else "conditions_unchanged"] += 1
            count += 1 + self._condition_list(condition.conditions, component, row, known,
                                              counts)
        return count

    def _condition_values(self, condition: Condition) -> dict:
        operator = _OPERATORS.get(condition.operator, ComponentCondition.Operator.OR)
        if condition.operator == ONLY_ONE:
            self.report.warn("ceterms:logicalOperator logic:OnlyOne is read as Or (at least one)")
        credits = None
        for constraint in condition.constraints:
            minimum = constraint.credit_minimum()
            if minimum is not None and credits is None:
                credits = self._credits(minimum, "a credit constraint")
            else:
                shown = " ".join(filter(None, [constraint.left_action, *constraint.left_source,
                                               constraint.comparator, *constraint.right_source]))
                self.report.unmapped_values[f"ceterms:hasConstraint = {shown}"] += 1
        return {"name": self._fit(condition.name, 250, "condition name"),
                "description": condition.description, "logical_operator": operator,
                "required_number": condition.required_number, "required_credits": credits,
                **spanish(ComponentCondition, condition.translations, name="name",
                          description="description")}

    # -- small helpers -----------------------------------------------------------------
    def _occupation(self, alignment: Alignment) -> Occupation | None:
        """The catalog occupation an alignment names; unknown ones are counted once each."""
        key = (alignment.code, alignment.target_node or alignment.name)
        if key not in self.occupations:
            self.occupations[key] = self._find_occupation(alignment)
        return self.occupations[key]

    def _find_occupation(self, alignment: Alignment) -> Occupation | None:
        try:
            code = onet_soc_code(alignment.code or _code_in(alignment.target_node))
        except CodeError:
            code = ""
        found = Occupation.objects.filter(code=code).first() if code else None
        if found is None:
            self.unknown[" ".join(filter(None, [code or alignment.code, alignment.name]))
                         or "(no code or name)"] += 1
        return found

    def _own_ctid(self, others, ctid: str, what: str) -> str:
        """A CTID another pathway already uses gets one of its own, derived from both."""
        if not others.exists():
            return ctid
        own = derived_ctid(self.doc.ctid, what, ctid)
        self.report.warn(f"{what} {ctid} belongs to another pathway; this one uses {own}")
        return own

    def _fit(self, text: str, limit: int, what: str) -> str:
        if len(text) > limit:
            self.report.warn(f"{what} cut to {limit} characters: {text[:40]!r}...")
        return text[:limit]

    def _url(self, url: str, limit: int) -> str:
        if len(url) > limit:
            self.report.warn(f"web address longer than {limit} characters dropped: {url[:60]}...")
            return ""
        return url

    def _credits(self, value: Decimal | None, what: str) -> Decimal | None:
        if value is None:
            return None
        if value < 0 or value >= 10000:
            self.report.warn(f"{what}: {value} is outside 0-9999.9; dropped")
            return None
        return value.quantize(Decimal("0.1"))


def _same(stored: object, written: object) -> bool:
    """A stored value and the one the document gives; an empty text and none are alike."""
    return stored == written or (stored in ("", None) and written in ("", None))


def _free_slug(name: str) -> str:
    base = slugify(name)[:45] or "pathway"
    slug, number = base, 2
    while Pathway.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _code_in(iri: str) -> str:
    """The O*NET-SOC code at the end of an O*NET OnLine address, if any."""
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return tail if is_digits(tail[:2]) else ""
