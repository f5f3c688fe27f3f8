"""Contact details are validated: a real email address and an Indonesian phone number
(stored in E.164); bad ones are refused in Indonesian and nothing is filed."""

from __future__ import annotations

import pytest
from django.test import Client

from kotacerdas.services.models import ServiceRequest

pytestmark = pytest.mark.django_db

BASE = {"description": "Pedagang di trotoar", "address": "Taman Kota"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "bukan-email", "email tidak valid"),
        ("phone", "abcdefgh", "tidak dikenali"),
        ("phone", "+1 202 555 0143", "Indonesia"),
    ],
)
def test_bad_contact_is_refused(field: str, value: str, message: str, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = Client().post("/lapor/layanan/ketertiban/", {**BASE, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_good_contact_is_normalised(catalogue) -> None:  # type: ignore[no-untyped-def]
    response = Client().post(
        "/lapor/layanan/ketertiban/",
        {**BASE, "email": "warga@contoh.id", "phone": "0812-3456-7890"},
    )
    assert response.status_code == 302
    item = ServiceRequest.objects.get()
    assert item.reporter_phone == "+6281234567890" and item.reporter_email == "warga@contoh.id"
