"""Batch-printable vest cards: several cards on an A4 print page, QRIS logo text, NMID,
each QR with its quiet zone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from kotacerdas.core.models import Role
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def quiet_zone_modules(svg: str) -> int:
    """The encoder draws the dark modules in module units under ``scale(...)``: the first
    move of the dark path is the width of the quiet zone."""
    found = re.search(r'class="qrline"[^>]*\bd="M(\d+) ', svg) or re.search(
        r'stroke="#000(?:000)?"[^>]*\bd="M(\d+) ', svg
    )
    assert found, svg[:300]
    return int(found.group(1))


def test_batch_cards_print_page(street) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_with(Role.OFFICER))
    page = client.get("/parking/attendants/cards/").content.decode()
    cards = re.findall(r'<section class="p-card">(.*?)</section>', page, re.S)
    assert len(cards) == 2
    for card in cards:
        assert '<span class="p-logo">QRIS</span>' in card
        assert f"NMID: {street.regency.qris_nmid or '–'}" in card
        assert card.count("<svg") == 2
        qris = re.search(r'<div class="p-qr">(.*?)</div>', card, re.S)
        assert qris is not None and quiet_zone_modules(qris.group(1)) >= 4
    picked = client.get("/parking/attendants/cards/", {"kode": "jkr 0102"}).content.decode()
    assert picked.count('<section class="p-card">') == 1 and "JKR-0102" in picked
    stylesheet = finders.find("parking/cards.css")
    assert stylesheet is not None
    css = Path(stylesheet).read_text()
    assert "@page{size:A4" in css and "gap:8mm" in css
