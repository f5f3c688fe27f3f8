"""Who is who in competency development. No new roles: BKPSDM and Diskominfo staff are
``officer`` bound to their OPD; an OPD head is represented by the officers of that OPD
(any officer of an OPD may nominate that OPD's staff and see its compliance), which needs
no new flag; lecturers are ``dosen``; civil servants are ``asn`` linked to a record."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role, RoleAssignment
from kotacerdas.core.selectors import user_roles

BKPSDM = "bkpsdm"
DISKOMINFO = "diskominfo"


def officer_opd_code(user: Any) -> str | None:
    """The OPD code of the user's officer role in their regency (memoised)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, "_kc_officer_opd"):
        cached: str | None = user._kc_officer_opd
        return cached
    code: str | None = None
    if Role.OFFICER in user_roles(user):
        code = (
            RoleAssignment.objects.filter(
                user_id=user.pk, regency_id=user.regency_id, role=Role.OFFICER
            )
            .values_list("opd__code", flat=True)
            .first()
        )
    user._kc_officer_opd = code
    return code


def officer_opd_id(user: Any) -> int | None:
    if officer_opd_code(user) is None:
        return None
    return (
        RoleAssignment.objects.filter(
            user_id=user.pk, regency_id=user.regency_id, role=Role.OFFICER
        )
        .values_list("opd_id", flat=True)
        .first()
    )


def is_admin(user: Any) -> bool:
    return Role.ADMIN in user_roles(user)


def is_bkpsdm(user: Any) -> bool:
    """BKPSDM officers and administrators: full NIPs, imports, verification, revocation."""
    return is_admin(user) or officer_opd_code(user) == BKPSDM


def is_programme_staff(user: Any) -> bool:
    """BKPSDM and Diskominfo run the programme (courses, classes, agreements)."""
    return is_bkpsdm(user) or officer_opd_code(user) == DISKOMINFO


def sees_whole_regency(user: Any) -> bool:
    return is_programme_staff(user) or Role.AUDITOR in user_roles(user)


def sees_full_nip(user: Any) -> bool:
    return is_bkpsdm(user)


def is_lecturer_of(user: Any, training_class: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and training_class.lecturer_id == user.pk
        and Role.DOSEN in user_roles(user)
    )


def runs_class(user: Any, training_class: Any) -> bool:
    """The class's lecturer or programme staff: sessions, QR, attendance, scores."""
    return is_lecturer_of(user, training_class) or is_programme_staff(user)
