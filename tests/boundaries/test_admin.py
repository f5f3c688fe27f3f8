"""The back office under the one scoping rule, walked model by model with two
regencies: every changelist and change page, as every staff user of the other regency
and as officers of other agencies."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model

from kotacerdas.core.models import AuditLog
from kotacerdas.core.scoping import has_field
from kotacerdas.payments.models import WebhookDelivery
from kotacerdas.services.models import ServiceRequest
from tests.boundaries.conftest import client_for
from tests.boundaries.world import World

STAFF_NAMES = ["admin", "auditor", "dishub", "bapenda", "pupr"]


def _admin_url(model: type[Model], view: str, pk: Any = None) -> str:
    meta = model._meta
    base = f"/admin/{meta.app_label}/{meta.model_name}/"
    return base if view == "changelist" else f"{base}{pk}/change/"


def _rows_of(model: type[Model], side: Any) -> list[Model]:
    if model._meta.model_name == "regency":
        return [side.regency]
    if has_field(model, "regency"):
        return list(model._default_manager.filter(regency=side.regency)[:3])  # type: ignore[attr-defined]
    return []


def _registered() -> list[type[Model]]:
    return [m for m in admin.site._registry if m._meta.app_label not in {"auth"}]


@pytest.mark.django_db
@pytest.mark.parametrize("who", STAFF_NAMES)
def test_no_changelist_shows_or_counts_the_other_regency(world: World, who: str) -> None:
    user = world.b.users[who]
    client = client_for(user)
    for model in _registered():
        response = client.get(_admin_url(model, "changelist"))
        assert response.status_code in (200, 403), (model, response.status_code)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        for secret in world.a.secrets:
            assert secret not in body, (who, model, secret)
        shown = list(response.context["cl"].queryset)
        for row in shown:
            regency_id = row.pk if model._meta.model_name == "regency" else None
            regency_id = regency_id or getattr(row, "regency_id", None)
            if model is WebhookDelivery and regency_id is None:
                pytest.fail("unattributed gateway calls are for operators only")
            if regency_id is not None:
                assert regency_id == world.b.regency.pk, (who, model, row)


@pytest.mark.django_db
@pytest.mark.parametrize("who", STAFF_NAMES)
def test_no_change_page_of_the_other_regency_opens(world: World, who: str) -> None:
    client = client_for(world.b.users[who])
    for model in _registered():
        for row in _rows_of(model, world.a):
            response = client.get(_admin_url(model, "change", row.pk))
            # Django answers an object outside the queryset with a redirect to the index.
            assert response.status_code in (302, 403, 404), (who, model, row.pk)
            post = client.post(_admin_url(model, "change", row.pk), {"name": "diubah"})
            assert post.status_code in (302, 403, 404), (who, model, row.pk)
            if post.status_code == 302:
                assert "/change/" not in post["Location"]


@pytest.mark.django_db
def test_officer_sees_only_their_own_agency_requests(world: World) -> None:
    dishub, pupr = world.a.users["dishub"], world.a.users["pupr"]
    lamp, road = world.a.private_request, world.a.other_request
    assert lamp is not None and road is not None
    assert lamp.opd.code == "dishub" and road.opd.code != "dishub"
    url = _admin_url(ServiceRequest, "changelist")
    shown = set(client_for(dishub).get(url).context["cl"].queryset)
    assert lamp in shown and road not in shown
    response = client_for(pupr).get(url)
    rows = set(response.context["cl"].queryset) if response.status_code == 200 else set()
    assert lamp not in rows
    assert client_for(pupr).get(_admin_url(ServiceRequest, "change", lamp.pk)).status_code == 302


@pytest.mark.django_db
def test_anonymous_private_reporter_is_hidden_from_officers_and_auditors(world: World) -> None:
    item = world.a.private_request
    assert item is not None
    url = _admin_url(ServiceRequest, "change", item.pk)
    for who in ["dishub", "auditor"]:
        response = client_for(world.a.users[who]).get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Uraian rahasia 1111" in body  # the page really shows the request
        assert "Pelapor 1111" not in body
        assert "81299991111" not in body
        assert "pelapor1111@" not in body
    # Administrators handle abuse of anonymity and see who filed it.
    body = client_for(world.a.users["admin"]).get(url).content.decode()
    assert "Pelapor 1111" in body and "81299991111" in body


@pytest.mark.django_db
def test_private_contact_details_only_for_whoever_handles_it(world: World) -> None:
    item = world.a.private_request
    assert item is not None
    ServiceRequest.objects.filter(pk=item.pk).update(is_anonymous=False)
    url = _admin_url(ServiceRequest, "change", item.pk)
    body = client_for(world.a.users["dishub"]).get(url).content.decode()
    assert "Pelapor 1111" in body and "81299991111" in body
    body = client_for(world.a.users["auditor"]).get(url).content.decode()
    assert "Pelapor 1111" in body and "81299991111" not in body
    # And the handling page follows the same rule.
    page = client_for(world.a.users["auditor"]).get(f"/layanan/{item.tracking_number}/")
    assert page.status_code == 200
    assert "Pelapor 1111" in page.content.decode()
    assert "81299991111" not in page.content.decode()


@pytest.mark.django_db
def test_audit_log_only_for_auditors_and_administrators(world: World) -> None:
    entry = AuditLog.objects.filter(regency=world.a.regency).first()
    assert entry is not None
    for who, allowed in [("admin", True), ("auditor", True), ("dishub", False), ("pupr", False)]:
        client = client_for(world.a.users[who])
        listing = client.get("/admin/core/auditlog/")
        assert (listing.status_code == 200) is allowed, who
        index = client.get("/admin/").content.decode()
        assert ("/admin/core/auditlog/" in index) is allowed, who
        detail = client.get(f"/admin/core/auditlog/{entry.pk}/change/")
        assert (detail.status_code == 200) is allowed, who
        if allowed:
            assert entry.action in detail.content.decode()


@pytest.mark.django_db
def test_webhook_bodies_only_for_payment_agencies(world: World) -> None:
    delivery = WebhookDelivery.objects.create(
        regency=world.a.regency,
        provider="midtrans",
        order_id=world.a.charge.order_id if world.a.charge else "",
        body_text='{"signature_key": "rahasia-tanda-tangan"}',
        body_sha256="0" * 64,
    )
    unattributed = WebhookDelivery.objects.create(
        provider="midtrans", order_id="FORGED-1", body_text="{}", body_sha256="1" * 64
    )
    url = f"/admin/payments/webhookdelivery/{delivery.pk}/change/"
    for who, allowed in [
        ("dishub", True),
        ("bapenda", True),
        ("admin", True),
        ("auditor", True),
        ("pupr", False),
    ]:
        client = client_for(world.a.users[who])
        response = client.get(url)
        assert (response.status_code == 200) is allowed, who
        if allowed:
            assert "rahasia-tanda-tangan" in response.content.decode()
            listing = client.get("/admin/payments/webhookdelivery/")
            assert unattributed not in set(listing.context["cl"].queryset)
        else:
            assert response.status_code == 403
            assert "/admin/payments/" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_parking_admin_not_for_other_agencies(world: World) -> None:
    assert world.a.attendant is not None
    url = f"/admin/parking/attendant/{world.a.attendant.pk}/change/"
    assert client_for(world.a.users["pupr"]).get(url).status_code == 403
    response = client_for(world.a.users["dishub"]).get(url)
    assert response.status_code == 200 and "Juru Parkir 1111" in response.content.decode()


@pytest.mark.django_db
def test_auditors_write_nothing(world: World) -> None:
    auditor = world.a.users["auditor"]
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = auditor
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


@pytest.mark.django_db
def test_an_administrator_cannot_make_itself_superuser(world: World) -> None:
    me = world.a.users["admin"]
    client = client_for(me)
    url = f"/admin/core/user/{me.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = {
        "username": me.username,
        "first_name": "Admin",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "regency": str(world.b.regency.pk),
        "opd": "",
        "phone": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    me.refresh_from_db()
    assert not me.is_superuser
    assert me.regency_id == world.a.regency.pk
    assert me.first_name == "Admin"  # the post was applied, only the power fields were not


@pytest.mark.django_db
def test_no_one_grants_roles_in_another_regency_or_edits_operators(world: World) -> None:
    me = world.a.users["admin"]
    client = client_for(me)
    target = world.a.users["warga"]
    form = client.get(f"/admin/core/user/{target.pk}/change/")
    assert form.status_code == 200
    choices = form.context["inline_admin_formsets"][0].formset.empty_form.fields["regency"]
    assert list(choices.queryset) == [world.a.regency]
    opds = form.context["adminform"].form.fields["opd"].queryset
    assert {o.regency_id for o in opds} == {world.a.regency.pk}
    from kotacerdas.core.models import User

    operator = User.objects.create(username="operator", is_superuser=True, regency=me.regency)
    assert client.get(f"/admin/core/user/{operator.pk}/change/").status_code == 302
    assert client.get(f"/admin/core/user/{operator.pk}/password/").status_code in (302, 404)
    assert client.get("/admin/auth/group/").status_code == 403
    # Officers do not manage accounts at all.
    assert client_for(world.a.users["dishub"]).get("/admin/core/user/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("who", STAFF_NAMES)
def test_admin_offers_no_link_that_refuses(world: World, who: str) -> None:
    client = client_for(world.a.users[who])
    index = client.get("/admin/").content.decode()
    links = sorted(set(re.findall(r'href="(/admin/[^"]*)"', index)))
    assert links
    for link in links:
        if "logout" in link:
            continue
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code != 403, (who, link)
