"""The PyPI ``georeport`` client (an outside Open311 consumer) against the live server
on 127.0.0.1, in JSON and XML; 4xx answers surface as ``requests.HTTPError``."""

from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from kotacerdas.services.models import Channel, Status
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import request_submit
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db(transaction=True)


def _rows(found):  # type: ignore[no-untyped-def]
    """georeport returns xmltodict's value for XML: a dict for one element, a list else."""
    return [found] if isinstance(found, dict) else list(found)


@pytest.fixture
def filed(regency, catalogue, admin_user):  # type: ignore[no-untyped-def]
    first = request_submit(
        regency=regency,
        service=catalogue["jalan-rusak"],
        channel=Channel.WEB,
        address="Jl. Christopel Mihing",
        lat="-2.516",
        lon="112.930",
        attributes={"tingkat": ["berat"]},
        photos=[upload()],
    )
    second = request_submit(
        regency=regency,
        service=catalogue["lampu-jalan"],
        channel=Channel.WEB,
        address="Taman Kota Sampit",
        attributes={"kondisi": ["mati"]},
    )
    request_transition(
        request=second, target=Status.DITOLAK, actor=admin_user, note="Sudah menyala"
    )
    return first, second


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_client_reads_everything(live_server, filed, fmt: str) -> None:  # type: ignore[no-untyped-def]
    first, second = filed
    client = GeoReport(
        live_server.url + "/open311/v2", jurisdiction="kotimkab.go.id", output_format=fmt
    )
    services = client.get_service_list()
    assert "pengaduan-parkir" in [s["service_code"] for s in services]
    definition = client.get_service_definition("jalan-rusak")
    assert definition["service_code"] == "jalan-rusak"
    if fmt == "json":
        # start_date alone opens a 90-day window from then: none of today's requests.
        # (Not asked in XML: georeport cannot parse an empty <service_requests/> list.)
        assert client.get_service_requests(start_date="2020-01-01T00:00:00Z") == []
    found = _rows(client.get_service_requests(status="open,closed"))
    assert {r["service_request_id"] for r in found} == {
        first.tracking_number,
        second.tracking_number,
    }
    closed = _rows(client.get_service_requests(status="closed"))
    assert [r["service_request_id"] for r in closed] == [second.tracking_number]
    if fmt == "json":
        one = client.get_service_request(first.tracking_number)
        assert one["status"] == "open" and one["lat"] == -2.516
        assert one["media_url"].startswith(live_server.url + "/lapor/foto/")
        assert requests.get(one["media_url"], timeout=10).headers["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_client_sees_http_errors(live_server, regency, catalogue, fmt: str) -> None:  # type: ignore[no-untyped-def]
    client = GeoReport(
        live_server.url + "/open311/v2", jurisdiction="kotimkab.go.id", output_format=fmt
    )
    with pytest.raises(requests.HTTPError) as missing:
        client.get_service_definition("tidak-ada")
    assert missing.value.response.status_code == 404
    wrong = GeoReport(
        live_server.url + "/open311/v2", jurisdiction="contoh.go.id", output_format=fmt
    )
    with pytest.raises(requests.HTTPError) as foreign:
        wrong.get_service_list()
    assert foreign.value.response.status_code == 404
    with pytest.raises(requests.HTTPError) as bad:
        client.get_service_requests(start_date="bukan-tanggal")
    assert bad.value.response.status_code == 400


def test_post_over_http_with_multipart_media(live_server, regency, catalogue, api_key) -> None:  # type: ignore[no-untyped-def]
    # georeport cannot POST; a plain HTTP client plays the FixMyStreet-style app.
    response = requests.post(
        live_server.url + "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "jurisdiction_id": "kotimkab.go.id",
            "service_code": "drainase",
            "address_string": "Jl. Kembali",
            "attribute[genangan]": "ya",
        },
        files={"media": ("foto.jpg", upload().read(), "image/jpeg")},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    number = response.json()[0]["service_request_id"]
    client = GeoReport(live_server.url + "/open311/v2")  # no jurisdiction: accepted
    assert client.get_service_request(number)["service_code"] == "drainase"
    denied = requests.post(
        live_server.url + "/open311/v2/requests.xml",
        data={"service_code": "drainase", "address_string": "x"},
        timeout=10,
    )
    assert denied.status_code == 403 and b"<errors><error><code>403</code>" in denied.content
