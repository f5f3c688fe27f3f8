"""Who may reach each public-services URL (merged by the role matrix test)."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from kotacerdas.services.services.reporter_tokens import reporter_link_token
from tests.access import EVERYONE

OF, D, U, W = Role.OFFICER, Role.ADMIN, Role.AUDITOR, Role.WARGA
STAFF = {OF, D, U}


def _req():  # type: ignore[no-untyped-def]
    from tests.services.matrix_data import lamp_request

    return lamp_request()


def _mine(suffix: str = "") -> str:
    return f"/lapor/saya/{reporter_link_token(_req())}/{suffix}"


def _photo() -> int:
    from tests.services.matrix_data import photo_id

    return photo_id()


def _code() -> str:
    from tests.services.matrix_data import catalogue_code

    return catalogue_code()


PAGES: dict[str, tuple[Any, ...]] = {
    "services:catalogue": ("GET", "/lapor/", EVERYONE),
    "services:track-lookup": ("GET", "/lapor/cek/", EVERYONE),
    "services:nearby": (
        "GET",
        lambda: f"/lapor/sekitar/?layanan={_code()}&lat=-2.5330&lon=112.9500",
        EVERYONE,
    ),
    "services:public-map": ("GET", "/lapor/peta/", EVERYONE),
    "services:support": (
        "GET",
        lambda: f"/lapor/status/{_req().tracking_number}/dukung",
        EVERYONE,
    ),
    "services:track": ("GET", lambda: f"/lapor/status/{_req().tracking_number}/", EVERYONE),
    "services:mine": ("GET", lambda: _mine(), EVERYONE),
    "services:rate": ("GET", lambda: _mine("nilai"), EVERYONE),
    "services:reopen": ("GET", lambda: _mine("buka-lagi"), EVERYONE),
    "services:photo": ("GET", lambda: f"/lapor/foto/{_photo()}.jpg", EVERYONE),
    "services:submit": ("GET", lambda: f"/lapor/layanan/{_code()}/", EVERYONE),
    "services:my-reports": ("GET", "/lapor/saya/", {W}),
    "services:my-report": ("GET", lambda: f"/lapor/akun/{_req().tracking_number}/", {W}),
    "services:my-report-add": (
        "GET",
        lambda: f"/lapor/akun/{_req().tracking_number}/tambah",
        {W},
    ),
    "services:my-report-notify": (
        "GET",
        lambda: f"/lapor/akun/{_req().tracking_number}/pemberitahuan",
        {W},
    ),
    "services:my-report-rate": (
        "GET",
        lambda: f"/lapor/akun/{_req().tracking_number}/nilai",
        {W},
    ),
    # SP4N-LAPOR! hand-off: no role opens these; only an HMAC-signed call from LAPOR!
    "services:lapor-incoming": ("GET", "/integrasi/lapor/masuk", set()),
    "services:lapor-export": (
        "GET",
        lambda: f"/integrasi/lapor/laporan/{_req().tracking_number}.json",
        set(),
    ),
    # WhatsApp intake: only a call signed with the provider's app secret is processed;
    # a GET is the subscription handshake, refused without the verify token.
    "services:whatsapp-incoming": ("GET", "/integrasi/whatsapp/masuk", set()),
    "services:queue": ("GET", lambda: _req() and "/layanan/", STAFF),
    "services:dashboard": ("GET", "/layanan/dasbor/", STAFF),
    "services:photo-original": ("GET", lambda: f"/layanan/foto/{_photo()}/asli", STAFF),
    "services:handle": ("GET", lambda: f"/layanan/{_req().tracking_number}/", STAFF),
    "services:o311-discovery": ("GET", "/open311/v2/discovery.json", EVERYONE),
    "services:o311-services": ("GET", "/open311/v2/services.xml", EVERYONE),
    "services:o311-service": ("GET", lambda: f"/open311/v2/services/{_code()}.json", EVERYONE),
    "services:o311-service-singular": (
        "GET",
        lambda: f"/open311/v2/service/{_code()}.xml",
        EVERYONE,
    ),
    "services:o311-requests": ("GET", "/open311/v2/requests.json", EVERYONE),
    "services:o311-request": (
        "GET",
        lambda: f"/open311/v2/requests/{_req().tracking_number}.xml",
        EVERYONE,
    ),
    "services:o311-token": (
        "GET",
        lambda: f"/open311/v2/tokens/{_req().submit_token}.json",
        EVERYONE,
    ),
}


def _tracking() -> str:
    return str(_req().tracking_number)


# What the allowed reads must show (see tests/core/test_role_matrix.py).
CONTENT: dict[Any, Any] = {
    "services:track": _tracking,
    "services:mine": _tracking,
    "services:handle": _tracking,
    "services:o311-request": _tracking,
    "services:o311-token": _tracking,
    "services:o311-service": _code,
    "services:o311-service-singular": _code,
    "services:queue": _tracking,
}

# Action URLs whose GET is, by design, a redirect to the reporter's own page.
NOT_200: dict[Any, str] = {
    "services:rate": "a POST action; a GET is sent back to the reporter's page",
    "services:reopen": "a POST action; a GET is sent back to the reporter's page",
    "services:support": "a POST action; a GET is sent back to the report's public page",
    # A citizen's own report pages answer only its reporter; for any other account the
    # report does not exist (404), which tests/services/test_my_reports.py covers.
    "services:my-report": "only the reporter's own report answers (404 for others)",
    "services:my-report-add": "only the reporter's own report answers (404 for others)",
    "services:my-report-notify": "only the reporter's own report answers (404 for others)",
    "services:my-report-rate": "only the reporter's own report answers (404 for others)",
}
