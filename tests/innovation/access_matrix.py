"""Who may reach each innovation URL (merged by the role matrix test). The matrix
officer is a Dishub officer: not Bapperida, so the review and IID desks refuse them,
but Dishub receives the test handover, so its BAST and milestones are theirs."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE, SIGNED_IN

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR
DESK = {D, U}  # plus Bapperida officers (tested in test_access.py)


def _slug() -> str:
    from tests.innovation.matrix_data import slug

    return slug()


def _file() -> int:
    from tests.innovation.matrix_data import file_id

    return file_id()


def _milestone() -> int:
    from tests.innovation.matrix_data import milestone_id

    return milestone_id()


def _code() -> str:
    from tests.innovation.matrix_data import verify_code

    return verify_code()


def _year() -> int:
    from tests.innovation.matrix_data import year

    return year()


PAGES: dict[str, tuple[Any, ...]] = {
    "innovation:gallery": ("GET", "/inovasi/", EVERYONE),
    "innovation:open-csv": ("GET", "/inovasi/data.csv", EVERYONE),
    "innovation:open-json": ("GET", "/inovasi/data.json", EVERYONE),
    "innovation:verify": ("GET", lambda: f"/inovasi/verifikasi/{_code()}/", EVERYONE),
    "innovation:detail": ("GET", lambda: f"/inovasi/{_slug()}/", EVERYONE),
    "innovation:submit": ("GET", "/inovasi/usul/", SIGNED_IN),
    "innovation:mine": ("GET", "/inovasi/saya/", SIGNED_IN),
    # Signed-in users reach the view; someone else's innovation is a 404 (not a denial).
    "innovation:mine-detail": ("GET", lambda: f"/inovasi/saya/{_slug()}/", SIGNED_IN),
    "innovation:evidence": ("GET", lambda: f"/inovasi/berkas/{_file()}/", {OF, D, U}),
    "innovation:queue": ("GET", "/inovasi/kelola/", DESK),
    "innovation:review": ("GET", lambda: f"/inovasi/kelola/{_slug()}/", DESK),
    "innovation:handover": ("GET", lambda: f"/inovasi/kelola/{_slug()}/serah-terima/", DESK),
    "innovation:bast": ("GET", lambda: f"/inovasi/kelola/{_slug()}/bast/", {OF, D, U}),
    "innovation:adoptions": ("GET", "/inovasi/adopsi/", {OF, D, U}),
    "innovation:milestone": ("GET", lambda: f"/inovasi/adopsi/tonggak/{_milestone()}/", {OF, D, U}),
    "innovation:iid": ("GET", "/inovasi/iid/", DESK),
    "innovation:iid-year": ("GET", lambda: f"/inovasi/iid/{_year()}/", DESK),
    "innovation:iid-entries": ("GET", lambda: f"/inovasi/iid/{_year()}/isi/", DESK),
    "innovation:iid-whatif": ("GET", lambda: f"/inovasi/iid/{_year()}/what-if/", DESK),
    "innovation:iid-xlsx": ("GET", lambda: f"/inovasi/iid/{_year()}/laporan.xlsx", DESK),
}

# Allowed, but not a 200 by design (the role matrix checks the rest for a real 200).
NOT_200: dict[Any, str] = {
    "innovation:mine-detail": "only the innovator's own proposal answers (404 for others, "
    "tests/innovation/test_pages.py)",
    "innovation:handover": "the matrix innovation is already handed over, so the form "
    "sends on to its BAST (302)",
}
