"""Back office for the catalogue, routing, regional days off, reply templates and
Open311 API keys. Requests are read-only here: they change only through the services
(the handling page), so every change has its timeline entry, SLA clock and notice."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import AuditedAdmin, ScopedInline
from kotacerdas.core.models import Role
from kotacerdas.core.tenancy import acting_user
from kotacerdas.services.models import (
    Open311Key,
    RegionalDayOff,
    ReplyTemplate,
    RoutingRule,
    Service,
    ServiceAttribute,
    ServiceRequest,
)
from kotacerdas.services.selectors import CONTACT_FIELDS, IDENTITY_FIELDS, reporter_view
from kotacerdas.services.services.apikeys import apikey_revoke


class AttributeInline(ScopedInline):
    model = ServiceAttribute
    extra = 0
    fields = ["order", "code", "datatype", "required", "variable", "description", "values"]


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "opd", "verify_days", "followup_days", "is_active"]
    list_filter = ["kind", "opd", "is_active"]
    search_fields = ["code", "name", "keywords"]
    inlines = [AttributeInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for item in formset.save(commit=False):
            item.regency = form.instance.regency
            item.save()
        for gone in formset.deleted_objects:
            gone.delete()


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ["service", "kecamatan", "opd"]
    list_filter = ["opd"]


@admin.register(RegionalDayOff)
class RegionalDayOffAdmin(AuditedAdmin):
    list_display = ["date", "name", "regency"]
    date_hierarchy = "date"


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    list_display = ["title", "opd"]
    list_filter = ["opd"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(AuditedAdmin):
    list_display = ["tracking_number", "service", "opd", "status", "requested_at", "due_at"]
    list_filter = ["status", "opd", "service", "channel", "is_private"]
    search_fields = ["tracking_number"]
    date_hierarchy = "requested_at"
    exclude = ["reporter_token", "reporter_token_nonce", "reporter_token_legacy", "submit_token"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        """The reporter's identity and contact follow ``reporter_view``, the same rule
        as the handling page; on the list (no object) they are never shown."""
        hidden = list(super().get_exclude(request, obj) or [])
        view = reporter_view(request.user, obj) if obj is not None else None
        if view is None or not view.identity:
            hidden += IDENTITY_FIELDS
        if view is None or not view.contact:
            hidden += CONTACT_FIELDS
        return hidden

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Open311Key)
class Open311KeyAdmin(AuditedAdmin):
    readers = frozenset({Role.ADMIN, Role.AUDITOR})
    list_display = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["regency", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # keys are issued with ``kotacerdas apikey create`` (shown once)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Cabut kunci terpilih"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[Open311Key]) -> None:
        for key in queryset:
            apikey_revoke(key=key, actor=acting_user(request))
        self.message_user(request, _("Kunci dicabut."), messages.SUCCESS)
