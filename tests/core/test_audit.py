from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from kotacerdas.core.context import source_ip
from kotacerdas.core.models import AuditLog, Role
from kotacerdas.core.models.audit import AuditLogImmutable
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.users import role_grant, role_revoke

pytestmark = pytest.mark.django_db


def _entry(regency) -> AuditLog:  # type: ignore[no-untyped-def]
    return audit_record(
        regency=regency, actor=None, action="test.entry", object_type="x", object_id="1"
    )


def test_orm_refuses_update_and_delete_of_a_record(regency) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(regency)
    entry.action = "rewritten"
    with pytest.raises(AuditLogImmutable):
        entry.save()
    with pytest.raises(AuditLogImmutable):
        entry.delete()
    assert AuditLog.objects.get(pk=entry.pk).action == "test.entry"


def test_querysets_refuse_bulk_update_and_delete(regency) -> None:  # type: ignore[no-untyped-def]
    _entry(regency)
    with pytest.raises(AuditLogImmutable):
        AuditLog.objects.filter(action="test.entry").update(action="x")
    with pytest.raises(AuditLogImmutable):
        AuditLog.objects.filter(action="test.entry").delete()
    with pytest.raises(AuditLogImmutable):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.filter(action="test.entry").count() == 1


def test_database_refuses_raw_update(regency) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(regency)
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("UPDATE core_auditlog SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditLog.objects.get(pk=entry.pk).action == "test.entry"


def test_database_refuses_raw_delete_on_postgresql(regency) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip(
            "row DELETE is refused by a PostgreSQL trigger; SQLite test DBs are flushed with DELETE"
        )
    entry = _entry(regency)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditlog WHERE id = %s", [entry.pk])
    assert AuditLog.objects.filter(pk=entry.pk).exists()


def test_no_code_path_updates_or_deletes_audit_rows() -> None:
    """Static guard: outside the model module, nothing in the package calls update/delete
    on AuditLog."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "kotacerdas"
    pattern = re.compile(r"AuditLog\.objects[^\n]*\.(update|delete|bulk_update)\(")
    offenders = [
        str(path)
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_service_writes_actor_action_before_after_and_ip(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(Role.ADMIN)
    target = make_user(None)
    with source_ip("203.0.113.9"):
        role_grant(user=target, role=Role.KORLAP, regency=regency, actor=admin)
        role_revoke(user=target, role=Role.KORLAP, regency=regency, actor=admin)
    grant, revoke = AuditLog.objects.filter(actor=admin).order_by("id")
    assert grant.actor == admin and grant.actor_label == admin.username
    assert grant.after == {"user": target.username, "role": "korlap", "opd": None}
    assert grant.source_ip == "203.0.113.9"
    assert revoke.before == {"user": target.username, "role": "korlap"}


def test_audit_record_rolls_back_with_the_change(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    target = make_user(None)
    before = AuditLog.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        role_grant(user=target, role=Role.JUKIR, regency=regency, actor=None)
        raise RuntimeError("the change fails after the audit row was written")
    assert AuditLog.objects.count() == before
    assert not target.role_assignments.exists()


def test_admin_edit_is_audited_with_before_and_after(client, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core.models import OPD

    admin = make_user(Role.ADMIN)
    client.force_login(admin)
    opd = OPD.objects.get(regency=regency, code="dlh")
    client.post(
        f"/admin/core/opd/{opd.pk}/change/",
        {
            "regency": regency.pk,
            "code": "dlh",
            "name": "Dinas Lingkungan Hidup Kotim",
            "short_name": "DLH",
            "kind": "dinas",
            "is_active": "on",
        },
        REMOTE_ADDR="198.51.100.7",
    )
    entry = AuditLog.objects.get(action="core.opd.update")
    assert entry.before["name"] == "Dinas Lingkungan Hidup"
    assert entry.after["name"] == "Dinas Lingkungan Hidup Kotim"
    assert entry.source_ip == "198.51.100.7"
    assert entry.actor == admin


def test_auditor_browses_and_filters_the_trail(client, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    audit_record(
        regency=regency, actor=None, action="core.opd.update", object_type="core.opd", object_id="7"
    )
    audit_record(
        regency=regency,
        actor=None,
        action="core.token.issue",
        object_type="core.apitoken",
        object_id="8",
    )
    client.force_login(make_user(Role.AUDITOR))
    page = client.get("/audit/", {"action": "core.opd"}).content.decode()
    assert "core.opd.update" in page
    assert "core.token.issue" not in page
    page = client.get("/audit/", {"object_type": "core.apitoken"}).content.decode()
    assert "core.token.issue" in page and "core.opd.update" not in page
