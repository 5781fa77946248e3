from django.contrib import admin

from pathways.apps.accounts.admin_base import AuditedAdmin
from pathways.apps.accounts.models import (
    AuditEntry,
    Membership,
    Organisation,
    Partnership,
    Profile,
)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    edit_permission = view_permission = "reference.load"
    list_display = ["name", "kind", "state", "is_sample"]
    list_filter = ["kind", "state", "is_sample"]
    search_fields = ["name"]


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    edit_permission = view_permission = "reference.load"
    list_display = ["name", "scope", "state", "state_partnership"]
    list_filter = ["scope", "state_partnership"]
    filter_horizontal = ["organisations"]


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin):
    edit_permission = view_permission = "reference.load"
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    edit_permission = view_permission = "reference.load"
    list_display = ["partnership", "user", "is_facilitator"]
    list_filter = ["partnership", "is_facilitator"]


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedAdmin):
    """The audit log is read-only, for everyone."""

    view_permission = "audit.view"
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["summary", "actor_label", "object_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
