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
    # OPD codes whose officers may open the module (empty: any OPD); administrators and
    # auditors are not bound to an OPD.
    opds: frozenset[str] = field(default_factory=frozenset)


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
            description=_("Masuk dengan nomor ponsel untuk memantau laporan dan permohonan Anda."),
            url="/masuk/",
            order=900,
        )
    )
    register_tile(
        HubTile(
            key="core.admin",
            audience="staf",
            title=_("Panel pengelola"),
            description=_("Kelola data OPD, wilayah, pengguna dan peran."),
            url="/admin/",
            order=10,
            roles=frozenset({"admin", "auditor", "officer"}),
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


def _rule_allows(url: str, roles: frozenset[str], authenticated: bool) -> bool | None:
    """What the page's own ``access`` declaration says, when the URL resolves to one."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return None
    rule = getattr(match.func, "access_rule", None)
    if rule is None:
        return None
    return bool(rule.allows(roles, "GET", authenticated))


def tile_allowed(
    tile: HubTile, roles: frozenset[str], authenticated: bool = False, opd_code: str = ""
) -> bool:
    """``HubTile.roles`` when the tile names them; otherwise the access rule of the page
    the tile opens (so a tile never leads to a 403 or a login wall it cannot pass)."""
    if tile.opds and not roles & {"admin", "auditor"} and opd_code not in tile.opds:
        return False
    if tile.roles:
        return bool(tile.roles & roles)
    allowed = _rule_allows(tile.url, roles, authenticated)
    return True if allowed is None else allowed


Section = tuple[str, "str | Promise", list[HubTile]]


def hub_sections(
    roles: frozenset[str], authenticated: bool = False, opd_code: str = ""
) -> tuple[list[Section], list[Section]]:
    """The sections with tiles a visitor may open, and per audience the tiles they may
    not (shown apart, under "untuk petugas", so staff still see where modules are)."""
    open_sections: list[Section] = []
    closed: list[Section] = []
    for key, label in AUDIENCES:
        tiles = tiles_for(key)
        allowed = [t for t in tiles if tile_allowed(t, roles, authenticated, opd_code)]
        others = [t for t in tiles if t not in allowed]
        if allowed:
            open_sections.append((key, label, allowed))
        if others:
            closed.append((key, label, others))
    return open_sections, closed


# Secretariat of the smart-city programme: officers of these OPDs land on the programme.
SECRETARIAT_OPDS = frozenset({"bapperida", "diskominfo"})


def _url_if_installed(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def _named_url(name: str) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def role_home_url(user: object) -> str:
    """Where a signed-in user works: jukir → /jukir/, korlap → deposits, the programme
    secretariat (Bapperida/Diskominfo officers) → the programme workspace /program/ when
    installed, other officers and administrators → their queue, auditors → the audit
    trail, citizens → their reports. Anyone else (or a module not installed) → the hub."""
    from kotacerdas.core.models import Role
    from kotacerdas.core.selectors import user_roles

    roles = user_roles(user)
    opd = getattr(user, "opd", None)
    candidates: list[str | None] = []
    if Role.JUKIR in roles:
        candidates.append(_named_url("parking:jukir-home"))
    if Role.KORLAP in roles:
        candidates.append(_named_url("parking:deposits"))
    if Role.OFFICER in roles and opd is not None and opd.code in SECRETARIAT_OPDS:
        candidates.append(_url_if_installed("/program/"))
    if Role.OFFICER in roles or Role.ADMIN in roles:
        candidates.append(_named_url("services:queue"))
    if Role.AUDITOR in roles:
        candidates.append(_named_url("audit-list"))
    if Role.WARGA in roles:
        candidates.append(_named_url("services:my-reports"))
    return next((url for url in candidates if url), "/")
