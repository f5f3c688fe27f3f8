"""The audit trail in the back office: read by auditors and administrators only, with
actions and object kinds shown by their Indonesian names (see ``audit_labels``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.core.audit_labels import action_label, object_label
from kotacerdas.core.models import AuditLog
from kotacerdas.core.models.users import Role


class AuditActionFilter(admin.SimpleListFilter):
    """Filter by action, listed by its Indonesian name rather than its code."""

    title = _("aksi")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        rows = model_admin.get_queryset(request).values_list("action", "object_type").distinct()
        names = {action: action_label(action, object_type) for action, object_type in rows}
        return sorted(names.items(), key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditObjectFilter(admin.SimpleListFilter):
    """Filter by the kind of object, listed by the model's Indonesian name."""

    title = _("jenis objek")
    parameter_name = "object_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        kinds = model_admin.get_queryset(request).values_list("object_type", flat=True)
        names = {kind: object_label(kind) for kind in kinds.distinct() if kind}
        return sorted(names.items(), key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    """The audit trail is read by auditors and administrators only, as on ``/audit/``."""

    readers = frozenset({Role.ADMIN, Role.AUDITOR})
    list_display = [
        "created_at",
        "actor_label",
        "action_name",
        "object_name",
        "object_id",
        "source_ip",
    ]
    list_filter = [AuditActionFilter, AuditObjectFilter]
    search_fields = ["actor_label", "action", "object_id", "object_repr"]
    date_hierarchy = "created_at"

    @admin.display(description=_("Aksi"), ordering="action")
    def action_name(self, obj: AuditLog) -> str:
        return action_label(obj.action, obj.object_type)

    @admin.display(description=_("Jenis objek"), ordering="object_type")
    def object_name(self, obj: AuditLog) -> str:
        return object_label(obj.object_type)
