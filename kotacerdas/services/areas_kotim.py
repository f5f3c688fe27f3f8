"""Approximate kecamatan areas for the Kotim demo: Voronoi cells around kecamatan
centres, clipped to a hand-simplified outline of the regency. NOT official boundaries:
shown on screen as "perkiraan". Load BIG/BPS polygons with ``kotacerdas
kecamatan_import`` for real use.

Centres: MB Ketapang, Baamang and Parenggean are third-party centroids listed in the
project's Kotim facts ([verify]); the others are placed at or near the kecamatan seat
(ibukota) by hand and are rough (±10 km or worse), Telaga Antang and Tualan Hulu (seat
unknown) most of all."""

from __future__ import annotations

# name -> (lat, lon)
CENTRES: dict[str, tuple[float, float]] = {
    "Mentawa Baru Ketapang": (-2.5367, 112.9589),
    "Baamang": (-2.5167, 112.9289),
    "Seranau": (-2.5550, 112.9950),
    "Mentaya Hilir Selatan": (-2.9900, 113.0500),
    "Mentaya Hilir Utara": (-2.7200, 112.9900),
    "Pulau Hanaut": (-2.8700, 112.9600),
    "Teluk Sampit": (-3.1500, 113.1200),
    "Kota Besi": (-2.3300, 112.9000),
    "Telawang": (-2.4700, 112.7000),
    "Cempaga": (-2.4000, 113.0500),
    "Cempaga Hulu": (-2.0500, 113.0500),
    "Parenggean": (-1.9567, 112.7589),
    "Mentaya Hulu": (-1.7500, 112.6300),
    "Bukit Santuai": (-1.4000, 112.5000),
    "Antang Kalang": (-1.0500, 112.5500),
    "Telaga Antang": (-1.3000, 112.7000),
    "Tualan Hulu": (-1.8000, 112.9000),
}

# Simplified outline, (lon, lat) ring, roughly following the regency's extent from the
# upper Mentaya/Kalang rivers in the north to the Java Sea coast at Ujung Pandaran.
OUTLINE: list[tuple[float, float]] = [
    (112.45, -0.75),
    (112.75, -0.80),
    (112.85, -1.20),
    (113.05, -1.60),
    (113.20, -2.10),
    (113.30, -2.60),
    (113.35, -3.00),
    (113.25, -3.35),
    (112.95, -3.30),
    (112.85, -3.00),
    (112.65, -2.75),
    (112.45, -2.55),
    (112.35, -2.20),
    (112.40, -1.80),
    (112.30, -1.40),
    (112.35, -1.00),
    (112.45, -0.75),
]

SOURCE = "Perkiraan demo: sel Voronoi pusat kecamatan, dipotong garis batas kabupaten sederhana"
