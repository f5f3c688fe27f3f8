"""The staff back office (Django admin, in Indonesian). Changes made here are audited
like any other write, and non-superusers only see their own regency."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import (
    OPD,
    ApiToken,
    Kecamatan,
    Kelurahan,
    Regency,
    RoleAssignment,
    User,
)
from kotacerdas.core.models.users import Role
from kotacerdas.core.scoping import is_operator, may_read_domain, may_write, scope_queryset
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.services.tokens import token_revoke
from kotacerdas.core.tenancy import acting_user, host_regency

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
    return user.regency if user.regency_id else host_regency(request)


class ScopedFormfieldsMixin:
    """Choice lists in forms offer only rows of the user's own scope, so no one can
    point a record at another regency (or read its names in a drop-down)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(field.queryset, request.user, opd_field=None)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope_queryset(field.queryset, request.user, opd_field=None)
        return field


class ScopedInline(ScopedFormfieldsMixin, admin.TabularInline):
    """Inline rows follow the same write rule as their parent: auditors never write."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_write(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_write(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_write(request.user) and super().has_delete_permission(request, obj)


class RegencyScopedAdmin(ScopedFormfieldsMixin, admin.ModelAdmin):
    """The back office applies the platform's one scoping rule (``core.scoping``):
    non-superusers see only their regency's rows, officers only their own OPD's rows
    (where the model has an ``opd``), and only domains their role and agency may read.
    A screen a user may not read is neither listed on the index nor reachable.

    ``readers``: roles that may read this model at all.
    ``owner_opds``: OPD codes whose officers may read it (``None``: every officer).
    ``opd_field``: the field naming the owning OPD (``None``: the model has none)."""

    readers: frozenset[str] = frozenset({Role.ADMIN, Role.AUDITOR, Role.OFFICER})
    owner_opds: frozenset[str] | None = None
    opd_field: str | None = "opd"

    def _may_read(self, request: HttpRequest) -> bool:
        return may_read_domain(request.user, self.owner_opds, self.readers)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_read(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_read(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return (
            self._may_read(request)
            and may_write(request.user)
            and super().has_add_permission(request)
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (
            self._may_read(request)
            and may_write(request.user)
            and super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (
            self._may_read(request)
            and may_write(request.user)
            and super().has_delete_permission(request, obj)
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope_queryset(super().get_queryset(request), request.user, opd_field=self.opd_field)

    def get_list_filter(self, request: HttpRequest) -> Any:
        """Filters on related rows list only the related rows that appear in this
        user's own rows (never the names of another regency's offices)."""
        scoped: list[Any] = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item:
                field = self.model._meta.get_field(item)
                if field.is_relation:
                    scoped.append((item, admin.RelatedOnlyFieldListFilter))
                    continue
            scoped.append(item)
        return scoped


class ReadOnlyAdmin(RegencyScopedAdmin):
    """Rows written only by services: visible to staff, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register_read_only(
    views: Mapping[type[models.Model], Mapping[str, Any]], *, owner_opds: frozenset[str]
) -> None:
    """Register a read-only, regency-scoped admin for each model from a table of its
    options (``list_display``, ``list_filter``, ``search_fields``, ``exclude``), so an app
    whose rows are all written by its services lists them in one place instead of one
    near-identical class per model."""
    for model, options in views.items():
        attrs = {"owner_opds": owner_opds, "__module__": model.__module__, **options}
        admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attrs))


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
    """Staff read their own regency; only operators add or remove regencies."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_operator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_operator(request.user)

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


class RoleInline(ScopedInline):
    model = RoleAssignment
    extra = 0
    fields = ["regency", "role", "opd"]
    fk_name = "user"


# Account fields that grant power beyond a role; only the deployment's operators
# (superusers) set them. Everyone else grants power through roles, in their own regency.
_POWER_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions", "regency")


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
    readers = frozenset({Role.ADMIN, Role.AUDITOR})
    opd_field = None
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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if not is_operator(request.user):
            # An operator's account is out of reach: no password reset, no edit.
            qs = qs.filter(is_superuser=False)
        return qs

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not is_operator(request.user):
            fields += [f for f in _POWER_FIELDS if f not in fields]
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not is_operator(request.user):
            # Power fields are read-only in the form; restoring them here also holds
            # against any other path that might bind them (a forged POST, a custom form).
            stored = User.objects.filter(pk=obj.pk).first() if change else None
            actor: Any = request.user
            obj.is_superuser = stored.is_superuser if stored else False
            obj.is_staff = stored.is_staff if stored else False
            obj.regency_id = stored.regency_id if stored else actor.regency_id
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Roles go through the audited service so admin edits and code edits look alike.
        from kotacerdas.core.services.users import role_grant, role_revoke

        actor = acting_user(request)
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            _check_grantable(actor, deleted.role, deleted.regency_id)
            role_revoke(user=deleted.user, role=deleted.role, regency=deleted.regency, actor=actor)
        for item in instances:
            _check_grantable(actor, item.role, item.regency_id)
            role_grant(
                user=form.instance,
                role=item.role,
                regency=item.regency,
                actor=actor,
                opd=item.opd,
            )


def _check_grantable(actor: Any, role: str, regency_id: int | None) -> None:
    """No one grants (or takes away) a role they do not hold themselves, nor in another
    regency: an administrator manages roles of its own regency only."""
    if is_operator(actor):
        return
    if regency_id != actor.regency_id or Role.ADMIN not in user_roles(actor):
        raise PermissionDenied


@admin.register(ApiToken)
class ApiTokenAdmin(RegencyScopedAdmin):
    readers = frozenset({Role.ADMIN, Role.AUDITOR})
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


# Permission groups are rebuilt from code after every migration
# (``core.groups.ensure_role_groups``); editing them here would hand out permissions
# beyond a role, so only operators see them, read-only.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_operator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_operator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The audit trail's back office lives beside this module (registered on import).
from kotacerdas.core import admin_audit  # noqa: E402, F401
