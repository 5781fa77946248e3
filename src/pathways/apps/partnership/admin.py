"""The partnership's records in the admin, for administrators to correct or delete one
(pages for members are under /partnership/; every admin change is audited)."""

from django.contrib import admin

from pathways.apps.accounts.admin_base import AuditedAdmin, RoleInline
from pathways.apps.partnership.models import (
    Agreement,
    MemberRoles,
    PolicyIndicator,
    PolicyItem,
    Vision,
)


class PartnershipAdmin(AuditedAdmin):
    edit_permission = view_permission = "partnership.edit"


@admin.register(Vision)
class VisionAdmin(PartnershipAdmin):
    list_display = ("partnership", "updated_at")


@admin.register(MemberRoles)
class MemberRolesAdmin(PartnershipAdmin):
    list_display = ("organisation", "partnership", "roles")
    list_filter = ("partnership",)


@admin.register(Agreement)
class AgreementAdmin(PartnershipAdmin):
    list_display = ("title", "kind", "partnership", "effective_on", "ends_on",
                    "last_reviewed_on")
    list_filter = ("kind", "partnership")
    filter_horizontal = ("parties",)


class PolicyIndicatorInline(RoleInline, admin.TabularInline):
    model = PolicyIndicator
    extra = 0
    edit_permission = view_permission = "partnership.edit"


@admin.register(PolicyItem)
class PolicyItemAdmin(PartnershipAdmin):
    list_display = ("title", "category", "kind", "level", "status", "partnership")
    list_filter = ("category", "status", "level", "partnership")
    inlines = [PolicyIndicatorInline]
