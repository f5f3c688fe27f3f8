"""The public verification page: codes as people type them, unknown codes answered
clearly, and the merchant names a driver should see."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from kotacerdas.parking.vest import normalise_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("JKR 0101", "JKR-0101"),
        ("jkr0101", "JKR-0101"),
        ("0101", "JKR-0101"),
        ("jkr-101", "JKR-0101"),
        (" JKR-0101 ", "JKR-0101"),
        ("JKR_0101", "JKR-0101"),
        ("", ""),
        ("JKR-0101; DROP", ""),
        ("١٠١", ""),
        ("9" * 40, ""),
    ],
)
def test_code_normalisation(typed: str, code: str) -> None:
    assert normalise_code(typed) == code


@pytest.mark.parametrize("typed", ["JKR 0101", "jkr0101", "0101"])
def test_typed_codes_reach_the_attendant(street, typed: str) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/v/", {"code": typed}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/v/JKR-0101"
    page = response.content.decode()
    assert "Jukir JKR-0101" in page and "PARKIR KOTIM JKR-0101" in page
    direct = Client().get(f"/v/{typed.replace(' ', '%20')}", follow=True)
    assert direct.redirect_chain[-1][0] == "/v/JKR-0101"


def test_unknown_code_gets_a_clear_answer_and_a_complaint_link(street) -> None:  # type: ignore[no-untyped-def]
    for response in (Client().get("/v/JKR-9999"), Client().get("/v/", {"code": "jkr 9999"})):
        assert response.status_code == 404
        page = response.content.decode()
        assert "TIDAK TERDAFTAR" in page and "JKR-9999" in page
        assert "/lapor/layanan/pengaduan-parkir/" in page


def test_verify_page_shows_the_gateway_merchant_name(street) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/v/JKR-0101").content.decode()
    assert "RETRIBUSI PARKIR KOTIM" in page
    with override_settings(KOTACERDAS_GATEWAY_MERCHANT_NAMES={"midtrans": "DISHUB KOTIM"}):
        page = Client().get("/v/JKR-0101").content.decode()
    assert "DISHUB KOTIM" in page
