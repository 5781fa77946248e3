"""Staff editing of the catalog through the admin, for the editor and administrator roles.

Each translated text (catalog/translation.py) is shown as its English and Spanish fields
side by side, each with its own label ("Name (English)", "Name (Spanish)"): modeltranslation's
plain admin classes, not its tabbed ones, which load jQuery UI from a CDN (ADR 0042).
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from pathways.apps.accounts.admin_base import AuditedAdmin, RoleInline
from pathways.apps.accounts.versioning import StaleEdit, show_stale
from pathways.apps.catalog import models as m
from pathways.core.numbers import MAX_ID


class LevelInline(RoleInline, TranslationTabularInline):
    model = m.ProgressionLevel
    fields = ["order", "name", "description"]
    extra = 0


class ComponentInline(RoleInline, TranslationTabularInline):
    model = m.PathwayComponent
    fields = ["name", "component_type", "level", "program", "credential", "occupation",
              "credit_value", "is_iet", "position"]
    autocomplete_fields = ["program", "credential", "occupation"]
    show_change_link = True
    extra = 0


class EntryInline(RoleInline, TranslationStackedInline):
    model = m.EntryPoint
    fields = ["name", "kind", "component", "description", ("min_education", "max_education"),
              ("min_efl", "max_efl"), "english_levels", "prerequisites", "position"]
    extra = 0


class ExitInline(RoleInline, TranslationTabularInline):
    model = m.ExitPoint
    fields = ["name", "description", "component", "occupation", "is_destination", "position"]
    autocomplete_fields = ["occupation"]
    extra = 0


class PathwayForm(forms.ModelForm):
    """The pathway change form carries the version it was opened on; a save over a newer
    version is refused with what changed meanwhile, the person's entries kept. (The admin
    makes the model form from it, with the fields it shows.)"""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1,
                                 max_value=MAX_ID, error_messages=dict.fromkeys(
                                     ("required", "invalid", "min_value", "max_value"),
                                     _("The form arrived incomplete: open the pathway "
                                       "again.")))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version
            self.fields["opened_version"].required = True

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk is not None and "opened_version" not in self.errors:
            try:
                # The admin saves in one transaction: the row stays locked until it ends.
                self.instance.check_version(data.get("opened_version"), lock=True)
            except StaleEdit as exc:
                show_stale(self, exc)
        return data


@admin.register(m.Pathway)
class PathwayAdmin(TranslationAdmin, AuditedAdmin):
    form = PathwayForm
    list_display = ["name", "sector", "status", "owner", "updated_at"]
    list_filter = ["status", "sector", "is_sample"]
    search_fields = ["name_en", "name_es", "description_en"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["support_services"]
    readonly_fields = ["ctid", "progression_model_ctid"]
    inlines = [LevelInline, ComponentInline, EntryInline, ExitInline]

    def save_model(self, request, obj, form, change) -> None:
        obj.note_changes(form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        parts = [f.model._meta.model_name for f in formsets if f.has_changed()]
        if change and parts:  # levels, components ... edited with the pathway
            form.instance.changed_in.update(dict.fromkeys(parts, form.instance.version))
            m.Pathway.objects.filter(pk=form.instance.pk).update(
                changed_in=form.instance.changed_in)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit as exc:
            # Only where rows cannot be locked (SQLite) can another save slip in between
            # the form's check and this save; the form is gone by then.
            messages.error(request, exc.problems[0].message.split(" Nothing of yours")[0]
                           + ". Nothing of yours was saved: open it again.")
            return redirect(request.path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Inline pickers offer only this pathway's own components and levels.
        if db_field.name in {"component", "level"}:
            pathway_id = request.resolver_match.kwargs.get("object_id")
            model = m.PathwayComponent if db_field.name == "component" else m.ProgressionLevel
            kwargs["queryset"] = model.objects.filter(pathway_id=pathway_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ConditionInline(RoleInline, TranslationStackedInline):
    model = m.ComponentCondition
    fk_name = "component"
    fields = ["name", "logical_operator", "required_number", "required_credits", "targets",
              "description", "position"]
    filter_horizontal = ["targets"]
    extra = 0


@admin.register(m.PathwayComponent)
class PathwayComponentAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "pathway", "component_type", "level"]
    list_filter = ["pathway", "component_type"]
    search_fields = ["name_en", "name_es", "code"]
    autocomplete_fields = ["program", "credential", "occupation"]
    filter_horizontal = ["precedes", "children"]
    readonly_fields = ["ctid"]
    inlines = [ConditionInline]


@admin.register(m.ComponentCondition)
class ComponentConditionAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["__str__", "component", "parent", "logical_operator", "required_number",
                    "required_credits"]
    filter_horizontal = ["targets"]


@admin.register(m.Sector)
class SectorAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "naics_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Provider)
class ProviderAdmin(AuditedAdmin):
    list_display = ["name", "kind", "city", "state"]
    search_fields = ["name"]
    readonly_fields = ["ctid"]


@admin.register(m.Program)
class ProgramAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "provider", "cip", "length_weeks", "cost", "is_iet"]
    list_filter = ["provider", "modality", "schedule", "is_iet"]
    search_fields = ["name_en", "name_es", "cip__code", "cip__title"]
    autocomplete_fields = ["cip", "credential"]
    readonly_fields = ["ctid"]


@admin.register(m.Location)
class LocationAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "provider", "address_1", "city", "state", "postal_code"]
    list_filter = ["provider", "state"]
    search_fields = ["name_en", "name_es", "address_1", "city", "postal_code"]


@admin.register(m.Credential)
class CredentialAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "credential_type", "awarded_by", "awarding_body"]
    list_filter = ["credential_type"]
    search_fields = ["name_en", "name_es"]
    filter_horizontal = ["stacks_into"]
    readonly_fields = ["ctid"]


@admin.register(m.SupportService)
class SupportServiceAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["name", "category", "provider"]
    list_filter = ["category"]
    search_fields = ["name_en", "name_es"]
    readonly_fields = ["ctid"]


class ReferenceAdmin(AuditedAdmin):
    """Reference data is loaded, not typed in: editors may look it up, nobody edits it here."""

    view_permission = "catalog.edit"

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(m.Occupation)
class OccupationAdmin(ReferenceAdmin):
    list_display = ["code", "title", "job_zone"]
    search_fields = ["code", "title", "alternate_titles__title"]


@admin.register(m.CipCode)
class CipCodeAdmin(ReferenceAdmin):
    list_display = ["code", "title", "level"]
    search_fields = ["code", "title"]


@admin.register(m.Wage)
class WageAdmin(ReferenceAdmin):
    list_display = ["occ_code", "occ_title", "area_title", "annual_median"]
    search_fields = ["occ_code", "occ_title"]
    list_filter = ["area_title"]


@admin.register(m.PathwayVersion)
class PathwayVersionAdmin(ReferenceAdmin):
    """Published versions are immutable (ADR 0041): shown, never changed here."""

    list_display = ["pathway", "number", "published_at", "published_by"]
    list_filter = ["published_at"]
    search_fields = ["pathway__name"]
    fields = ["pathway", "number", "published_at", "published_by", "sentences",
              "override_reason", "document"]
    readonly_fields = fields

    @admin.display(description=_("what changed"))
    def sentences(self, obj: m.PathwayVersion) -> str:
        return " ".join(obj.sentences)
