"""Open311 GeoReport v2 through the Django test client: shapes in JSON and XML, and
every error path with the standard code/description array."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.services.models import Open311Key, ServiceRequest, Status
from kotacerdas.services.services.apikeys import apikey_create, apikey_revoke
from kotacerdas.services.services.reporter_tokens import reporter_link_token
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
REQUEST_KEYS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def _json(response):  # type: ignore[no-untyped-def]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def _xml(response) -> ET.Element:  # type: ignore[no-untyped-def]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def _error(response, status: int, fmt: str = "json") -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    if fmt == "json":
        body = _json(response)
        assert isinstance(body, list) and body[0]["code"] == status
        return str(body[0]["description"])
    root = _xml(response)
    assert root.tag == "errors"
    assert root.find("error/code").text == str(status)  # type: ignore[union-attr]
    return str(root.find("error/description").text)  # type: ignore[union-attr]


def test_discovery_both_formats(client: Client, regency) -> None:  # type: ignore[no-untyped-def]
    body = _json(client.get(f"{BASE}/discovery.json"))
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert Z.match(body["changeset"])
    root = _xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_services_list(client: Client, catalogue) -> None:  # type: ignore[no-untyped-def]
    body = _json(client.get(f"{BASE}/services.json"))
    codes = [s["service_code"] for s in body]
    assert "jalan-rusak" in codes and "pengaduan-parkir" in codes and "ktp-el" in codes
    pothole = next(s for s in body if s["service_code"] == "jalan-rusak")
    assert set(pothole) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert pothole["metadata"] is True and pothole["type"] == "realtime"
    assert next(s for s in body if s["service_code"] == "ketertiban")["metadata"] is False
    root = _xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    first = root.find("service")
    assert first is not None and first.find("metadata").text in {"true", "false"}  # type: ignore[union-attr]
    assert len(root.findall("service")) == len(body)


@pytest.mark.parametrize("prefix", ["services", "service"])
def test_service_definition(client: Client, catalogue, prefix: str) -> None:  # type: ignore[no-untyped-def]
    body = _json(client.get(f"{BASE}/{prefix}/sampah.json"))
    assert body["service_code"] == "sampah"
    attr = body["attributes"][0]
    assert attr == {
        "variable": True,
        "code": "jenis_sampah",
        "datatype": "multivaluelist",
        "required": False,
        "datatype_description": "",
        "order": 1,
        "description": "Jenis sampah (boleh lebih dari satu)",
        "values": attr["values"],
    }
    assert {"key": "plastik", "name": "Plastik"} in attr["values"]
    root = _xml(client.get(f"{BASE}/{prefix}/sampah.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/required").text == "false"  # type: ignore[union-attr]
    assert len(root.findall("attributes/attribute/values/value")) == 4


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_not_found_errors(client: Client, catalogue, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert "not found" in _error(client.get(f"{BASE}/services/tidak-ada.{fmt}"), 404, fmt)
    assert "not found" in _error(client.get(f"{BASE}/requests/KTM-0000-XXXXXX.{fmt}"), 404, fmt)
    assert "not found" in _error(client.get(f"{BASE}/tokens/abc.{fmt}"), 404, fmt)
    assert "jurisdiction" in _error(
        client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "kotawaringinbarat.go.id"}),
        404,
        fmt,
    )


def test_unknown_format_is_404_with_error_array(client: Client, regency) -> None:  # type: ignore[no-untyped-def]
    assert "format" in _error(client.get(f"{BASE}/services.csv"), 404)


def test_jurisdiction_empty_or_ours_is_accepted(client: Client, catalogue) -> None:  # type: ignore[no-untyped-def]
    for value in ("", "kotimkab.go.id"):
        assert client.get(f"{BASE}/services.json", {"jurisdiction_id": value}).status_code == 200


def test_get_requests_shape_and_privacy(client: Client, pothole, regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.models import Channel
    from kotacerdas.services.services.requests import request_submit

    secret = request_submit(
        regency=regency,
        service=catalogue["sampah"],
        channel=Channel.WEB,
        address="PPM",
        is_private=True,
    )
    body = _json(client.get(f"{BASE}/requests.json"))
    assert [r["service_request_id"] for r in body] == [pothole.tracking_number]
    row = body[0]
    assert set(row) == REQUEST_KEYS
    assert row["status"] == "open" and row["service_code"] == "jalan-rusak"
    assert row["lat"] == -2.539 and row["long"] == 112.953
    assert Z.match(row["requested_datetime"]) and Z.match(row["expected_datetime"])
    assert row["media_url"].startswith("http://testserver/lapor/foto/")
    assert row["agency_responsible"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    text = json.dumps(body)
    for pii in ("Budi", "budi@contoh.id", "81234567890", reporter_link_token(pothole)):
        assert pii not in text
    _error(client.get(f"{BASE}/requests/{secret.tracking_number}.json"), 404)
    one = _json(client.get(f"{BASE}/requests/{pothole.tracking_number}.json"))
    assert isinstance(one, list) and one[0]["service_request_id"] == pothole.tracking_number
    root = _xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == pothole.tracking_number  # type: ignore[union-attr]
    assert root.find("request/zipcode") is not None  # every key, even when empty
    ext = _json(client.get(f"{BASE}/requests.json", {"extensions": "true"}))[0]
    assert ext["extended_attributes"]["detailed_status"] == "diterima"


def test_filters_dates_status_codes_ids_and_paging(client: Client, regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.models import Channel
    from kotacerdas.services.services.requests import request_submit

    rows = []
    base = timezone.now() - timedelta(days=10)
    for i in range(5):
        item = request_submit(
            regency=regency, service=catalogue["sampah"], channel=Channel.WEB, address=f"Titik {i}"
        )
        ServiceRequest.objects.filter(pk=item.pk).update(requested_at=base + timedelta(days=i))
        rows.append(item)
    ServiceRequest.objects.filter(pk=rows[0].pk).update(status=Status.DITUTUP)
    ids = [r.tracking_number for r in rows]

    got = _json(client.get(f"{BASE}/requests.json"))
    assert [r["service_request_id"] for r in got] == ids[::-1]  # newest first
    start = (base + timedelta(days=1)).astimezone().strftime("%Y-%m-%dT%H:%M:%S%z")
    start = start[:-2] + ":" + start[-2:]  # offset form ±hh:mm
    got = _json(client.get(f"{BASE}/requests.json", {"start_date": start}))
    assert [r["service_request_id"] for r in got] == ids[1:][::-1]
    end = (base + timedelta(days=2, hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    got = _json(client.get(f"{BASE}/requests.json", {"start_date": start, "end_date": end}))
    assert [r["service_request_id"] for r in got] == [ids[2], ids[1]]
    assert [
        r["service_request_id"]
        for r in _json(client.get(f"{BASE}/requests.json", {"status": "closed"}))
    ] == [ids[0]]
    assert len(_json(client.get(f"{BASE}/requests.json", {"status": "open,closed"}))) == 5
    assert _json(client.get(f"{BASE}/requests.json", {"service_code": "jalan-rusak"})) == []
    assert (
        len(_json(client.get(f"{BASE}/requests.json", {"service_code": "jalan-rusak,sampah"}))) == 5
    )
    # service_request_id overrides every other parameter
    got = _json(
        client.get(
            f"{BASE}/requests.json", {"service_request_id": f"{ids[0]},{ids[3]}", "status": "open"}
        )
    )
    assert {r["service_request_id"] for r in got} == {ids[0], ids[3]}
    page2 = _json(client.get(f"{BASE}/requests.json", {"page": "2", "page_size": "2"}))
    assert [r["service_request_id"] for r in page2] == [ids[2], ids[1]]
    assert [
        r["service_request_id"]
        for r in _json(client.get(f"{BASE}/requests.json", {"limit": "1", "offset": "4"}))
    ] == [ids[0]]
    # naive dates are WIB
    naive = (
        (base + timedelta(days=3))
        .astimezone(timezone.get_fixed_timezone(420))
        .strftime("%Y-%m-%dT%H:%M:%S")
    )
    assert len(_json(client.get(f"{BASE}/requests.json", {"start_date": naive}))) == 2


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"start_date": "kemarin"}, "start_date"),
        ({"end_date": "2026-13-01T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90 days"),
        ({"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"}, "before"),
        ({"status": "pending"}, "status"),
        ({"page": "0"}, "page"),
        ({"page_size": "x"}, "page_size"),
        ({"offset": "-1"}, "offset"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_query_parameters_are_400(client: Client, regency, params, needle, fmt) -> None:  # type: ignore[no-untyped-def]
    assert needle in _error(client.get(f"{BASE}/requests.{fmt}", params), 400, fmt)


def test_post_request_with_attributes_and_media(client: Client, catalogue, api_key) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api_key,
            "jurisdiction_id": "kotimkab.go.id",
            "service_code": "sampah",
            "lat": "-2.5400",
            "long": "112.9560",
            "description": "Sampah menumpuk dekat PPM",
            "attribute[jenis_sampah][]": ["plastik", "organik"],
            "first_name": "Halimah",
            "email": "halimah@contoh.id",
            "media": upload(),
        },
    )
    assert response.status_code == 200, response.content
    body = _json(response)
    assert set(body[0]) == {"service_request_id", "token", "service_notice", "account_id"}
    item = ServiceRequest.objects.get(tracking_number=body[0]["service_request_id"])
    assert item.attributes == {"jenis_sampah": ["plastik", "organik"]}
    assert item.reporter_name == "Halimah" and item.channel == "open311"
    assert item.photos.count() == 1
    token = _json(client.get(f"{BASE}/tokens/{body[0]['token']}.json"))
    assert token == [{"service_request_id": item.tracking_number, "token": item.submit_token}]
    tok_xml = _xml(client.get(f"{BASE}/tokens/{item.submit_token}.xml"))
    assert tok_xml.find("request/service_request_id").text == item.tracking_number  # type: ignore[union-attr]


def test_post_xml_key_in_query_single_attribute_address_and_single_name(
    client: Client, catalogue, api_key
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        f"{BASE}/requests.xml?api_key={api_key}",
        {
            "service_code": "jalan-rusak",
            "address_string": "Jl. Metro, Sampit",
            "attribute[tingkat]": "sedang",
            "name": "Rahmat",
            "jurisdiction_id": "",
        },
    )
    assert response.status_code == 200, response.content
    root = _xml(response)
    number = root.find("request/service_request_id").text  # type: ignore[union-attr]
    item = ServiceRequest.objects.get(tracking_number=number)
    assert item.reporter_name == "Rahmat" and item.address == "Jl. Metro, Sampit"
    assert item.attributes == {"tingkat": "sedang"}
    by_id = client.post(
        f"{BASE}/requests.json",
        {"api_key": api_key, "service_code": "ketertiban", "address_id": "persil-17"},
    )
    assert by_id.status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_error_paths(client: Client, catalogue, api_key, regency, fmt: str) -> None:  # type: ignore[no-untyped-def]
    url = f"{BASE}/requests.{fmt}"
    ok = {"api_key": api_key, "service_code": "ketertiban", "address_string": "Bundaran Balanga"}
    assert "api_key" in _error(
        client.post(url, {k: v for k, v in ok.items() if k != "api_key"}), 403, fmt
    )
    assert "invalid" in _error(client.post(url, {**ok, "api_key": "o311_salah"}), 403, fmt)
    assert "service_code" in _error(client.post(url, {**ok, "service_code": ""}), 400, fmt)
    assert "not found" in _error(client.post(url, {**ok, "service_code": "tidak-ada"}), 404, fmt)
    assert "Lokasi" in _error(
        client.post(url, {"api_key": api_key, "service_code": "ketertiban"}), 400, fmt
    )
    assert "tingkat" in _error(client.post(url, {**ok, "service_code": "jalan-rusak"}), 400, fmt)
    assert "tidak dikenal" in _error(
        client.post(url, {**ok, "service_code": "sampah", "attribute[jenis_sampah][]": ["emas"]}),
        400,
        fmt,
    )
    assert "4000" in _error(client.post(url, {**ok, "description": "x" * 4001}), 400, fmt)
    assert "Lintang" in _error(client.post(url, {**ok, "lat": "-2.5"}), 400, fmt)
    assert "bukan foto" in _error(
        client.post(url, {**ok, "media": upload(b"teks biasa", "palsu.jpg")}), 400, fmt
    )
    assert "jurisdiction" in _error(
        client.post(url, {**ok, "jurisdiction_id": "lain.go.id"}), 404, fmt
    )
    assert not ServiceRequest.objects.exists()


def test_revoked_key_is_refused(client: Client, catalogue, regency) -> None:  # type: ignore[no-untyped-def]
    key, raw = apikey_create(regency=regency, name="Lama", actor=None)
    assert Open311Key.objects.get(pk=key.pk).key_hash != raw and raw not in key.key_hash
    apikey_revoke(key=key, actor=None)
    _error(
        client.post(
            f"{BASE}/requests.json",
            {"api_key": raw, "service_code": "ketertiban", "address_string": "x"},
        ),
        403,
    )


def test_post_limit_counts_accepted_requests_only(
    client: Client, catalogue, api_key, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.open311 import views

    monkeypatch.setattr(views, "POSTS_PER_IP", (2, 600))
    data = {"api_key": api_key, "service_code": "ketertiban", "address_string": "Taman Kota"}
    # refused input (no location, unknown service, bad key) never counts
    for _ in range(5):
        _error(client.post(f"{BASE}/requests.json", {**data, "address_string": ""}), 400)
        _error(client.post(f"{BASE}/requests.json", {**data, "service_code": "x"}), 404)
        _error(client.post(f"{BASE}/requests.json", {**data, "api_key": "o311_salah"}), 403)
    assert client.post(f"{BASE}/requests.json", data).status_code == 200
    assert client.post(f"{BASE}/requests.json", data).status_code == 200
    third = client.post(f"{BASE}/requests.json", data)
    assert "coba lagi dalam" in _error(third, 429) and int(third["Retry-After"]) > 0
    assert ServiceRequest.objects.count() == 2


def test_post_limit_per_device_of_the_application(
    client: Client, catalogue, api_key, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.open311 import views

    monkeypatch.setattr(views, "PER_SUBMITTER_PER_HOUR", 2)
    data = {"api_key": api_key, "service_code": "ketertiban", "address_string": "Taman Kota"}
    phone_a = {**data, "device_id": "perangkat-a"}
    assert client.post(f"{BASE}/requests.json", phone_a).status_code == 200
    assert client.post(f"{BASE}/requests.json", phone_a).status_code == 200
    assert "coba lagi dalam" in _error(client.post(f"{BASE}/requests.json", phone_a), 429)
    # another phone of the same application, same address, is not blocked
    phone_b = {**data, "device_id": "perangkat-b"}
    assert client.post(f"{BASE}/requests.json", phone_b).status_code == 200
    assert ServiceRequest.objects.count() == 3


def test_closed_request_has_close_time_and_no_expected(client: Client, pothole, admin_user) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.services.handling import request_transition

    request_transition(request=pothole, target=Status.DITOLAK, actor=admin_user, note="Duplikat")
    row = _json(client.get(f"{BASE}/requests/{pothole.tracking_number}.json"))[0]
    pothole.refresh_from_db()
    assert row["status"] == "closed" and row["expected_datetime"] == ""
    assert row["status_notes"] == "Duplikat"
    assert row["updated_datetime"] == pothole.closed_at.strftime("%Y-%m-%dT%H:%M:%SZ")  # type: ignore[union-attr]


@pytest.mark.django_db
def test_huge_page_is_a_400_not_a_500(client, regency) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/open311/v2/requests.json", {"page": "99999999999999999999"})
    assert response.status_code == 400
    response = client.get("/open311/v2/requests.json", {"offset": "99999999999999999999"})
    assert response.status_code == 400
