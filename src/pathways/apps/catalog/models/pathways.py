"""A pathway: components in progression levels, conditions between them, entry and exit points.

Shaped on CTDL (ceterms:Pathway, PathwayComponent, ComponentCondition, asn:ProgressionModel).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.accounts.versioning import Versioned
from pathways.apps.catalog.models.programs import (
    Credential,
    Program,
    Sector,
    SupportService,
    new_ctid,
)
from pathways.core.education import EDUCATION_LEVELS, EFL_LEVELS, ENGLISH_LEVELS

EDUCATION_CHOICES = [(level.code, level.label) for level in EDUCATION_LEVELS]


class Pathway(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="pathways",
                               verbose_name=_("sector"))
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="pathways", verbose_name=_("owned by"))
    partnership = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="pathways")
    wage_area = models.CharField(
        _("wage area"), max_length=7, blank=True,
        help_text=_("OEWS area for exit wages: a state FIPS code such as 21, or empty for U.S."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    support_services = models.ManyToManyField(SupportService, blank=True, related_name="pathways",
                                              verbose_name=_("support services"))
    subject_webpage = models.URLField(_("web page"), blank=True)
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column
    progression_model_ctid = models.CharField(max_length=39, unique=True, default=new_ctid)
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Review and versions (catalog.lifecycle, ADR 0041). A published pathway is changed
    # through a working copy: another row whose ``draft_of`` is the live one.
    draft_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="working_copies", editable=False,
                                 verbose_name=_("working copy of"))
    # The live row's version the copy was made from: publishing refuses when it moved on
    # (someone changed the published pathway another way, e.g. the admin or an import).
    based_on_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     editable=False, verbose_name=_("sent for review by"))
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True,
                                        editable=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   editable=False, verbose_name=_("last changed by"))

    class Meta:
        ordering = ["sector__name", "name"]
        verbose_name = _("pathway")
        constraints = [
            models.UniqueConstraint(fields=["draft_of"], name="one_working_copy_per_pathway"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:pathway", args=[self.slug])

    @property
    def is_published(self) -> bool:
        """Live and published: a working copy is never published itself."""
        return self.status == self.Status.PUBLISHED and self.draft_of_id is None

    @property
    def is_working_copy(self) -> bool:
        return self.draft_of_id is not None


class ProgressionLevel(models.Model):
    """A column of the pathway map (asn:ProgressionLevel)."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column

    # In a working copy: the live row this one was copied from (ADR 0041).
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["pathway", "order"]
        verbose_name = _("progression level")
        constraints = [
            models.UniqueConstraint(fields=["pathway", "order"], name="uniq_level_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ComponentType(models.TextChoices):
    """CTDL pathway component classes."""

    BASIC = "ceterms:BasicComponent", _("Basic")
    COURSE = "ceterms:CourseComponent", _("Course or program")
    CREDENTIAL = "ceterms:CredentialComponent", _("Credential")
    ASSESSMENT = "ceterms:AssessmentComponent", _("Assessment")
    WORK_EXPERIENCE = "ceterms:WorkExperienceComponent", _("Work experience")
    JOB = "ceterms:JobComponent", _("Job")
    COMPETENCY = "ceterms:CompetencyComponent", _("Competency")
    COCURRICULAR = "ceterms:CocurricularComponent", _("Co-curricular")
    EXTRACURRICULAR = "ceterms:ExtracurricularComponent", _("Extracurricular")
    COLLECTION = "ceterms:CollectionComponent", _("Collection")
    MULTI = "ceterms:MultiComponent", _("Multiple kinds")


class PathwayComponent(models.Model):
    class Designation(models.TextChoices):
        REQUIRED = "Required", _("Required")
        CORE = "Core", _("Core")
        ELECTIVE = "Elective", _("Elective")

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="components")
    component_type = models.CharField(_("kind"), max_length=40, choices=ComponentType.choices)
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    level = models.ForeignKey(ProgressionLevel, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="components", verbose_name=_("progression level"))
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="components", verbose_name=_("program"))
    credential = models.ForeignKey(Credential, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="components", verbose_name=_("credential"))
    occupation = models.ForeignKey("catalog.Occupation", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="components",
                                   verbose_name=_("occupation"))
    code = models.CharField(_("code"), max_length=60, blank=True,
                            help_text=_("Course code or other identifier"))
    credit_value = models.DecimalField(_("credits"), max_digits=5, decimal_places=1, null=True,
                                       blank=True)
    designation = models.CharField(_("designation"), max_length=10, blank=True,
                                   choices=Designation.choices)
    length_weeks = models.PositiveSmallIntegerField(
        _("length (weeks)"), null=True, blank=True, help_text=_("Leave empty to use the program's")
    )
    cost = models.DecimalField(_("cost (USD)"), max_digits=9, decimal_places=2, null=True,
                               blank=True, help_text=_("Leave empty to use the program's"))
    is_iet = models.BooleanField(_("integrated education and training"), default=False)
    is_apprenticeship = models.BooleanField(_("registered apprenticeship"), default=False)
    position = models.PositiveSmallIntegerField(_("position in level"), default=0)
    precedes = models.ManyToManyField("self", symmetrical=False, blank=True,
                                      related_name="preceded_by", verbose_name=_("leads to"))
    children = models.ManyToManyField("self", symmetrical=False, blank=True,
                                      related_name="parents",
                                      verbose_name=_("has child (CTDL hasChild)"))
    support_services = models.ManyToManyField(
        SupportService, blank=True, related_name="components",
        verbose_name=_("support services in this step"),
        help_text=_("Services participants receive as part of this step, such as career "
                    "advising at the start (WIOA Sec. 3(7)(C))"))
    proxy_for = models.URLField(_("proxy for"), max_length=400, blank=True)
    subject_webpage = models.URLField(_("web page"), max_length=400, blank=True)
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column

    # In a working copy: the live row this one was copied from (ADR 0041).
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["pathway", "level__order", "position", "name"]
        verbose_name = _("pathway component")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level_id and self.pathway_id and self.level.pathway_id != self.pathway_id:
            raise ValidationError({"level": _("The level belongs to another pathway.")})

    @property
    def effective_length_weeks(self) -> int | None:
        if self.length_weeks is not None:
            return self.length_weeks
        return self.program.length_weeks if self.program_id else None

    @property
    def effective_cost(self) -> Decimal | None:
        if self.cost is not None:
            return self.cost
        return self.program.cost if self.program_id else None

    @property
    def effective_credential(self) -> Credential | None:
        if self.credential_id:
            return self.credential
        return self.program.credential if self.program_id else None

    @property
    def effective_iet(self) -> bool:
        return self.is_iet or bool(self.program_id and self.program.is_iet)


class ComponentCondition(models.Model):
    """What must be done before a component (ceterms:ComponentCondition).

    A condition holds when its items (target components completed, nested conditions
    met) satisfy its rule: all of them (AND), any (OR), none (NOT), at least
    ``required_number`` of them, or targets worth at least ``required_credits``.
    """

    class Operator(models.TextChoices):
        AND = "And", _("All of")
        OR = "Or", _("Any of")
        NOT = "Not", _("None of")

    component = models.ForeignKey(PathwayComponent, null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="conditions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subconditions")
    name = models.CharField(_("name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    logical_operator = models.CharField(_("logical operator"), max_length=3,
                                        choices=Operator.choices, default=Operator.AND)
    required_number = models.PositiveSmallIntegerField(_("required number"), null=True,
                                                       blank=True)
    required_credits = models.DecimalField(_("required credits"), max_digits=5, decimal_places=1,
                                           null=True, blank=True)
    targets = models.ManyToManyField(PathwayComponent, blank=True, related_name="targeted_by",
                                     verbose_name=_("target components"))
    position = models.PositiveSmallIntegerField(default=0)

    # In a working copy: the live row this one was copied from (ADR 0041).
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("component condition")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(component__isnull=False, parent__isnull=True)
                           | models.Q(component__isnull=True, parent__isnull=False)),
                name="condition_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.get_logical_operator_display()} ({self.pk})"


class EntryPoint(models.Model):
    """A way into the pathway, with who it is for."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct entry")
        ADULT_EDUCATION = "adult_education", _("Adult basic education / high school equivalency")
        ENGLISH_LEARNER = "english_learner", _("English language learners")
        BRIDGE = "bridge", _("Bridge or integrated education and training")
        CAREER_ADVANCEMENT = "career_advancement", _("Incumbent workers / career advancement")

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="entry_points")
    component = models.ForeignKey(PathwayComponent, on_delete=models.CASCADE,
                                  related_name="entry_points", verbose_name=_("first step"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    min_education = models.CharField(_("at least this education"), max_length=16, blank=True,
                                     choices=EDUCATION_CHOICES)
    max_education = models.CharField(_("at most this education"), max_length=16, blank=True,
                                     choices=EDUCATION_CHOICES)
    min_efl = models.CharField(_("lowest functioning level"), max_length=4, blank=True,
                               choices=EFL_LEVELS)
    max_efl = models.CharField(_("highest functioning level"), max_length=4, blank=True,
                               choices=EFL_LEVELS)
    english_levels = models.JSONField(
        _("English levels served"), default=list, blank=True,
        help_text=_("Empty means any: limited, intermediate, proficient"),
    )
    prerequisites = models.TextField(_("other prerequisites"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    # In a working copy: the live row this one was copied from (ADR 0041).
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["pathway", "position", "name"]
        verbose_name = _("entry point")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        known = {code for code, _label in ENGLISH_LEVELS}
        bad = [level for level in self.english_levels or [] if level not in known]
        if bad:
            errors["english_levels"] = _("Unknown English level: %(levels)s") % {
                "levels": ", ".join(map(str, bad))}
        if self.component_id and self.pathway_id and self.component.pathway_id != self.pathway_id:
            errors["component"] = _("The component belongs to another pathway.")
        if (self.min_efl and self.max_efl and self.min_efl[:3] != self.max_efl[:3]):
            errors["max_efl"] = _("Both functioning levels must be ABE or both ESL.")
        if errors:
            raise ValidationError(errors)

    @property
    def serves_adults_without_diploma(self) -> bool:
        from pathways.core.education import education_rank

        return bool(
            self.kind in {self.Kind.ADULT_EDUCATION, self.Kind.ENGLISH_LEARNER, self.Kind.BRIDGE}
            or (self.max_education and education_rank(self.max_education) < education_rank("hs"))
            or "limited" in (self.english_levels or [])
        )


class ExitPoint(models.Model):
    """A way out to a job: an occupation reached at some step, with its wage."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="exit_points")
    component = models.ForeignKey(PathwayComponent, on_delete=models.CASCADE,
                                  related_name="exit_points", verbose_name=_("reached after"))
    occupation = models.ForeignKey("catalog.Occupation", on_delete=models.PROTECT,
                                   related_name="exit_points", verbose_name=_("occupation"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The partnership's own words for the job, shown before O*NET's description (which
    # reads at grade 14 to 17 and goes under "Official description").
    summary = models.TextField(
        _("plain summary"), blank=True,
        help_text=_("What the job is, in two or three short sentences and common words."))
    is_destination = models.BooleanField(
        _("main destination"), default=False,
        help_text=_("Exported as the CTDL destination component"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    # In a working copy: the live row this one was copied from (ADR 0041).
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["pathway", "position", "name"]
        verbose_name = _("exit point")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.component_id and self.pathway_id and self.component.pathway_id != self.pathway_id:
            raise ValidationError({"component": _("The component belongs to another pathway.")})
