"""Assign to a colleague, priority, merge duplicates (the merged reporter is told and
follows the surviving report)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from kotacerdas.core.models import OPD, Role
from kotacerdas.services.models import Channel, RequestSupport, Status
from kotacerdas.services.notifications import ConsoleSender
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import request_submit
from kotacerdas.services.services.triage import request_assign

pytestmark = pytest.mark.django_db


def _road(regency, catalogue, **kw):  # type: ignore[no-untyped-def]
    return request_submit(
        regency=regency,
        service=catalogue["jalan-rusak"],
        channel=Channel.WEB,
        description="Lubang",
        lat="-2.539000",
        lon="112.953000",
        attributes={"tingkat": ["berat"]},
        **kw,
    )


def test_assign_and_priority_from_the_handling_page(
    pothole, officer_pupr, make_user, regency
) -> None:  # type: ignore[no-untyped-def]
    colleague = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="pupr"))
    outsider = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dishub"))
    client = Client()
    client.force_login(officer_pupr)
    url = f"/layanan/{pothole.tracking_number}/"
    client.post(url, {"action": "assign", "assignee": str(colleague.pk)})
    client.post(url, {"action": "priority", "priority": "tinggi"})
    pothole.refresh_from_db()
    assert pothole.assigned_to == colleague and pothole.priority == "tinggi"
    page = client.get(url).content.decode()
    assert "Tinggi" in page and 'id="sv-map"' in page
    # someone from another OPD cannot be assigned; nothing changes
    client.post(url, {"action": "assign", "assignee": str(outsider.pk)})
    client.post(url, {"action": "priority", "priority": "segera!"})
    pothole.refresh_from_db()
    assert pothole.assigned_to == colleague and pothole.priority == "tinggi"
    with pytest.raises(Exception, match="OPD"):
        request_assign(request=pothole, actor=outsider, assignee=outsider)


def test_merge_tells_the_reporter_and_they_follow_the_survivor(  # type: ignore[no-untyped-def]
    regency, catalogue, officer_pupr, make_user, django_capture_on_commit_callbacks
) -> None:
    survivor = _road(regency, catalogue, reporter_email="pertama@contoh.id")
    citizen = make_user(Role.WARGA, phone="+6281300001111")
    duplicate = _road(regency, catalogue, reporter=citizen, reporter_phone=citizen.phone)
    client = Client()
    client.force_login(officer_pupr)
    ConsoleSender.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/layanan/{duplicate.tracking_number}/",
            {"action": "merge", "survivor": survivor.tracking_number.lower()},
        )
    duplicate.refresh_from_db()
    assert duplicate.status == Status.DITOLAK and duplicate.duplicate_of == survivor
    assert survivor.tracking_number in ConsoleSender.outbox[-1].text  # told, with the number
    assert RequestSupport.objects.filter(request=survivor, user=citizen).exists()
    ConsoleSender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for target in (Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DIPROSES):
            survivor.refresh_from_db()
            survivor = request_transition(request=survivor, target=target, actor=officer_pupr)
    texts = [m.text for m in ConsoleSender.outbox if m.to == citizen.phone]
    assert texts and all(survivor.tracking_number in t for t in texts)
    # a bad merge target changes nothing
    third = _road(regency, catalogue)
    client.post(
        f"/layanan/{third.tracking_number}/", {"action": "merge", "survivor": "KTM-0000-XXXXXX"}
    )
    client.post(
        f"/layanan/{third.tracking_number}/", {"action": "merge", "survivor": third.tracking_number}
    )
    third.refresh_from_db()
    assert third.status == Status.DITERIMA and third.duplicate_of is None
