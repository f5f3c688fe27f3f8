"""Fills the ``attendant`` block of ``GET /api/v1/me``."""

from __future__ import annotations

from typing import Any

from kotacerdas.parking.selectors import attendant_for
from kotacerdas.parking.vest import public_url, static_qris, verify_path


def attendant_block(user: Any) -> dict[str, Any] | None:
    attendant = attendant_for(user)
    if attendant is None:
        return None
    return {
        "code": attendant.code,
        "name": attendant.name,
        "active": attendant.is_active,
        "verify_url": public_url(verify_path(attendant)),
        "static_qris": static_qris(attendant) if attendant.regency.qris_nmid else None,
    }
