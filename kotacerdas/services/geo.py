"""Point-in-kecamatan lookup and the demo's approximate areas, with Shapely (GEOS).
Pure logic: no Django imports; geometries are GeoJSON dicts in lon/lat (WGS 84)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

AREA_TYPES = frozenset({"Polygon", "MultiPolygon"})


class GeometryInvalid(ValueError):
    """A feature that cannot serve as a boundary; the message says why, in Indonesian."""


def area_shape(geometry: Mapping[str, Any]) -> BaseGeometry:
    """A valid (multi)polygon from a GeoJSON geometry, or ``GeometryInvalid``."""
    if not isinstance(geometry, Mapping) or geometry.get("type") not in AREA_TYPES:
        raise GeometryInvalid("geometri harus Polygon atau MultiPolygon")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise GeometryInvalid(f"geometri rusak ({exc})") from exc
    if geom.is_empty:
        raise GeometryInvalid("geometri kosong")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise GeometryInvalid("koordinat di luar rentang lon/lat (harus WGS 84)")
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        if geom.is_empty or geom.area == 0:
            raise GeometryInvalid("geometri tidak sah (bersilangan)")
    return geom


@dataclass(frozen=True)
class Area:
    key: int
    name: str
    geometry: BaseGeometry


class AreaIndex:
    """All areas of one regency in an STR-tree. A point exactly on a shared boundary
    belongs to both polygons; the one with the alphabetically first name wins, so the
    answer is the same every time."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self.areas = sorted(areas, key=lambda a: (a.name, a.key))
        self._tree = shapely.STRtree([a.geometry for a in self.areas])
        self.outline = shapely.union_all([a.geometry for a in self.areas]) if self.areas else None

    def __len__(self) -> int:
        return len(self.areas)

    def locate(self, lat: float, lon: float) -> Area | None:
        point = Point(lon, lat)
        hits = sorted(int(i) for i in self._tree.query(point, predicate="intersects"))
        for index in hits:
            if self.areas[index].geometry.covers(point):
                return self.areas[index]
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def voronoi_areas(
    centres: Mapping[str, tuple[float, float]], outline: Sequence[tuple[float, float]]
) -> dict[str, dict[str, Any]]:
    """Approximate areas: the Voronoi cell of each centre (lat, lon), clipped to the
    outline ((lon, lat) ring). Each centre must lie inside the outline."""
    boundary = Polygon(outline)
    if not boundary.is_valid:
        raise GeometryInvalid("garis batas kabupaten tidak sah")
    points = {name: Point(lon, lat) for name, (lat, lon) in centres.items()}
    outside = [name for name, p in points.items() if not boundary.covers(p)]
    if outside:
        raise GeometryInvalid(f"pusat di luar batas kabupaten: {', '.join(sorted(outside))}")
    cells = shapely.voronoi_polygons(MultiPoint(list(points.values())), extend_to=boundary)
    result: dict[str, dict[str, Any]] = {}
    for cell in getattr(cells, "geoms", [cells]):
        clipped = cell.intersection(boundary)
        owner = next(name for name, p in points.items() if cell.covers(p))
        result[owner] = dict(mapping(clipped))
    return result
