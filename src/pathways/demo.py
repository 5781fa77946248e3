"""One deterministic demo region: the Bluegrass River Region (sample data).

Built by code so tests, docs and ``make run`` share it. Organisations, people, programs
and costs are invented and marked ``is_sample``; occupations, codes and wages are the
real reference data (load it first with ``pathways reference load``). Identifiers are
derived from names (uuid5), so two builds give the same CTIDs and the same CTDL export.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Membership, Organisation, Partnership, Profile, Role
from pathways.apps.catalog.models import (
    CipCode,
    ComponentCondition,
    ComponentType,
    Credential,
    CredentialType,
    EntryPoint,
    ExitPoint,
    Occupation,
    Pathway,
    PathwayComponent,
    Program,
    ProgressionLevel,
    Provider,
    Sector,
    SupportService,
)

_NAMESPACE = uuid.UUID("6f1d2c1e-6d0b-4b7e-9a53-2b9a8f0c7d41")
REGION = "Bluegrass River Region (sample)"
STATE = "KY"
WAGE_AREA = "21"  # Kentucky's FIPS code: exit wages are Kentucky OEWS wages
DEMO_PASSWORD = "pathways-demo"  # noqa: S105 - documented sample accounts, refused in production

# username, first, last, role, organisation key
DEMO_PEOPLE = [
    ("admin", "Ada", "Admin", Role.ADMINISTRATOR, "board"),
    ("editor", "Eli", "Editor", Role.EDITOR, "board"),
    ("navigator", "Nia", "Navigator", Role.NAVIGATOR, "board"),
    ("partner", "Pablo", "Partner", Role.PARTNER_STAFF, "adulted"),
    ("analyst", "Ana", "Analyst", Role.ANALYST, "board"),
    ("participant", "Paz", "Participant", Role.PARTICIPANT, None),
]


def ctid(*parts: str) -> str:
    return f"ce-{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


class MissingReferenceData(RuntimeError):
    """The demo needs occupations and CIP codes loaded first."""


@dataclass
class DemoSummary:
    created: bool
    pathways: int
    users: list[str]


def demo_exists() -> bool:
    return Sector.objects.filter(is_sample=True).exists()


def build_demo_region(force: bool = False) -> DemoSummary:
    """Create the demo region once; a second call changes nothing unless ``force``."""
    if demo_exists() and not force:
        return DemoSummary(False, Pathway.objects.filter(is_sample=True).count(),
                           [p[0] for p in DEMO_PEOPLE])
    with transaction.atomic():
        if force:
            remove_demo_region()
        builder = _Builder()
        builder.build()
        record(None, "demo.load", summary=f"Loaded the demo region {REGION}",
               changes={"pathways": len(builder.pathways)})
    return DemoSummary(True, len(builder.pathways), [p[0] for p in DEMO_PEOPLE])


def remove_demo_region() -> None:
    """Delete every sample row (pathways first: they protect programs and credentials)."""
    from pathways import demo_cases
    from pathways.demo_measures import remove_demo_measures
    from pathways.demo_quality import remove_quality_demo

    demo_cases.remove()  # participants first: they refer to pathways, services and people
    remove_quality_demo()
    remove_demo_measures()
    Pathway.objects.filter(is_sample=True).delete()
    Program.objects.filter(is_sample=True).delete()
    SupportService.objects.filter(is_sample=True).delete()
    Credential.objects.filter(is_sample=True).delete()
    Provider.objects.filter(is_sample=True).delete()
    Sector.objects.filter(is_sample=True).delete()
    get_user_model().objects.filter(username__in=[p[0] for p in DEMO_PEOPLE]).delete()
    Partnership.objects.filter(is_sample=True).delete()
    Organisation.objects.filter(is_sample=True).delete()


class _Builder:
    def __init__(self) -> None:
        self.orgs: dict[str, Organisation] = {}
        self.providers: dict[str, Provider] = {}
        self.services: dict[str, SupportService] = {}
        self.credentials: dict[str, Credential] = {}
        self.pathways: list[Pathway] = []

    # -- shared pieces -------------------------------------------------------------
    def build(self) -> None:
        self._check_reference()
        self._organisations()
        self._people()
        self._services()
        self._credentials()
        from pathways import demo_pathways

        for spec in demo_pathways.PATHWAYS:
            self.pathways.append(self._pathway(spec))
        from pathways import demo_cases
        from pathways.demo_measures import build_demo_measures
        from pathways.demo_quality import build_quality_demo

        demo_cases.build(self)
        build_quality_demo(self.partnership)
        build_demo_measures(self.partnership)

    def _check_reference(self) -> None:
        from pathways import demo_pathways

        codes = demo_pathways.occupation_codes()
        have = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
        missing = sorted(set(codes) - have)
        cips = demo_pathways.cip_codes()
        have_cip = set(CipCode.objects.filter(code__in=cips).values_list("code", flat=True))
        missing += sorted(set(cips) - have_cip)
        if missing:
            raise MissingReferenceData(
                "Load the reference data first (pathways reference load); missing: "
                + ", ".join(missing))

    def _organisations(self) -> None:
        from pathways.demo_pathways import ORGANISATIONS

        for key, (name, kind, website) in ORGANISATIONS.items():
            org = Organisation.objects.create(name=name, kind=kind, state=STATE, website=website,
                                              is_sample=True)
            self.orgs[key] = org
            if kind in {Organisation.Kind.COLLEGE, Organisation.Kind.ADULT_EDUCATION,
                        Organisation.Kind.WORKFORCE_BOARD, Organisation.Kind.SOCIAL_SERVICES}:
                self.providers[key] = Provider.objects.create(
                    name=name, organisation=org, kind=kind, city="Riverton", state=STATE,
                    website=website, ctid=ctid("provider", key), is_sample=True)
        partnership = Partnership.objects.create(
            name=f"{REGION} Career Pathways Partnership", scope=Partnership.Scope.LOCAL,
            state=STATE, is_sample=True)
        partnership.organisations.set(self.orgs.values())
        self.partnership = partnership

    def _people(self) -> None:
        users = get_user_model()
        for username, first, last, role, org_key in DEMO_PEOPLE:
            user = users.objects.create_user(
                username=username, password=DEMO_PASSWORD, first_name=first, last_name=last,
                email=f"{username}@example.org",
                is_staff=role in {Role.EDITOR, Role.ADMINISTRATOR},
                is_superuser=role == Role.ADMINISTRATOR)
            Profile.objects.create(user=user, role=role,
                                   organisation=self.orgs.get(org_key) if org_key else None)
            if role != Role.PARTICIPANT:
                # The analyst facilitates the partnership's self-assessment rounds.
                Membership.objects.create(partnership=self.partnership, user=user,
                                          is_facilitator=role == Role.ANALYST)

    def _services(self) -> None:
        from pathways.demo_pathways import SUPPORT_SERVICES

        for key, (name, category, provider_key, description, cost) in SUPPORT_SERVICES.items():
            self.services[key] = SupportService.objects.create(
                name=name, category=category, provider=self.providers[provider_key],
                description=description, cost=cost, ctid=ctid("service", key), is_sample=True)

    def _credentials(self) -> None:
        from pathways.demo_pathways import CREDENTIALS

        for key, (name, ctype, provider_key, body) in CREDENTIALS.items():
            self.credentials[key] = Credential.objects.create(
                name=name, credential_type=ctype,
                awarded_by=self.providers.get(provider_key) if provider_key else None,
                awarding_body=body, ctid=ctid("credential", key), is_sample=True)
        from pathways.demo_pathways import STACKS

        for lower, higher in STACKS:
            self.credentials[lower].stacks_into.add(self.credentials[higher])

    # -- one pathway -----------------------------------------------------------------
    def _pathway(self, spec: dict) -> Pathway:
        sector, _created = Sector.objects.get_or_create(
            slug=spec["sector"][0],
            defaults={"name": spec["sector"][1], "naics_code": spec["sector"][2],
                      "description": spec["sector"][3], "is_sample": True})
        slug = spec["slug"]
        pathway = Pathway.objects.create(
            name=spec["name"], slug=slug, sector=sector, description=spec["description"],
            owner=self.orgs["board"], partnership=self.partnership, wage_area=WAGE_AREA,
            status=Pathway.Status.PUBLISHED, ctid=ctid("pathway", slug),
            progression_model_ctid=ctid("progression-model", slug), is_sample=True)
        pathway.support_services.set(self.services[key] for key in spec["services"])
        levels = {}
        for order, name in enumerate(spec["levels"], start=1):
            levels[order] = ProgressionLevel.objects.create(
                pathway=pathway, order=order, name=name, ctid=ctid("level", slug, str(order)))
        components: dict[str, PathwayComponent] = {}
        for position, step in enumerate(spec["steps"]):
            components[step["key"]] = self._component(pathway, levels, position, step)
        for step in spec["steps"]:
            component = components[step["key"]]
            component.precedes.set(components[key] for key in step.get("leads_to", ()))
            for index, rule in enumerate(step.get("conditions", ())):
                self._condition(component, None, index, rule, components)
        for position, entry in enumerate(spec["entries"]):
            EntryPoint.objects.create(
                pathway=pathway, component=components[entry["at"]], position=position,
                **{k: v for k, v in entry.items() if k != "at"})
        for position, (name, at, code, destination) in enumerate(spec["exits"]):
            ExitPoint.objects.create(
                pathway=pathway, component=components[at], position=position, name=name,
                occupation=Occupation.objects.get(code=code), is_destination=destination)
        return pathway

    def _component(self, pathway: Pathway, levels: dict, position: int,
                   step: dict) -> PathwayComponent:
        program = None
        if "program" in step:
            p = step["program"]
            program, _created = Program.objects.get_or_create(
                provider=self.providers[p["provider"]], name=p["name"],
                defaults={
                    "cip": CipCode.objects.get(code=p["cip"]) if p.get("cip") else None,
                    "length_weeks": p["weeks"], "cost": Decimal(p["cost"]),
                    "credit_hours": Decimal(p["credits"]) if p.get("credits") else None,
                    "contact_hours": p.get("hours"),
                    "schedule": p.get("schedule", Program.Schedule.DAYTIME),
                    "modality": p.get("modality", Program.Modality.IN_PERSON),
                    "entry_requirements": p.get("requires", ""),
                    "is_iet": p.get("iet", False),
                    "credential": self.credentials.get(p.get("credential", "")),
                    "description": p.get("description", ""),
                    "ctid": ctid("program", p["provider"], p["name"]), "is_sample": True,
                })
        occupation = Occupation.objects.get(code=step["occupation"]) \
            if step.get("occupation") else None
        return PathwayComponent.objects.create(
            pathway=pathway, level=levels[step["level"]], position=position,
            component_type=step["type"], name=step["name"],
            description=step.get("description", ""), program=program,
            credential=self.credentials.get(step.get("credential", "")),
            occupation=occupation, code=step.get("code", ""),
            credit_value=Decimal(step["credits"]) if step.get("credits") else None,
            designation=step.get("designation", ""),
            is_iet=step.get("iet", False), is_apprenticeship=step.get("apprenticeship", False),
            length_weeks=step.get("weeks"),
            cost=Decimal(step["cost"]) if step.get("cost") is not None else None,
            ctid=ctid("component", pathway.slug, step["key"]))

    def _condition(self, component, parent, position, rule, components) -> None:
        condition = ComponentCondition.objects.create(
            component=component if parent is None else None, parent=parent, position=position,
            name=rule.get("name", ""), description=rule.get("description", ""),
            logical_operator=rule.get("op", ComponentCondition.Operator.AND),
            required_number=rule.get("n"),
            required_credits=Decimal(rule["credits"]) if rule.get("credits") else None)
        condition.targets.set(components[key] for key in rule.get("targets", ()))
        for index, sub in enumerate(rule.get("sub", ())):
            self._condition(component, condition, index, sub, components)


__all__ = ["DEMO_PASSWORD", "DEMO_PEOPLE", "REGION", "ComponentType", "CredentialType",
           "DemoSummary", "MissingReferenceData", "build_demo_region", "demo_exists",
           "remove_demo_region"]
