"""The one scoping rule, shared by pages, the API, the admin, exports and jobs.

Every regency-keyed row is visible only inside its regency. Inside a regency:

- administrators (Diskominfo) and auditors read every office's rows;
- an officer reads the rows of the OPD they are bound to, and a domain owned by named
  agencies (payments and parking: Dishub and Bapenda) only when bound to one of them;
- auditors never write.

Superusers are the deployment's operators and are not limited to a regency."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet

from kotacerdas.core.models import Role
from kotacerdas.core.selectors import user_roles

WIDE_ROLES = frozenset({Role.ADMIN, Role.AUDITOR})


def is_operator(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def reads_every_office(user: Any) -> bool:
    """Administrators, auditors and operators see every OPD of their regency."""
    return is_operator(user) or bool(user_roles(user) & WIDE_ROLES)


def officer_opd_code(user: Any) -> str | None:
    opd = getattr(user, "opd", None) if getattr(user, "opd_id", None) else None
    return opd.code if opd is not None else None


def may_read_domain(user: Any, owner_opds: Iterable[str] | None, readers: Iterable[str]) -> bool:
    """Whether ``user`` may read a domain that ``readers`` roles read and, for officers,
    only the agencies ``owner_opds`` own (``None``: every officer)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if is_operator(user):
        return True
    roles = user_roles(user)
    allowed = frozenset(readers)
    if roles & allowed & WIDE_ROLES:
        return True
    if Role.OFFICER in roles and Role.OFFICER in allowed:
        return owner_opds is None or officer_opd_code(user) in set(owner_opds)
    return False


def may_write(user: Any) -> bool:
    """Auditors never write, whatever else a group or flag would allow."""
    if is_operator(user):
        return True
    roles = user_roles(user)
    return Role.AUDITOR not in roles or Role.ADMIN in roles


def has_field(model: type[Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.fields)


def scope_queryset(qs: QuerySet[Any], user: Any, *, opd_field: str | None = "opd") -> QuerySet[Any]:
    """Rows of ``qs`` that ``user`` may see: their regency, and their OPD for officers
    when the model has an owning OPD."""
    model = qs.model
    if is_operator(user):
        return qs
    regency_id = getattr(user, "regency_id", None)
    if regency_id is None:
        return qs.none()
    from kotacerdas.core.models import Regency

    if model is Regency:
        qs = qs.filter(pk=regency_id)
    elif has_field(model, "regency"):
        qs = qs.filter(regency_id=regency_id)
    if opd_field and has_field(model, opd_field) and not reads_every_office(user):
        opd_id = getattr(user, "opd_id", None)
        qs = qs.filter(**{f"{opd_field}_id": opd_id}) if opd_id else qs.none()
    return qs
