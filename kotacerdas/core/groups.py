"""Admin permission groups for staff roles, rebuilt after every migrate so permissions
of apps added later are covered without a manual step."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from kotacerdas.core.models.users import Role
from kotacerdas.core.roles import ROLE_GROUPS

# Models that no one edits through the admin: they are written only by services.
_READ_ONLY_MODELS = {"auditlog", "ratelimitcounter", "logentry", "session"}
# Per-domain models an agency officer may edit; domain apps extend this set.
OFFICER_EDITABLE_APPS: set[str] = set()


def ensure_role_groups(**_: Any) -> None:
    view_all = Permission.objects.filter(codename__startswith="view_")
    admin_perms = (
        Permission.objects.exclude(content_type__model__in=_READ_ONLY_MODELS).exclude(
            content_type__app_label__in=["contenttypes", "sessions"]
        )
        | view_all
    )
    officer_perms = Permission.objects.filter(
        Q(codename__startswith="view_")
        & ~Q(content_type__model__in={"ratelimitcounter", "session"})
        | Q(content_type__app_label__in=OFFICER_EDITABLE_APPS)
    )
    wanted = {
        ROLE_GROUPS[Role.ADMIN]: admin_perms,
        ROLE_GROUPS[Role.AUDITOR]: view_all,
        ROLE_GROUPS[Role.OFFICER]: officer_perms,
    }
    for name, perms in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(perms.distinct())
