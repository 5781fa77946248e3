"""Reference data loaded from public sources: SOC, O*NET, CIP, OEWS wages, projections.

These rows are replaced wholesale by ``pathways reference load``; nothing else writes them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceRelease(models.Model):
    """Which release of a public dataset is loaded, so a second load can skip or replace it."""

    dataset = models.CharField(max_length=32, unique=True)
    version = models.CharField(max_length=64)
    checksum = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.dataset} {self.version}"


class SocGroup(models.Model):
    """A SOC 2018 group at any level: major, minor, broad or detailed occupation."""

    class Level(models.TextChoices):
        MAJOR = "major", _("Major group")
        MINOR = "minor", _("Minor group")
        BROAD = "broad", _("Broad occupation")
        DETAILED = "detailed", _("Detailed occupation")

    code = models.CharField(max_length=7, primary_key=True)
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=8, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    definition = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SOC group")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def ancestors(self) -> list[SocGroup]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Occupation(models.Model):
    """An O*NET-SOC 2019 occupation (``29-1141.00``)."""

    code = models.CharField(max_length=10, primary_key=True)
    soc = models.ForeignKey(SocGroup, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="occupations")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True)
    typical_education = models.CharField(max_length=120, blank=True,
                                         help_text=_("Most often required level (O*NET RL)"))
    education_distribution = models.JSONField(default=list, blank=True)
    interests = models.JSONField(default=dict, blank=True, help_text=_("RIASEC profile"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("occupation")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @property
    def soc_code(self) -> str:
        return self.code[:7]


class OccupationAltTitle(models.Model):
    """Another name an occupation goes by (O*NET "Alternate Titles": "Certified Nursing
    Assistant (CNA)", short title "CNA"), so that people find it by the words they use."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE,
                                   related_name="alternate_titles")
    title = models.CharField(max_length=250)
    short_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["occupation", "title"]
        verbose_name = _("alternate title")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "title"], name="uniq_occ_alt_title")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.occupation_id})"


class RelatedOccupation(models.Model):
    """O*NET's related occupations. The target may lie outside the loaded set."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="related")
    related_code = models.CharField(max_length=10)
    tier = models.CharField(max_length=24)
    index = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["occupation", "index"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "related_code"], name="uniq_related_occ")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} -> {self.related_code} ({self.tier})"


class OccupationSkill(models.Model):
    """One O*NET skill rating for an occupation: importance (1-5) and level (0-7)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skills")
    element_id = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    importance = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    level = models.DecimalField(max_digits=5, decimal_places=2, null=True)

    class Meta:
        ordering = ["-importance", "name"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "element_id"], name="uniq_occ_skill")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.name}"


class CipCode(models.Model):
    """A CIP 2020 series or program (``51``, ``51.38``, ``51.3801``)."""

    code = models.CharField(max_length=7, primary_key=True)
    title = models.CharField(max_length=250)
    definition = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(help_text=_("2, 4 or 6 digits"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("CIP code")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CipSocLink(models.Model):
    """The NCES CIP 2020 - SOC 2018 crosswalk (many to many)."""

    cip = models.ForeignKey(CipCode, on_delete=models.CASCADE, related_name="soc_links")
    soc = models.ForeignKey(SocGroup, on_delete=models.CASCADE, related_name="cip_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cip", "soc"], name="uniq_cip_soc")]

    def __str__(self) -> str:
        return f"{self.cip_id} ~ {self.soc_id}"


class Wage(models.Model):
    """OEWS wages for one occupation code in one area (``99`` = U.S., else state FIPS).

    ``occ_code`` is the OEWS code, which is sometimes an aggregate no SOC detailed code
    matches (31-1120); lookups roll up through the SOC hierarchy.
    Annual figures in dollars; empty where BLS did not publish; ``*_top_coded`` where BLS
    published only "at or above" the top code.
    """

    vintage = models.CharField(max_length=16)
    area = models.CharField(max_length=7)
    area_title = models.CharField(max_length=100)
    occ_code = models.CharField(max_length=7)
    occ_title = models.CharField(max_length=200)
    employment = models.PositiveIntegerField(null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_mean = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.PositiveIntegerField(null=True, blank=True)
    annual_p25 = models.PositiveIntegerField(null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_p75 = models.PositiveIntegerField(null=True, blank=True)
    annual_p90 = models.PositiveIntegerField(null=True, blank=True)
    top_coded = models.JSONField(default=list, blank=True,
                                 help_text=_("Columns published as at-or-above the top code"))
    hourly_only = models.BooleanField(default=False)
    annual_only = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "occ_code"], name="uniq_wage")]
        indexes = [models.Index(fields=["occ_code", "area"])]

    def __str__(self) -> str:
        return f"{self.occ_code} {self.area_title}: {self.annual_median}"


class Projection(models.Model):
    """BLS Employment Projections, one occupation (national)."""

    soc_code = models.CharField(max_length=7, unique=True)
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=9)
    employment_base = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    employment_target = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    change_percent = models.DecimalField(max_digits=6, decimal_places=1, null=True)
    annual_openings = models.DecimalField(max_digits=8, decimal_places=1, null=True,
                                          help_text=_("Thousands a year"))
    typical_entry_education = models.CharField(max_length=120, blank=True)
    work_experience = models.CharField(max_length=120, blank=True)
    on_the_job_training = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"{self.soc_code} {self.period}"
