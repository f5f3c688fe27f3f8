"""The staff back office (Django admin, in Indonesian). Changes made here are audited
like any other write, and non-superusers only see their own regency."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import (
    OPD,
    ApiToken,
    AuditLog,
    Kecamatan,
    Kelurahan,
    Regency,
    RoleAssignment,
    User,
)
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.services.tokens import token_revoke
from kotacerdas.core.tenancy import acting_user, default_regency

_SECRET_FIELDS = {"password", "key_hash"}


def _fields(obj: models.Model) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if f.name not in _SECRET_FIELDS]


def _regency_of(obj: models.Model, request: HttpRequest) -> Regency:
    regency = getattr(obj, "regency", None)
    if isinstance(regency, Regency):
        return regency
    if isinstance(obj, Regency):
        return obj
    user: Any = request.user
    return user.regency if user.regency_id else default_regency()


class RegencyScopedAdmin(admin.ModelAdmin):
    """Non-superusers see only their own regency's rows."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user: Any = request.user
        field_names = {f.name for f in self.model._meta.fields}
        if not user.is_superuser and "regency" in field_names:
            qs = qs.filter(regency_id=user.regency_id)
        return qs


class ReadOnlyAdmin(RegencyScopedAdmin):
    """Rows written only by services: visible to staff, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(RegencyScopedAdmin):
    """Every admin save and delete writes an audit record in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change and obj.pk is not None:
                before = snapshot(type(obj).objects.get(pk=obj.pk), _fields(obj))
            super().save_model(request, obj, form, change)
            audit_record(
                regency=_regency_of(obj, request),
                actor=acting_user(request),
                action=f"{obj._meta.label_lower}.{'update' if change else 'create'}",
                obj=obj,
                before=before,
                after=snapshot(obj, _fields(obj)),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                regency=_regency_of(obj, request),
                actor=acting_user(request),
                action=f"{obj._meta.label_lower}.delete",
                obj=obj,
                before=snapshot(obj, _fields(obj)),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Regency)
class RegencyAdmin(AuditedAdmin):
    list_display = ["code", "name", "capital", "jurisdiction_id", "timezone", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Kecamatan)
class KecamatanAdmin(AuditedAdmin):
    list_display = ["name", "code", "seat", "regency"]
    search_fields = ["name"]
    list_filter = ["regency"]


@admin.register(Kelurahan)
class KelurahanAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "kecamatan", "postal_code", "population"]
    list_filter = ["kind", "kecamatan"]
    search_fields = ["name", "code", "postal_code"]


@admin.register(OPD)
class OPDAdmin(AuditedAdmin):
    list_display = ["short_name", "name", "kind", "code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["regency", "role", "opd"]
    fk_name = "user"


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "regency",
        "opd",
        "is_active",
        "is_staff",
    ]
    list_filter = ["is_active", "is_staff", "regency", "role_assignments__role"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Kota Cerdas"), {"fields": ("regency", "opd", "phone")}),
    )
    inlines = [RoleInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Roles go through the audited service so admin edits and code edits look alike.
        from kotacerdas.core.services.users import role_grant, role_revoke

        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            role_revoke(
                user=deleted.user,
                role=deleted.role,
                regency=deleted.regency,
                actor=acting_user(request),
            )
        for item in instances:
            role_grant(
                user=form.instance,
                role=item.role,
                regency=item.regency,
                actor=acting_user(request),
                opd=item.opd,
            )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "user",
        "name",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "user__username", "name"]
    readonly_fields = [
        "regency",
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Cabut token terpilih"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            token_revoke(token=token, actor=acting_user(request))
        self.message_user(request, _("Token dicabut."), messages.SUCCESS)


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "object_type", "object_id", "source_ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "action", "object_id", "object_repr"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
