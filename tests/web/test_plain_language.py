"""Walks every page as every role that may open it, in Indonesian — citizen and
public-services pages, parking, payments, core, the other modules and the admin back
office — and fails on internal codes or English model names in the visible text: choice
codes whose label says something else ("officer", "minta_tunai"), model class names
("ServiceRequest"), snake_case keys, Python values and reprs."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.services.services.areas import areas_seed_approximate
from tests.access import ROLES
from tests.core.test_role_matrix import PAGES, _resolve

pytestmark = pytest.mark.django_db

# Attribute keys and values, status/channel codes, audit names, Python reprs.
FORBIDDEN = [
    "minta_tunai",
    "tarif_lebih",
    "qr_palsu",
    "jenis_sampah",
    "lebar_cm",
    "tingkat:",
    "kondisi:",
    "berat']",
    "services.request.",
    "open311",
    "complaint",
    "information",
    "application",
    "{'",
    "None",
    "True",
    "False",
    "Traceback",
]
# Written as they are on purpose: product and standard names, units, file types.
ALLOWED_WORDS = frozenset(
    {"id", "en", "csv", "xlsx", "json", "pdf", "jpg", "png", "qris"}
    # Indonesian words and abbreviations that are codes and plain words at once.
    | {"jukir", "korlap", "lainnya", "rsud", "selesai", "terbuka", "universitas", "asn"}
    | {"manual", "valid"}
)
# Words a page shows on purpose: the column names an import file must have.
PAGE_WORDS: dict[str, frozenset[str]] = {
    "training:import-upload": frozenset({"pangkat_golongan", "awal_kontrak"}),
}
# Known findings in the admin back office not fixed yet, each with its reason; anything
# else found there fails. Remove an entry when its page is fixed.
KNOWN_ADMIN_GAPS: dict[str, frozenset[str]] = {
    # The KPI registry key an administrator links a definition to (a code by design).
    "/admin/programme/kpidefinition/": frozenset({"cashless_share_count", "parking"}),
    # The IID rule set is a JSON document; read-only visitors see it as such.
    "/admin/innovation/iidruleset/": frozenset(
        {"count_indicator", "divisor_min", "max_total", "min_innovations"}
    ),
    # Read-only visitors see the Open311 attribute codes of the service's questions.
    "/admin/services/service/": frozenset({"lebar_cm"}),
    # AdoptionMilestone has no verbose_name yet (needs an innovation migration).
    "/admin/innovation/adoptionmilestone/": frozenset({"milestone"}),
}
# Pages whose job is to show machine data to the people who read it (JSON/JWT/CSV files
# are skipped already by their content type).
SKIPPED = frozenset({"healthz"})


def _visible(page: str) -> str:
    # Scripts, code samples and form values (a textarea's JSON) are not running text.
    page = re.sub(r"<(script|style|pre|code|textarea)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def _project_models() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        if model.__module__.startswith("kotacerdas."):
            yield model


def _codes() -> set[str]:
    """Lower-case choice codes the screen must translate: a code that its own label does
    not contain ("officer" → "Petugas OPD"; "diterima" → "Diterima" is fine)."""
    found: set[str] = set()
    for model in _project_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "choices", None) or []:
                if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]+", value):
                    continue
                if value.replace("_", " ") not in str(label).lower() and value not in ALLOWED_WORDS:
                    found.add(value)
    return found


def _where(text: str, words: list[str]) -> list[str]:
    """Each offending word with a little of the text around it, to find it fast."""
    shown = []
    for word in words:
        token = word.removeprefix("model ")
        at = text.find(token)
        around = " ".join(text[max(at - 40, 0) : at + len(token) + 40].split())
        shown.append(f"{word!r} in …{around}…")
    return shown


def _problems(text: str, codes: set[str], allowed: frozenset[str] = frozenset()) -> list[str]:
    text = re.sub(r"\b(application|image|text)/[a-z0-9.+-]+", " ", text)  # file types
    found = [word for word in FORBIDDEN if word in text]
    found += [
        f"model {m.__name__}"
        for m in _project_models()
        if re.fullmatch(r"(?:[A-Z][a-z0-9]+){2,}", m.__name__)  # ServiceRequest, not OPD
        and re.search(rf"\b{m.__name__}\b", text)
    ]
    found += re.findall(r"\b[a-z]+_[a-z0-9_]+\b", text)  # snake_case keys
    found += [w for w in re.findall(r"\b[a-z][a-z0-9]+\b", text) if w in codes]
    return _where(text, sorted(set(found) - allowed))


def _seed(regency: Any) -> None:
    from kotacerdas.services.seed import seed_catalogue

    seed_catalogue(regency)
    areas_seed_approximate(regency)


def _admin_urls() -> list[str]:
    urls = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(f"/admin/{meta.app_label}/{meta.model_name}/")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(f"/admin/{meta.app_label}/{meta.model_name}/{first.pk}/change/")
        urls.append(f"/admin/{meta.app_label}/{meta.model_name}/add/")
    return urls


@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_every_page_speaks_plain_indonesian(role: Role | None, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    _seed(regency)
    user = make_user(role) if role is not None else None
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    if user is not None:
        client.force_login(user)
    codes = _codes()
    walked, problems = 0, []
    for name, (method, path, allowed, *_rest) in sorted(PAGES.items()):
        if method != "GET" or role not in allowed or name in SKIPPED:
            continue
        url = _resolve(path, user)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found = _problems(
            _visible(response.content.decode()), codes, PAGE_WORDS.get(name, frozenset())
        )
        if found:
            problems.append(f"{name} {url}: {found}")
        walked += 1
    if role in (Role.ADMIN, Role.AUDITOR, Role.OFFICER):
        for url in _admin_urls():
            response = client.get(url)
            if response.status_code != 200:
                continue
            known = next(
                (words for prefix, words in KNOWN_ADMIN_GAPS.items() if url.startswith(prefix)),
                frozenset(),
            )
            found = _problems(_visible(response.content.decode()), codes, known)
            if found:
                problems.append(f"admin {url}: {found}")
            walked += 1
    assert not problems, "\n".join(problems)
    assert walked >= 3
