"""Training JSON API: the credential list for BKPSDM, administrators and auditors
(``GET /api/v1/training/credentials``). A stable interface: each item has ``id``,
``status`` (``valid``, ``revoked`` or ``suspended``), ``verify_url`` and ``jwt_url``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from kotacerdas.core.api_auth import API_AUTH
from kotacerdas.core.api_errors import ApiError
from kotacerdas.core.models import Role
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.training import openbadges
from kotacerdas.training.access import is_bkpsdm
from kotacerdas.training.models import CredentialStatus
from kotacerdas.training.selectors import credentials_list

router = Router(tags=["training"], auth=API_AUTH)
MAX_LIMIT = 500


class CredentialFilter(Schema):
    status: str = ""
    limit: int = 100
    offset: int = 0


@router.get("/training/credentials")
def credentials(request: HttpRequest, filters: Query[CredentialFilter]) -> dict[str, Any]:
    user = acting_user(request)
    if not (is_bkpsdm(user) or Role.AUDITOR in user_roles(user)):
        raise ApiError(403, "forbidden", "Hanya BKPSDM, administrator dan auditor.")
    if filters.status and filters.status not in CredentialStatus.values:
        raise ApiError(400, "bad_status", "status harus valid, revoked atau suspended.")
    if not 1 <= filters.limit <= MAX_LIMIT or not 0 <= filters.offset <= 10_000_000:
        raise ApiError(400, "bad_page", f"limit 1–{MAX_LIMIT}, offset ≥ 0.")
    qs = credentials_list(regency=request_regency(request), status=filters.status)
    rows = qs[filters.offset : filters.offset + filters.limit]
    return {
        "count": qs.count(),
        "results": [
            {
                "id": c.public_id,
                "status": c.status,
                "title": c.title,
                "jp": c.jp,
                "issued_at": c.issued_at.isoformat(),
                "verify_url": openbadges.credential_url(c.public_id),
                "jwt_url": openbadges.jwt_url(c.public_id),
            }
            for c in rows
        ],
    }
