from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from kotacerdas.core.models import OPD, Regency, Role, RoleAssignment, User
from kotacerdas.core.models.users import STAFF_ROLES
from kotacerdas.core.roles import ROLE_GROUPS
from kotacerdas.core.services.audit import audit_record, snapshot

_USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "regency", "opd"]


def user_create(
    *,
    regency: Regency,
    username: str,
    password: str | None,
    actor: User | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    opd: OPD | None = None,
    is_superuser: bool = False,
) -> User:
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            regency=regency,
            opd=opd,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_record(
            regency=regency,
            actor=actor,
            action="core.user.create",
            obj=user,
            after=snapshot(user, _USER_FIELDS),
        )
        return user


def _sync_staff(user: User) -> None:
    """Django admin access and model permissions follow the roles, never the other way."""
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    user.is_staff = user.is_superuser or bool(roles & STAFF_ROLES)
    user.save(update_fields=["is_staff"])
    wanted = {ROLE_GROUPS[role] for role in roles if role in ROLE_GROUPS}
    groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(wanted)]
    user.groups.set(groups)


def role_grant(
    *, user: User, role: Role, regency: Regency, actor: User | None, opd: OPD | None = None
) -> RoleAssignment:
    with transaction.atomic():
        if role == Role.OFFICER and opd is None:
            raise ValueError("an agency officer must be bound to an OPD")
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, regency=regency, defaults={"opd": opd}
        )
        if not created and assignment.opd_id != (opd.pk if opd else None):
            before = snapshot(assignment, ["role", "opd"])
            assignment.opd = opd
            assignment.save(update_fields=["opd"])
            audit_record(
                regency=regency,
                actor=actor,
                action="core.role.update",
                obj=assignment,
                before=before,
                after=snapshot(assignment, ["role", "opd"]),
            )
        elif created:
            audit_record(
                regency=regency,
                actor=actor,
                action="core.role.grant",
                obj=assignment,
                after={"user": user.username, "role": str(role), "opd": opd.code if opd else None},
            )
        if opd is not None and user.opd_id != opd.pk:
            user.opd = opd
            user.save(update_fields=["opd"])
        _sync_staff(user)
        return assignment


def role_revoke(*, user: User, role: Role, regency: Regency, actor: User | None) -> bool:
    with transaction.atomic():
        assignment = RoleAssignment.objects.filter(user=user, role=role, regency=regency).first()
        if assignment is None:
            return False
        audit_record(
            regency=regency,
            actor=actor,
            action="core.role.revoke",
            obj=assignment,
            before={"user": user.username, "role": str(role)},
        )
        assignment.delete()
        _sync_staff(user)
        return True


def user_set_active(*, user: User, active: bool, actor: User | None) -> User:
    """Deactivation instead of deletion: audit records keep pointing at the person."""
    with transaction.atomic():
        if user.is_active == active:
            return user
        before = snapshot(user, ["is_active"])
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            from kotacerdas.core.services.tokens import _revoke_all_for_user

            _revoke_all_for_user(user)
        regency = user.regency or Regency.objects.order_by("pk").first()
        if regency is not None:
            audit_record(
                regency=regency,
                actor=actor,
                action="core.user.activate" if active else "core.user.deactivate",
                obj=user,
                before=before,
                after=snapshot(user, ["is_active"]),
            )
        return user


def user_set_password(*, user: User, password: str, actor: User | None) -> None:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        regency = user.regency or Regency.objects.order_by("pk").first()
        if regency is not None:
            audit_record(regency=regency, actor=actor, action="core.user.password_set", obj=user)
