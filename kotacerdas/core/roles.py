"""Role vocabulary shared by permissions, the admin groups and the API."""

from __future__ import annotations

from kotacerdas.core.models.users import Role

# Django admin groups that a staff role maps to; their permissions are (re)built after
# every migration by ``kotacerdas.core.groups.ensure_role_groups``.
ROLE_GROUPS: dict[str, str] = {
    Role.ADMIN: "Administrator Diskominfo",
    Role.OFFICER: "Petugas OPD",
    Role.AUDITOR: "Auditor",
}
