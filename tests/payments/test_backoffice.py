"""Staff see charges, ledger, raw notifications and flags; resolving a flag is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from kotacerdas.core.models import OPD, AuditLog, Role
from kotacerdas.payments.models import ChargeFlag, FlagKind, WebhookDelivery
from tests.payments.factories import make_charge, make_flag, midtrans_body, post_midtrans

pytestmark = pytest.mark.django_db


def _login(make_user, role: Role, **kwargs):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


def test_dashboard_lists_charges_and_open_flags(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    flag = make_flag(detail="Rp1000 dibayar untuk tagihan Rp2000")
    page = _login(make_user, Role.AUDITOR).get("/payments/")
    assert page.status_code == 200
    assert flag.charge is not None
    assert flag.charge.order_id.encode() in page.content
    assert b"Rp1000 dibayar" in page.content


def test_officer_of_another_agency_sees_nothing(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    other = OPD.objects.filter(regency=regency).exclude(code__in=["dishub", "bapenda"]).first()
    assert other is not None
    client = _login(make_user, Role.OFFICER, opd=other)
    assert client.get("/payments/").status_code == 403


def test_resolving_a_flag_needs_a_note_and_is_audited(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    flag = make_flag(kind=FlagKind.LATE)
    client = _login(make_user, Role.OFFICER)
    client.post(f"/payments/flags/{flag.pk}/resolve", {"note": "  "})
    flag.refresh_from_db()
    assert flag.resolved_at is None
    response = client.post(f"/payments/flags/{flag.pk}/resolve", {"note": "Dikreditkan ke jukir"})
    assert response.status_code == 303
    flag.refresh_from_db()
    assert flag.resolved_at is not None and flag.resolution_note == "Dikreditkan ke jukir"
    entry = AuditLog.objects.get(action="payments.flag.resolve", object_id=str(flag.pk))
    assert entry.after is not None and entry.after["note"] == "Dikreditkan ke jukir"


def test_auditor_cannot_resolve(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    flag = make_flag()
    response = _login(make_user, Role.AUDITOR).post(
        f"/payments/flags/{flag.pk}/resolve", {"note": "x"}
    )
    assert response.status_code == 403
    flag.refresh_from_db()
    assert flag.resolved_at is None


def test_charge_page_shows_ledger_and_raw_notifications(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(Client(), midtrans_body(charge))
    page = _login(make_user, Role.ADMIN).get(f"/payments/charges/{charge.pk}/")
    assert page.status_code == 200
    assert b"settlement" in page.content and b"signature_key" in page.content


def test_admin_shows_raw_body_and_resolves_flags_with_audit(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    charge = make_charge()
    post_midtrans(Client(), midtrans_body(charge, key="forged"))
    delivery = WebhookDelivery.objects.get()
    admin = _login(make_user, Role.ADMIN)
    page = admin.get(f"/admin/payments/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200 and b"signature_key" in page.content
    for model in ("charge", "paymentevent", "webhookdelivery", "chargeflag", "gatewayconfig"):
        assert admin.get(f"/admin/payments/{model}/").status_code == 200
    assert admin.post(f"/admin/payments/charge/{charge.pk}/change/", {}).status_code == 403

    flag = ChargeFlag.objects.get(kind=FlagKind.FORGED)
    response = admin.post(
        f"/admin/payments/chargeflag/{flag.pk}/change/", {"note": "IP diblokir di firewall"}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.resolution_note == "IP diblokir di firewall"
    assert AuditLog.objects.filter(action="payments.flag.resolve", object_id=str(flag.pk)).exists()
