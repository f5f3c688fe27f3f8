"""Reporter links are stored hashed and keep working, including links sent before."""

from __future__ import annotations

import hashlib
import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client

from kotacerdas.services.models import ServiceRequest
from kotacerdas.services.services.reporter_tokens import reporter_link_token

pytestmark = pytest.mark.django_db


def test_the_database_holds_no_usable_token(pothole) -> None:  # type: ignore[no-untyped-def]
    raw = reporter_link_token(pothole)
    row = ServiceRequest.objects.filter(pk=pothole.pk).values().get()
    assert raw not in {str(value) for value in row.values()}
    assert row["reporter_token"] == hashlib.sha256(raw.encode()).hexdigest()
    # The stored hash itself does not open the page.
    assert Client().get(f"/lapor/saya/{row['reporter_token']}/").status_code == 404
    assert Client().get(f"/lapor/saya/{raw}/").status_code == 200


def test_the_link_is_the_same_in_every_notice(pothole) -> None:  # type: ignore[no-untyped-def]
    again = ServiceRequest.objects.get(pk=pothole.pk)
    assert reporter_link_token(again) == reporter_link_token(pothole)


def test_existing_plain_tokens_are_hashed_and_old_links_still_open(pothole) -> None:  # type: ignore[no-untyped-def]
    old_link = "lama-token-dari-sms-2026"
    ServiceRequest.objects.filter(pk=pothole.pk).update(
        reporter_token=old_link, reporter_token_nonce="", reporter_token_legacy=""
    )
    migration = importlib.import_module("kotacerdas.services.migrations.0002_reporter_token_hashed")
    migration.hash_existing_tokens(django_apps, None)
    row = ServiceRequest.objects.get(pk=pothole.pk)
    assert old_link not in (row.reporter_token, row.reporter_token_legacy)
    assert row.reporter_token_nonce
    assert Client().get(f"/lapor/saya/{old_link}/").status_code == 200
    assert Client().get(f"/lapor/saya/{reporter_link_token(row)}/").status_code == 200
    assert Client().get("/lapor/saya/lama-token-yang-salah/").status_code == 404
