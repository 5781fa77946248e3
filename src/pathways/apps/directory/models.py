"""What Open Referral HSDS 3.0 says of a support service that the catalog does not keep
(docs/adr/0051-hsds-directory.md): the HSDS ids that make a re-import update rather than
duplicate, the service's status and contact details, its phones, schedules, cost options
and the locations it is offered at. The catalog's rows (Provider, SupportService,
Location) stay the ones every page reads; these hang off them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.catalog.models import Location, Provider, SupportService


class OrganizationRecord(models.Model):
    """An HSDS organization: a catalog Provider, with its HSDS id."""

    provider = models.OneToOneField(Provider, on_delete=models.CASCADE,
                                    related_name="hsds")
    hsds_id = models.CharField(max_length=500, unique=True)
    description = models.TextField(_("description"), blank=True)
    email = models.CharField(_("email"), max_length=500, blank=True)

    def __str__(self) -> str:
        return self.hsds_id


class LocationRecord(models.Model):
    location = models.OneToOneField(Location, on_delete=models.CASCADE, related_name="hsds")
    hsds_id = models.CharField(max_length=500, unique=True)

    def __str__(self) -> str:
        return self.hsds_id


class ServiceRecord(models.Model):
    """An HSDS service: a catalog SupportService, with its HSDS id and the fields HSDS has
    and the catalog does not."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    service = models.OneToOneField(SupportService, on_delete=models.CASCADE,
                                   related_name="hsds")
    hsds_id = models.CharField(max_length=500, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    url = models.CharField(_("website"), max_length=500, blank=True)
    email = models.CharField(_("email"), max_length=500, blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.CharField(_("fees"), max_length=500, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    taxonomy = models.JSONField(default=list, blank=True)  # the terms as given, for export

    def __str__(self) -> str:
        return self.hsds_id


class ServiceAtLocation(models.Model):
    hsds_id = models.CharField(max_length=500, unique=True)
    service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE,
                                related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE,
                                 related_name="hsds_services")
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.hsds_id


class Phone(models.Model):
    hsds_id = models.CharField(max_length=500)
    service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    type = models.CharField(_("type"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)  # "en,es"

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    hsds_id = models.CharField(max_length=500)
    service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE,
                                related_name="schedules")
    freq = models.CharField(max_length=10, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=100, blank=True)
    opens_at = models.CharField(max_length=20, blank=True)
    closes_at = models.CharField(max_length=20, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.hsds_id


class CostOption(models.Model):
    hsds_id = models.CharField(max_length=500)
    service = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE,
                                related_name="cost_options")
    option = models.CharField(_("option"), max_length=500, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(_("amount description"), blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.hsds_id


class DirectoryImport(models.Model):
    """One applied import: who, from which file, into which partnership, and its counts."""

    source = models.CharField(max_length=500)
    partnership = models.ForeignKey("accounts.Partnership", null=True, blank=True,
                                    on_delete=models.SET_NULL)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.source
