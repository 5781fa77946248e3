"""A small pathway that uses every part the CTDL export writes.

Levels, every CTDL component class, every kind of condition (all of, any of, none of,
a count, a credit sum, nested three deep), entry points, exit points on job and non-job
components, support services, a credential and a program. Identifiers are derived from
names, so two builds give the same CTIDs.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from pathways.apps.accounts.models import Organisation
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

_NAMESPACE = uuid.UUID("0d4c1d1e-55a4-4d0c-9b7b-1c8f0e3f2a10")
C = ComponentType
Op = ComponentCondition.Operator
SLUG = "ctdl-test-pathway"


def ctid(*parts: str) -> str:
    return f"ce-{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


# key: (level, type, name, extra fields)
STEPS = {
    "bridge": (1, C.COURSE, "Health Careers Bridge", {
        "code": "ABE 101", "credit_value": Decimal("3"), "designation": "Required",
        "is_iet": True, "length_weeks": 12, "cost": Decimal("0")}),
    "esl": (1, C.COURSE, "English for Health Careers", {
        "code": "ESL 110", "credit_value": Decimal("2.5"), "designation": "Elective"}),
    "basics": (1, C.BASIC, "Orientation", {"description": "Meet your navigator."}),
    "skills": (1, C.COMPETENCY, "Digital literacy", {}),
    "club": (1, C.COCURRICULAR, "Health careers club", {}),
    "volunteer": (1, C.EXTRACURRICULAR, "Hospital volunteering", {}),
    "cert": (2, C.CREDENTIAL, "Nurse aide certification", {"credit_value": Decimal("6")}),
    "test": (2, C.ASSESSMENT, "Math placement test", {}),
    "work": (2, C.WORK_EXPERIENCE, "Paid clinical placement", {
        "is_apprenticeship": True, "length_weeks": 26, "cost": Decimal("150.50")}),
    "aide_job": (2, C.JOB, "Nursing assistant job", {}),
    "gened": (3, C.COLLECTION, "General education courses", {}),
    "labs": (3, C.MULTI, "Science labs", {}),
    "degree": (3, C.CREDENTIAL, "Nursing degree", {}),
    "rn_job": (3, C.JOB, "Registered nurse job", {}),
}


def build_small_pathway() -> Pathway:
    sector = Sector.objects.create(name="CTDL test sector", slug="ctdl-test-sector",
                                   naics_code="6216", description="For CTDL tests.")
    owner = Organisation.objects.create(
        name="CTDL Test Board", kind=Organisation.Kind.WORKFORCE_BOARD,
        website="https://example.org/ctdl-board")
    provider = Provider.objects.create(name="CTDL Test College", kind=Organisation.Kind.COLLEGE,
                                       ctid=ctid("provider"))
    certification = Credential.objects.create(
        name="CTDL Test Nurse Aide", credential_type=CredentialType.CERTIFICATION,
        description="State nurse aide registry.", ctid=ctid("credential", "aide"))
    degree = Credential.objects.create(
        name="CTDL Test Nursing AAS", credential_type=CredentialType.ASSOCIATE_APPLIED,
        awarded_by=provider, ctid=ctid("credential", "degree"))
    program = Program.objects.create(
        provider=provider, name="CTDL Test Nurse Aide Training", length_weeks=6,
        cost=Decimal("1200"), schedule=Program.Schedule.EVENING,
        modality=Program.Modality.IN_PERSON, credential=certification,
        cip=CipCode.objects.get(code="51.3902"), ctid=ctid("program", "aide"))
    pathway = Pathway.objects.create(
        name="CTDL Test Pathway", slug=SLUG, sector=sector, owner=owner, wage_area="21",
        description="A small pathway with every part CTDL export writes.",
        subject_webpage="https://example.org/ctdl-test", ctid=ctid("pathway"),
        progression_model_ctid=ctid("progression-model"))
    levels = {order: ProgressionLevel.objects.create(
        pathway=pathway, order=order, name=name, description=f"Level {order} of the test",
        ctid=ctid("level", name)) for order, name in
        ((1, "Foundations"), (2, "First credential"), (3, "Degree"))}
    steps = {}
    for position, (key, (level, kind, name, extra)) in enumerate(STEPS.items()):
        steps[key] = PathwayComponent.objects.create(
            pathway=pathway, level=levels[level], component_type=kind, name=name,
            position=position, ctid=ctid("component", key), **extra)
    steps["cert"].credential, steps["cert"].program = certification, program
    steps["cert"].subject_webpage = "https://example.org/ctdl-test/aide"
    steps["cert"].save()
    steps["degree"].credential = degree
    steps["degree"].save()
    steps["aide_job"].occupation = Occupation.objects.get(code="31-1131.00")
    steps["aide_job"].save()
    steps["rn_job"].occupation = Occupation.objects.get(code="29-1141.00")
    steps["rn_job"].save()
    for before, after in (("bridge", "cert"), ("esl", "cert"), ("cert", "aide_job"),
                          ("cert", "degree"), ("degree", "rn_job")):
        steps[before].precedes.add(steps[after])
    steps["degree"].children.add(steps["cert"], steps["test"], steps["gened"])
    _conditions(steps)
    EntryPoint.objects.create(
        pathway=pathway, component=steps["bridge"], name="Adult education bridge",
        kind=EntryPoint.Kind.ADULT_EDUCATION, max_education="some_hs", min_efl="ABE3",
        max_efl="ABE6", position=0, description="For adults without a diploma.")
    EntryPoint.objects.create(
        pathway=pathway, component=steps["esl"], name="English learners",
        kind=EntryPoint.Kind.ENGLISH_LEARNER, english_levels=["limited", "intermediate"],
        min_efl="ESL3", max_efl="ESL6", position=1)
    EntryPoint.objects.create(
        pathway=pathway, component=steps["cert"], name="Direct entry",
        kind=EntryPoint.Kind.DIRECT, min_education="hs", position=2,
        prerequisites="Background check")
    for position, (name, key, code, destination) in enumerate((
            ("Nursing assistant", "aide_job", "31-1131.00", False),
            ("Registered nurse", "rn_job", "29-1141.00", True),
            ("Licensed practical nurse", "degree", "29-2061.00", False))):
        ExitPoint.objects.create(pathway=pathway, component=steps[key], name=name,
                                 occupation=Occupation.objects.get(code=code),
                                 is_destination=destination, position=position)
    pathway.support_services.set([
        SupportService.objects.create(
            name="CTDL test childcare", category=SupportService.Category.CHILDCARE,
            provider=provider, cost="Free", description="Help paying for childcare.",
            ctid=ctid("service", "childcare")),
        SupportService.objects.create(
            name="CTDL test tutoring", category=SupportService.Category.TUTORING,
            ctid=ctid("service", "tutoring")),
    ])
    return pathway


def _conditions(steps: dict[str, PathwayComponent]) -> None:
    def make(owner=None, parent=None, position=0, targets=(), **fields):
        row = ComponentCondition.objects.create(component=owner if parent is None else None,
                                                parent=parent, position=position, **fields)
        row.targets.set(steps[t] for t in targets)
        return row

    make(steps["cert"], name="Ready for training", logical_operator=Op.OR,
         targets=("bridge", "esl"))
    make(steps["cert"], position=1, name="Not already certified", logical_operator=Op.NOT,
         targets=("aide_job",))
    top = make(steps["degree"], name="Admission", logical_operator=Op.AND)
    make(parent=top, name="Two of three", required_number=2, targets=("bridge", "esl", "test"))
    either = make(parent=top, position=1, name="A credential or experience",
                  logical_operator=Op.OR, targets=("cert",))
    make(parent=either, name="Five credits", required_credits=Decimal("5.5"),
         targets=("bridge", "esl"), description="Credits from the first level.")
    make(steps["rn_job"], name="Degree first", targets=("degree",))
