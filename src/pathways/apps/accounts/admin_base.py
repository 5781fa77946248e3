"""Admin classes that ask the permission matrix, not Django's per-model permissions,
and write an audit entry for every change made through the admin."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.roles import may_use_admin, user_can


class RoleAdminMixin:
    """Only roles in ``admin_roles`` use the admin at all; there, ``edit_permission`` gates
    add/change/delete and ``view_permission`` gates viewing."""

    edit_permission = "catalog.edit"
    view_permission = "catalog.edit"

    def _may(self, request: HttpRequest, permission: str) -> bool:
        return may_use_admin(request.user) and user_can(request.user, permission)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request, self.view_permission)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, self.view_permission)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self._may(request, self.edit_permission)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, self.edit_permission)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, self.edit_permission)


class AuditedAdmin(RoleAdminMixin, admin.ModelAdmin):
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        record(request.user, "admin.change" if change else "admin.add", obj,
               changes={"fields": sorted(form.changed_data)})

    def delete_model(self, request, obj) -> None:
        record(request.user, "admin.delete", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            record(request.user, "admin.delete", obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record(request.user, "admin.delete", obj)
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            record(request.user, "admin.add" if is_new else "admin.change", obj)
        formset.save_m2m()


class RoleInline(RoleAdminMixin):
    pass
