"""SP4N-LAPOR! hand-off: the documented outgoing record (no identity for anonymous or
private reports), LAPOR!-sourced reports marked, status updates applied once per
update_id, and unsigned or spoofed calls refused without changes."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.test import Client

from kotacerdas.services.models import Channel, LaporUpdate, RequestUpdate, ServiceRequest

pytestmark = pytest.mark.django_db
SECRET = "rahasia-uji-lapor"


@pytest.fixture(autouse=True)
def _secret(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LAPOR_SECRET = SECRET


def _sign(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def _post(client: Client, data: dict, signature: str | None = None):  # type: ignore[no-untyped-def, type-arg]
    body = json.dumps(data).encode()
    return client.post(
        "/integrasi/lapor/masuk",
        body,
        content_type="application/json",
        HTTP_X_LAPOR_SIGNATURE=signature if signature is not None else _sign(body),
    )


def test_outgoing_record_shape_and_privacy(pothole) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    url = f"/integrasi/lapor/laporan/{pothole.tracking_number}.json"
    assert client.get(url).status_code == 403
    record = client.get(url, HTTP_X_LAPOR_SIGNATURE=_sign(pothole.tracking_number.encode())).json()
    assert record["schema"] == "kotacerdas.lapor/1" and record["jenis"] == "Pengaduan"
    assert record["tracking_number"] == pothole.tracking_number
    assert record["lokasi"]["lat"] == pytest.approx(-2.539)
    pothole.is_anonymous = True
    pothole.save()
    hidden = client.get(url, HTTP_X_LAPOR_SIGNATURE=_sign(pothole.tracking_number.encode())).json()
    assert hidden["pelapor"] is None


def test_incoming_report_is_marked_and_idempotent(catalogue) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    data = {
        "jenis": "laporan",
        "lapor_id": "LAPOR-6202-0001",
        "layanan": "ketertiban",
        "uraian": "PKL menutup trotoar",
        "lokasi": {"alamat": "Bundaran Balanga"},
    }
    first = _post(client, data)
    again = _post(client, data)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["tracking_number"] == again.json()["tracking_number"]
    item = ServiceRequest.objects.get()
    assert item.channel == Channel.LAPOR and item.lapor_id == "LAPOR-6202-0001"
    assert item.get_channel_display() == "SP4N-LAPOR!"


def test_status_updates_apply_once_and_spoofs_change_nothing(pothole) -> None:  # type: ignore[no-untyped-def]
    pothole.lapor_id = "LAPOR-6202-0002"
    pothole.save()
    client = Client()
    update = {
        "update_id": "u-1",
        "lapor_id": "LAPOR-6202-0002",
        "status": "diproses",
        "catatan": "OK",
    }
    before = RequestUpdate.objects.filter(request=pothole).count()
    assert _post(client, update).json() == {"update_id": "u-1", "applied": True}
    assert _post(client, update).json() == {"update_id": "u-1", "applied": False}
    assert LaporUpdate.objects.count() == 1
    assert RequestUpdate.objects.filter(request=pothole).count() == before + 1
    # spoofed (wrong signature), unsigned, and bad payloads
    assert _post(client, {**update, "update_id": "u-2"}, signature="00" * 32).status_code == 403
    assert _post(client, {**update, "update_id": "u-3"}, signature="").status_code == 403
    assert _post(client, {**update, "update_id": "u-4", "status": "hilang"}).status_code == 400
    assert _post(client, {**update, "update_id": "u-5", "lapor_id": "X"}).status_code == 400
    assert LaporUpdate.objects.count() == 1
    assert RequestUpdate.objects.filter(request=pothole).count() == before + 1


def test_without_a_secret_everything_is_refused(pothole, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LAPOR_SECRET = ""
    body = json.dumps(
        {"update_id": "u-9", "tracking_number": pothole.tracking_number, "status": "diproses"}
    ).encode()
    response = Client().post(
        "/integrasi/lapor/masuk",
        body,
        content_type="application/json",
        HTTP_X_LAPOR_SIGNATURE=_sign(body),
    )
    assert response.status_code == 403 and not LaporUpdate.objects.exists()
