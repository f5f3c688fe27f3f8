"""Kecamatan boundaries: import (all-or-nothing, errors with feature numbers) and the
point lookup used when a report is filed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kotacerdas.core.models import Kecamatan, Regency
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.geo import Area, AreaIndex, GeometryInvalid, area_shape, distance_km
from kotacerdas.services.models import KecamatanArea

# Without boundary data a point farther than this from the regency centre is refused.
FALLBACK_RADIUS_KM = 250.0
NAME_KEYS = ("kecamatan", "KECAMATAN", "WADMKC", "NAMOBJ", "nama", "name", "NAME_3")
CODE_KEYS = ("kode", "KDCPUM", "kode_kec", "code")


class AreaImportError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _norm(name: str) -> str:
    text = re.sub(r"^(kecamatan|kec\.?)\s+", "", name.strip().lower())
    return re.sub(r"\s+", " ", text)


def areas_import(
    *,
    regency: Regency,
    document: Any,
    approximate: bool = False,
    source: str = "",
    name_property: str = "",
) -> int:
    """Replaces the regency's boundaries with the FeatureCollection's polygons. Every
    feature must match a kecamatan of the regency (by code or name); nothing is stored
    unless all do."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise AreaImportError(["Berkas harus GeoJSON FeatureCollection."])
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise AreaImportError(["FeatureCollection tidak berisi fitur."])
    known = list(Kecamatan.objects.filter(regency=regency))
    by_name = {_norm(k.name): k for k in known}
    by_code = {k.code: k for k in known if k.code}
    errors: list[str] = []
    found: dict[int, tuple[Kecamatan, dict[str, Any]]] = {}
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            errors.append(f"Fitur {number}: bukan objek GeoJSON Feature.")
            continue
        props = feature.get("properties") or {}
        keys = (name_property,) if name_property else NAME_KEYS
        name = next((str(props[k]) for k in keys if props.get(k)), "")
        code = next((str(props[k]) for k in CODE_KEYS if props.get(k)), "")
        kecamatan = by_code.get(code) or by_name.get(_norm(name))
        if kecamatan is None:
            errors.append(
                f"Fitur {number}: kecamatan {name or code or '(tanpa nama)'!r} tidak dikenal."
            )
            continue
        try:
            area_shape(feature.get("geometry") or {})
        except GeometryInvalid as exc:
            errors.append(f"Fitur {number} ({kecamatan.name}): {exc}.")
            continue
        if kecamatan.pk in found:
            errors.append(f"Fitur {number}: kecamatan {kecamatan.name} muncul dua kali.")
            continue
        found[kecamatan.pk] = (kecamatan, feature["geometry"])
    if errors:
        raise AreaImportError(errors)
    now = timezone.now()
    with transaction.atomic():
        KecamatanArea.objects.filter(regency=regency).delete()
        KecamatanArea.objects.bulk_create(
            KecamatanArea(
                regency=regency,
                kecamatan=kecamatan,
                geometry=geometry,
                is_approximate=approximate,
                source=source[:200],
                imported_at=now,
            )
            for kecamatan, geometry in found.values()
        )
        audit_record(
            regency=regency,
            actor=None,
            actor_label="sistem",
            action="services.areas.import",
            obj=regency,
            after={"areas": len(found), "approximate": approximate, "source": source[:200]},
        )
    return len(found)


_CACHE: dict[int, tuple[tuple[Any, ...], AreaIndex, bool]] = {}


def area_index(regency: Regency) -> tuple[AreaIndex, bool]:
    """The regency's index (rebuilt when the data changed) and whether it is approximate."""
    rows = KecamatanArea.objects.filter(regency=regency)
    figures = rows.aggregate(n=Max("id"), t=Max("imported_at"))
    stamp = (figures["n"], figures["t"], rows.count())
    cached = _CACHE.get(regency.pk)
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    items = list(rows.select_related("kecamatan"))
    index = AreaIndex(
        Area(key=row.kecamatan_id, name=row.kecamatan.name, geometry=area_shape(row.geometry))
        for row in items
    )
    approximate = any(row.is_approximate for row in items)
    _CACHE[regency.pk] = (stamp, index, approximate)
    return index, approximate


@dataclass(frozen=True)
class PointPlace:
    inside: bool
    kecamatan: Kecamatan | None
    approximate: bool


def point_place(*, regency: Regency, lat: Decimal | float, lon: Decimal | float) -> PointPlace:
    index, approximate = area_index(regency)
    if not len(index):
        near = distance_km(
            float(lat), float(lon), float(regency.centre_lat), float(regency.centre_lon)
        )
        return PointPlace(inside=near <= FALLBACK_RADIUS_KM, kecamatan=None, approximate=True)
    hit = index.locate(float(lat), float(lon))
    if hit is None:
        return PointPlace(inside=False, kecamatan=None, approximate=approximate)
    return PointPlace(
        inside=True,
        kecamatan=Kecamatan.objects.filter(pk=hit.key, regency=regency).first(),
        approximate=approximate,
    )


def areas_seed_approximate(regency: Regency) -> int:
    """The demo's Voronoi areas for Kotim (see ``areas_kotim``)."""
    from kotacerdas.services.areas_kotim import CENTRES, OUTLINE, SOURCE
    from kotacerdas.services.geo import voronoi_areas

    cells = voronoi_areas(CENTRES, OUTLINE)
    document = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"kecamatan": name}, "geometry": geometry}
            for name, geometry in cells.items()
        ],
    }
    return areas_import(regency=regency, document=document, approximate=True, source=SOURCE)
