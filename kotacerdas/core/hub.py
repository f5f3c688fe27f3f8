"""Tiles on the Sampit Creative Hub home page. Each domain app registers its own tiles
in ``AppConfig.ready``, so the hub lists a module exactly when it is installed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HubTile:
    key: str
    audience: str  # "warga", "jukir" or "staf"
    title: str | Promise
    description: str | Promise
    url: str
    order: int = 100
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: shown to everyone


_TILES: dict[str, HubTile] = {}

AUDIENCES: list[tuple[str, str | Promise]] = [
    ("warga", _("Untuk warga")),
    ("jukir", _("Untuk juru parkir")),
    ("staf", _("Untuk petugas pemerintah daerah")),
]


def register_tile(tile: HubTile) -> None:
    _TILES[tile.key] = tile


def tiles_for(audience: str) -> list[HubTile]:
    return sorted((t for t in _TILES.values() if t.audience == audience), key=lambda t: t.order)


def register_core_tiles() -> None:
    register_tile(
        HubTile(
            key="core.account",
            audience="warga",
            title=_("Akun saya"),
            description=_("Masuk untuk mengajukan layanan dan memantau status permohonan."),
            url="/accounts/login/",
            order=900,
        )
    )
    register_tile(
        HubTile(
            key="core.admin",
            audience="staf",
            title=_("Back office"),
            description=_("Kelola data OPD, wilayah, pengguna dan peran."),
            url="/admin/",
            order=10,
        )
    )
    register_tile(
        HubTile(
            key="core.audit",
            audience="staf",
            title=_("Jejak audit"),
            description=_("Setiap perubahan data: siapa, kapan, dari mana, sebelum dan sesudah."),
            url="/audit/",
            order=20,
        )
    )
    register_tile(
        HubTile(
            key="core.api",
            audience="staf",
            title=_("API terbuka"),
            description=_("Dokumentasi JSON API (OpenAPI) untuk aplikasi dan integrasi."),
            url="/api/v1/docs",
            order=90,
        )
    )
