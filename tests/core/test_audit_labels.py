"""Every audit action the code writes has an Indonesian name, and the dynamic ones (a
status, a method, a back-office edit) are named from the logged model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from kotacerdas.core.audit_labels import ACTION_LABELS, action_label, object_label
from kotacerdas.core.models import AuditLog, Role
from kotacerdas.core.services.audit import audit_record
from tests.factories import user_with

SOURCE = Path(__file__).resolve().parents[2] / "kotacerdas"
# A dotted code written as an action: action="a.b", action = "a.b.c".
LITERAL = re.compile(r'action\s*=\s*"([a-z_]+(?:\.[a-z_]+)+)"')


def _written_actions() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found.update(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_fixed_action_in_the_code_has_a_name() -> None:
    written = _written_actions()
    assert len(written) > 60  # the scan really reads the apps
    assert sorted(written - set(ACTION_LABELS)) == []


@pytest.mark.parametrize(
    ("action", "object_type", "expected"),
    [
        ("services.request.submit", "services.servicerequest", "Laporan diajukan"),
        ("services.request.selesai", "services.servicerequest", ": Selesai"),
        ("parking.event.paid", "parking.parkingevent", ": Lunas"),
        ("parking.spot.update", "parking.spot", " diubah"),
        ("core.user.delete", "core.user", " dihapus"),
        ("no.such.thing", "no.model", "Aksi lain"),
    ],
)
def test_names_read_as_indonesian(action: str, object_type: str, expected: str, db) -> None:  # type: ignore[no-untyped-def]
    name = action_label(action, object_type)
    assert expected in name
    assert action not in name and "_" not in name


def test_object_kinds_use_the_model_names(db) -> None:  # type: ignore[no-untyped-def]
    assert object_label("services.servicerequest") != "services.servicerequest"
    assert object_label("") == ""


def test_audit_page_and_admin_show_names_not_codes(regency) -> None:  # type: ignore[no-untyped-def]
    auditor = user_with(Role.AUDITOR)
    audit_record(regency=regency, actor=None, action="services.request.submit", obj=auditor)
    assert AuditLog.objects.filter(action="services.request.submit").exists()
    client = Client()
    client.force_login(auditor)
    for url in ("/audit/", "/admin/core/auditlog/"):
        page = client.get(url).content.decode()
        assert "Laporan diajukan" in page, url
        visible = re.sub(
            r'title="[^"]*"|href="[^"]*"|<(script|style)[^>]*>.*?</\1>', "", page, flags=re.S
        )
        assert ">services.request.submit<" not in visible, url
