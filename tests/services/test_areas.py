"""Kecamatan from a map point (Shapely), the demo's approximate areas, boundary and
outside points, the all-or-nothing import, and refusals of points outside the regency
on the web form and in Open311."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from shapely.geometry import Point, shape

from kotacerdas.core.models import Kecamatan, Regency
from kotacerdas.services.areas_kotim import CENTRES
from kotacerdas.services.models import Channel, KecamatanArea, ServiceRequest
from kotacerdas.services.services.areas import (
    AreaImportError,
    areas_import,
    areas_seed_approximate,
    point_place,
)
from kotacerdas.services.services.requests import RequestInvalid, request_submit

pytestmark = pytest.mark.django_db

JAKARTA = ("-6.2000", "106.8166")
PALANGKA_RAYA = ("-2.2096", "113.9135")


@pytest.fixture
def areas(regency: Regency) -> int:
    return areas_seed_approximate(regency)


def _at(regency: Regency, lat: float | str, lon: float | str) -> str | None:
    place = point_place(regency=regency, lat=Decimal(str(lat)), lon=Decimal(str(lon)))
    return place.kecamatan.name if place.kecamatan else None


def test_seventeen_approximate_areas_cover_every_centre(regency: Regency, areas: int) -> None:
    assert areas == 17 == Kecamatan.objects.filter(regency=regency).count()
    assert all(a.is_approximate for a in KecamatanArea.objects.filter(regency=regency))
    for name, (lat, lon) in CENTRES.items():
        assert _at(regency, lat, lon) == name
    assert _at(regency, "-2.533", "112.950") == "Mentawa Baru Ketapang"  # Sampit centre
    # the cells do not overlap: their areas add up to the outline's
    shapes = [shape(a.geometry) for a in KecamatanArea.objects.filter(regency=regency)]
    union = shapes[0].union_all(shapes[1:]) if hasattr(shapes[0], "union_all") else None
    total = sum(s.area for s in shapes)
    if union is not None:
        assert abs(union.area - total) < 1e-9


def test_outside_points(regency: Regency, areas: int) -> None:
    for lat, lon in (JAKARTA, PALANGKA_RAYA, ("-3.5", "113.0")):  # the last is in the sea
        place = point_place(regency=regency, lat=Decimal(lat), lon=Decimal(lon))
        assert not place.inside and place.kecamatan is None


def test_point_on_a_shared_boundary_is_decided_the_same_way(regency: Regency, areas: int) -> None:
    a = shape(KecamatanArea.objects.get(kecamatan__name="Baamang").geometry)
    b = shape(KecamatanArea.objects.get(kecamatan__name="Mentawa Baru Ketapang").geometry)
    edge = a.intersection(b)
    assert edge.length > 0  # neighbours share an edge
    line = edge.geoms[0] if hasattr(edge, "geoms") else edge
    on_edge = Point(line.coords[0])  # an exact vertex of both polygons (no rounding)
    assert a.covers(on_edge) and b.covers(on_edge)
    covering = sorted(
        row.kecamatan.name
        for row in KecamatanArea.objects.filter(regency=regency).select_related("kecamatan")
        if shape(row.geometry).covers(on_edge)
    )
    assert len(covering) >= 2
    found = {_at(regency, on_edge.y, on_edge.x) for _ in range(3)}
    assert found == {covering[0]}  # alphabetical tie-break, every time
    # a vertex of the regency outline is inside (covers, not contains)
    outline = a.union(b)
    corner = Point(outline.exterior.coords[0])
    assert _at(regency, corner.y, corner.x) in {"Baamang", "Mentawa Baru Ketapang"}


def test_submit_fills_the_kecamatan_and_refuses_outside(regency: Regency, catalogue, areas) -> None:  # type: ignore[no-untyped-def]
    item = request_submit(
        regency=regency,
        service=catalogue["lampu-jalan"],
        channel=Channel.WEB,
        description="Lampu mati",
        lat="-2,5167",  # decimal comma
        lon="112,9289",
        attributes={"kondisi": ["mati"]},
    )
    assert item.kecamatan is not None and item.kecamatan.name == "Baamang"
    assert item.lat == Decimal("-2.516700")
    before = ServiceRequest.objects.count()
    with pytest.raises(RequestInvalid, match="luar wilayah"):
        request_submit(
            regency=regency,
            service=catalogue["lampu-jalan"],
            channel=Channel.WEB,
            description="Lampu mati",
            lat=JAKARTA[0],
            lon=JAKARTA[1],
            attributes={"kondisi": ["mati"]},
        )
    for bad in ("-2.5\x00", "-٢.٥", "1e400", "-2.5.3"):
        with pytest.raises(RequestInvalid, match="Lintang"):
            request_submit(
                regency=regency,
                service=catalogue["lampu-jalan"],
                channel=Channel.WEB,
                lat=bad,
                lon="112.9",
                attributes={"kondisi": ["mati"]},
            )
    assert ServiceRequest.objects.count() == before


def test_web_form_refuses_outside_and_empty_description(regency: Regency, catalogue, areas) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    base = {"attribute[kondisi]": "mati", "lat": JAKARTA[0], "long": JAKARTA[1]}
    outside = client.post("/lapor/layanan/lampu-jalan/", {**base, "description": "Lampu mati"})
    assert outside.status_code == 400 and "luar wilayah" in outside.content.decode()
    empty = client.post(
        "/lapor/layanan/lampu-jalan/",
        {**base, "lat": "-2.53", "long": "112.95", "description": " "},
    )
    assert empty.status_code == 400 and "Uraian wajib" in empty.content.decode()
    assert not ServiceRequest.objects.exists()


def test_open311_post_outside_is_a_400_error_array(
    client: Client, catalogue, api_key, areas
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": api_key,
            "service_code": "sampah",
            "lat": JAKARTA[0],
            "long": JAKARTA[1],
            "description": "Sampah",
            "attribute[jenis_sampah][]": ["plastik"],
        },
    )
    assert response.status_code == 400
    body = json.loads(response.content)
    assert isinstance(body, list) and body[0]["code"] == 400
    assert "luar wilayah" in body[0]["description"]
    assert not ServiceRequest.objects.exists()


def test_import_is_all_or_nothing_with_feature_numbers(
    regency: Regency, areas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    square = {
        "type": "Polygon",
        "coordinates": [
            [[112.9, -2.6], [113.0, -2.6], [113.0, -2.5], [112.9, -2.5], [112.9, -2.6]]
        ],
    }
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"WADMKC": "Baamang"}, "geometry": square},
            {"type": "Feature", "properties": {"WADMKC": "Atlantis"}, "geometry": square},
            {
                "type": "Feature",
                "properties": {"WADMKC": "Seranau"},
                "geometry": {"type": "Point", "coordinates": [1, 2]},
            },
        ],
    }
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("kecamatan_import", str(path))
    assert "Fitur 2" in str(caught.value) and "Fitur 3" in str(caught.value)
    assert KecamatanArea.objects.filter(regency=regency).count() == 17  # unchanged
    doc["features"] = doc["features"][:1]
    path.write_text(json.dumps(doc), encoding="utf-8")
    call_command("kecamatan_import", str(path), "--source", "BIG uji")
    rows = KecamatanArea.objects.filter(regency=regency)
    assert rows.count() == 1 and not rows[0].is_approximate
    assert _at(regency, -2.55, 112.95) == "Baamang"
    assert not point_place(regency=regency, lat=Decimal("-1.9567"), lon=Decimal("112.7589")).inside
    with pytest.raises(AreaImportError):
        areas_import(regency=regency, document={"type": "Feature"})


def test_second_regency_has_its_own_areas(regency: Regency, areas) -> None:  # type: ignore[no-untyped-def]
    other = Regency.objects.create(
        code="6201",
        name="Kabupaten Kotawaringin Barat",
        capital="Pangkalan Bun",
        jurisdiction_id="kotawaringinbaratkab.go.id",
        centre_lat="-2.68",
        centre_lon="111.62",
    )
    # no areas loaded there: the Kotim cells are not used, only the distance guard
    place = point_place(regency=other, lat=Decimal("-2.533"), lon=Decimal("112.95"))
    assert place.inside and place.kecamatan is None
    assert not point_place(regency=other, lat=Decimal(JAKARTA[0]), lon=Decimal(JAKARTA[1])).inside
