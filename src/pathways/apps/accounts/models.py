"""Organisations, partnerships, the roles people hold, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COLLEGE = "college", _("College")
        ADULT_EDUCATION = "adult_education", _("Adult education provider")
        WORKFORCE_BOARD = "workforce_board", _("Workforce board / American Job Center")
        SOCIAL_SERVICES = "social_services", _("Social services agency")
        COMMUNITY = "community", _("Community-based organisation")
        EMPLOYER = "employer", _("Employer or industry association")
        STATE_AGENCY = "state_agency", _("State agency")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=2, blank=True, help_text=_("USPS code"))
    website = models.URLField(_("website"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    class Scope(models.TextChoices):
        STATE = "state", _("State system")
        LOCAL = "local", _("Local or regional system")

    name = models.CharField(_("name"), max_length=200, unique=True)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    state = models.CharField(_("state"), max_length=2, blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="partnerships", blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    # A local partnership names the state partnership it reports to; the state view
    # (partnership.state) shows the state's locals side by side (docs/adr/0046).
    state_partnership = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="local_partnerships", limit_choices_to={"scope": "state"},
        verbose_name=_("state partnership"),
        help_text=_("For a local partnership: the state partnership it belongs to."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        found = self.state_partnership
        if found is None:
            return
        if self.scope != self.Scope.LOCAL:
            raise ValidationError({"state_partnership": _(
                "Only a local partnership belongs to a state partnership.")})
        if found.scope != self.Scope.STATE or found.pk == self.pk:
            raise ValidationError({"state_partnership": _(
                "Choose a partnership whose scope is state.")})


class Role(models.TextChoices):
    """Roles from the permission matrix (accounts/permissions.yaml)."""

    PARTICIPANT = "participant", _("Participant")
    NAVIGATOR = "navigator", _("Navigator or counselor")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    EDITOR = "editor", _("Pathway editor")
    ANALYST = "analyst", _("System leader or analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


class Profile(models.Model):
    """What a person does in Pathways, and for which organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathways_profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    # Set when a navigator gives a participant a temporary password: the next page they
    # open is the password change (accounts.middleware.SessionRules).
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # Kept in step with django-otp's confirmed devices (accounts.twofactor): every page asks
    # whether to want a code, and the profile comes with the user in one query.
    has_second_factor = models.BooleanField(_("has a second factor"), default=False,
                                            editable=False)

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Membership(models.Model):
    """A person who takes part in a partnership's work (self-assessment rounds, shared
    measures). Facilitators open and run the partnership's assessment rounds."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="memberships", verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("person"))
    is_facilitator = models.BooleanField(_("facilitator"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["partnership", "user__username"]
        verbose_name = _("partnership member")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.partnership}"


class AuditEntry(models.Model):
    """One change, who made it, and what changed. Written only by actions."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.summary}"
