"""The region's builder: organisations, people, services, credentials and pathways from the
data files, then the participants, the self-assessment and the measures run.

Identifiers are derived from keys and names (uuid5), so two builds give the same CTIDs and
the same CTDL export.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pathways.apps.accounts.access import ConsoleUser
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Membership, Organisation, Partnership, Profile, Role
from pathways.apps.catalog import lifecycle
from pathways.apps.catalog.models import (
    CipCode,
    ComponentCondition,
    Credential,
    EntryPoint,
    ExitPoint,
    Location,
    Occupation,
    Pathway,
    PathwayComponent,
    Program,
    ProgressionLevel,
    Provider,
    Sector,
    SupportService,
)
from pathways.demo.checks import PROVIDER_KINDS
from pathways.demo.loader import DemoContent, content

_NAMESPACE = uuid.UUID("6f1d2c1e-6d0b-4b7e-9a53-2b9a8f0c7d41")
REGION = "Bluegrass River Region (sample)"
STATE = "KY"
CITY = "Riverton"
WAGE_AREA = "21"  # Kentucky's FIPS code: exit wages are Kentucky OEWS wages
DEMO_PASSWORD = "pathways-demo"  # noqa: S105 - documented sample accounts, refused in production


def ctid(*parts: str) -> str:
    return f"ce-{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def decimal(value: Any) -> Decimal:
    """A decimal from the data files, where it may be written as a number or as text."""
    return Decimal(str(value))


def texts(spec: dict, **fields: str) -> dict[str, str | None]:
    """The model's English and Spanish columns of each text: ``field=key`` reads ``key``
    and ``key_es`` of ``spec`` (ADR 0042). Written by language, not through the plain
    attribute, which writes the language active when the demo is built."""
    found: dict[str, str | None] = {}
    for field, key in fields.items():
        found[f"{field}_en"] = spec.get(key, "")
        found[f"{field}_es"] = spec.get(f"{key}_es") or None
    return found


class MissingReferenceData(RuntimeError):
    """The demo needs occupations and CIP codes loaded first."""


@dataclass
class DemoSummary:
    created: bool
    pathways: int
    users: list[str]


def demo_exists() -> bool:
    return Sector.objects.filter(is_sample=True).exists()


def demo_partnership() -> Partnership:
    """The demo region's local partnership (the one the demo's records belong to)."""
    return Partnership.objects.get(name=f"{REGION} Career Pathways Partnership",
                                   is_sample=True)


def account_names() -> list[str]:
    """The usernames of the demo's sign-in accounts (people.yaml), in file order."""
    return [account["username"] for account in content().people["accounts"]]


def build_demo_region(force: bool = False) -> DemoSummary:
    """Create the demo region once; a second call changes nothing unless ``force``."""
    if demo_exists() and not force:
        return DemoSummary(False, Pathway.objects.filter(is_sample=True).count(),
                           account_names())
    with transaction.atomic():
        if force:
            remove_demo_region()
        builder = _Builder(content())
        builder.build()
        record(None, "demo.load", summary=f"Loaded the demo region {REGION}",
               changes={"pathways": len(builder.pathways)})
    return DemoSummary(True, len(builder.pathways), account_names())


def remove_demo_region() -> None:
    """Delete every sample row (pathways first: they protect programs and credentials)."""
    from pathways.demo import cases, measures, quality

    cases.remove()  # participants first: they refer to pathways, services and people
    quality.remove_quality_demo()
    measures.remove_demo_measures()
    Pathway.objects.filter(is_sample=True).delete()
    Program.objects.filter(is_sample=True).delete()
    Location.objects.filter(is_sample=True).delete()
    SupportService.objects.filter(is_sample=True).delete()
    Credential.objects.filter(is_sample=True).delete()
    Provider.objects.filter(is_sample=True).delete()
    Sector.objects.filter(is_sample=True).delete()
    get_user_model().objects.filter(username__in=account_names()).delete()
    Partnership.objects.filter(is_sample=True).delete()
    Organisation.objects.filter(is_sample=True).delete()


class _Builder:
    def __init__(self, data: DemoContent) -> None:
        self.data = data
        self.orgs: dict[str, Organisation] = {}
        self.providers: dict[str, Provider] = {}
        self.locations: dict[str, Location] = {}
        self.services: dict[str, SupportService] = {}
        self.credentials: dict[str, Credential] = {}
        self.pathways: list[Pathway] = []

    # -- shared pieces -------------------------------------------------------------
    def build(self) -> None:
        from pathways.demo import cases, employers, measures, partnership, quality

        self._check_reference()
        self._organisations()
        self._people()
        self._services()
        self._credentials()
        for spec in self.data.pathways:
            # Published through the lifecycle, so each has a real version 1 (ADR 0041).
            pathway = self._pathway(spec)
            lifecycle.publish_loaded(pathway, ConsoleUser("pathways demo load"))
            self.pathways.append(pathway)
        cases.build(self)
        employers.build(self, self.partnership, timezone.localdate())
        quality.build_quality_demo(self.partnership)
        partnership.build(self.partnership, self.orgs)
        measures.build_demo_measures(self.partnership)

    def _check_reference(self) -> None:
        codes = self.data.occupation_codes()
        have = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
        missing = sorted(set(codes) - have)
        cips = self.data.cip_codes()
        have_cip = set(CipCode.objects.filter(code__in=cips).values_list("code", flat=True))
        missing += sorted(set(cips) - have_cip)
        if missing:
            raise MissingReferenceData(
                "Load the reference data first (pathways reference load); missing: "
                + ", ".join(missing))

    def _organisations(self) -> None:
        for key, spec in self.data.organisations.items():
            name, kind, website = spec["name"], spec["kind"], spec["website"]
            org = Organisation.objects.create(name=name, kind=kind, state=STATE, website=website,
                                              is_sample=True)
            self.orgs[key] = org
            if kind in PROVIDER_KINDS:
                self.providers[key] = Provider.objects.create(
                    name=name, organisation=org, kind=kind, city=CITY, state=STATE,
                    website=website, ctid=ctid("provider", key), is_sample=True)
                for place_key, place in (spec.get("locations") or {}).items():
                    self.locations[place_key] = Location.objects.create(
                        provider=self.providers[key], address_1=place["address"],
                        city=place["city"], state=place["state"], postal_code=place["zip"],
                        **texts(place, name="name", notes="notes"), is_sample=True)
        partnership = Partnership.objects.create(
            name=f"{REGION} Career Pathways Partnership", scope=Partnership.Scope.LOCAL,
            state=STATE, is_sample=True)
        partnership.organisations.set(self.orgs.values())
        self.partnership = partnership

    def _people(self) -> None:
        users = get_user_model()
        for spec in self.data.people["accounts"]:
            username, role, org_key = spec["username"], spec["role"], spec.get("organisation")
            user = users.objects.create_user(
                username=username, password=DEMO_PASSWORD, first_name=spec["first_name"],
                last_name=spec["last_name"], email=f"{username}@example.org",
                is_staff=role == Role.ADMINISTRATOR,  # the admin: administrators only
                is_superuser=role == Role.ADMINISTRATOR)
            Profile.objects.create(user=user, role=role,
                                   organisation=self.orgs.get(org_key) if org_key else None)
            if role != Role.PARTICIPANT:
                # The analyst facilitates the partnership's self-assessment rounds.
                Membership.objects.create(partnership=self.partnership, user=user,
                                          is_facilitator=role == Role.ANALYST)

    def _services(self) -> None:
        for key, spec in self.data.services.items():
            self.services[key] = SupportService.objects.create(
                category=spec["category"], provider=self.providers[spec["provider"]],
                **texts(spec, name="name", description="description", cost="cost"),
                ctid=ctid("service", key), is_sample=True)

    def _credentials(self) -> None:
        for key, spec in self.data.credentials.items():
            provider_key = spec.get("awarded_by")
            self.credentials[key] = Credential.objects.create(
                **texts(spec, name="name", description="description"),
                credential_type=spec["type"],
                awarded_by=self.providers.get(provider_key) if provider_key else None,
                awarding_body=spec.get("awarding_body", ""), ctid=ctid("credential", key),
                is_sample=True)
        for key, spec in self.data.credentials.items():
            for higher in spec.get("stacks_into", ()):
                self.credentials[key].stacks_into.add(self.credentials[higher])

    # -- one pathway -----------------------------------------------------------------
    def _pathway(self, spec: dict) -> Pathway:
        sector_spec = spec["sector"]
        sector, _created = Sector.objects.get_or_create(
            slug=sector_spec["slug"],
            defaults={**texts(sector_spec, name="name", description="description"),
                      "naics_code": sector_spec["naics"], "is_sample": True})
        slug = spec["slug"]
        pathway = Pathway.objects.create(
            **texts(spec, name="name", description="description"), slug=slug, sector=sector,
            owner=self.orgs[spec["owner"]], partnership=self.partnership, wage_area=WAGE_AREA,
            status=Pathway.Status.PUBLISHED, ctid=ctid("pathway", slug),
            progression_model_ctid=ctid("progression-model", slug), is_sample=True)
        pathway.support_services.set(self.services[key] for key in spec["services"])
        levels = {}
        spanish = spec.get("levels_es") or [None] * len(spec["levels"])
        for order, (name, name_es) in enumerate(zip(spec["levels"], spanish, strict=True),
                                                start=1):
            levels[order] = ProgressionLevel.objects.create(
                pathway=pathway, order=order, name_en=name, name_es=name_es,
                ctid=ctid("level", slug, str(order)))
        components: dict[str, PathwayComponent] = {}
        for position, step in enumerate(spec["steps"]):
            components[step["key"]] = self._component(pathway, levels, position, step)
        for step in spec["steps"]:
            component = components[step["key"]]
            component.precedes.set(components[key] for key in step.get("leads_to", ()))
            component.support_services.set(self.services[key]
                                           for key in step.get("services", ()))
            for index, rule in enumerate(step.get("conditions", ())):
                self._condition(component, None, index, rule, components)
        for position, entry in enumerate(spec["entries"]):
            EntryPoint.objects.create(
                pathway=pathway, component=components[entry["at"]], position=position,
                **texts(entry, name="name", description="description",
                        prerequisites="prerequisites"),
                **{k: v for k, v in entry.items()
                   if k not in {"at", "name", "description", "prerequisites"}
                   and not k.endswith("_es")})
        for position, exit_point in enumerate(spec["exits"]):
            ExitPoint.objects.create(
                pathway=pathway, component=components[exit_point["at"]], position=position,
                **texts(exit_point, name="name", description="description",
                        summary="summary"),
                occupation=Occupation.objects.get(code=exit_point["occupation"]),
                is_destination=exit_point.get("destination", False))
        return pathway

    def _component(self, pathway: Pathway, levels: dict, position: int,
                   step: dict) -> PathwayComponent:
        program = None
        if "program" in step:
            p = step["program"]
            program, _created = Program.objects.get_or_create(
                provider=self.providers[p["provider"]], name_en=p["name"],
                defaults={
                    "cip": CipCode.objects.get(code=p["cip"]) if p.get("cip") else None,
                    "length_weeks": p["weeks"], "cost": decimal(p["cost"]),
                    "credit_hours": decimal(p["credits"]) if p.get("credits") else None,
                    "contact_hours": p.get("hours"),
                    "schedule": p.get("schedule", Program.Schedule.DAYTIME),
                    "modality": p.get("modality", Program.Modality.IN_PERSON),
                    **texts(p, entry_requirements="requires", description="description"),
                    "name_es": p.get("name_es") or None,
                    "is_iet": p.get("iet", False), "url": p.get("url", ""),
                    "credential": self.credentials.get(p.get("credential", "")),
                    "ctid": ctid("program", p["provider"], p["name"]), "is_sample": True,
                })
            if _created:
                program.locations.set(self.locations[k] for k in p.get("locations", []))
        occupation = Occupation.objects.get(code=step["occupation"]) \
            if step.get("occupation") else None
        return PathwayComponent.objects.create(
            pathway=pathway, level=levels[step["level"]], position=position,
            component_type=step["type"], **texts(step, name="name", description="description"),
            program=program,
            credential=self.credentials.get(step.get("credential", "")),
            occupation=occupation, code=step.get("code", ""),
            credit_value=decimal(step["credits"]) if step.get("credits") else None,
            designation=step.get("designation", ""),
            is_iet=step.get("iet", False), is_apprenticeship=step.get("apprenticeship", False),
            length_weeks=step.get("weeks"),
            cost=decimal(step["cost"]) if step.get("cost") is not None else None,
            ctid=ctid("component", pathway.slug, step["key"]))

    def _condition(self, component, parent, position, rule, components) -> None:
        condition = ComponentCondition.objects.create(
            component=component if parent is None else None, parent=parent, position=position,
            **texts(rule, name="name", description="description"),
            logical_operator=rule.get("operator", ComponentCondition.Operator.AND),
            required_number=rule.get("required_number"),
            required_credits=decimal(rule["required_credits"])
            if rule.get("required_credits") else None)
        condition.targets.set(components[key] for key in rule.get("targets", ()))
        for index, sub in enumerate(rule.get("conditions", ())):
            self._condition(component, condition, index, sub, components)
