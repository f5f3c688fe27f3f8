"""Per-service workflow options: after-photo required or not, forwarding as a separate
step or not, and the officer's typed note surviving a refused change."""

from __future__ import annotations

import pytest
from django.test import Client

from kotacerdas.core.models import OPD, Role
from kotacerdas.services.models import Channel, Status
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import request_submit
from kotacerdas.services.workflow import Actor, TransitionRefused, next_statuses
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db


def _ppid(regency, catalogue):  # type: ignore[no-untyped-def]
    return request_submit(
        regency=regency,
        service=catalogue["informasi-publik"],
        channel=Channel.WEB,
        description="Mohon salinan APBD 2025",
        attributes={
            a.code: ["x"] if a.datatype in ("string", "text") else [a.value_keys()[0]]
            for a in catalogue["informasi-publik"].attributes.filter(required=True)
        },
    )


def test_seeded_options(catalogue) -> None:  # type: ignore[no-untyped-def]
    pothole, ppid, ktp = (
        catalogue["jalan-rusak"],
        catalogue["informasi-publik"],
        catalogue["ktp-el"],
    )
    assert pothole.location_required and pothole.after_photo_required and pothole.forward_separate
    assert not ppid.location_required and not ppid.after_photo_required
    assert not ppid.forward_separate and not ktp.location_required


def test_information_request_needs_no_location_and_closes_without_photo(  # type: ignore[no-untyped-def]
    regency, catalogue, make_user
) -> None:
    officer = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="diskominfo"))
    item = _ppid(regency, catalogue)  # no point, no address: fine for PPID
    assert item.lat is None and item.address == ""
    assert next_statuses(Status.DIVERIFIKASI, Actor.STAFF, forward_separate=False).count(
        Status.DIPROSES
    )
    item = request_transition(request=item, target=Status.DIVERIFIKASI, actor=officer)
    item = request_transition(request=item, target=Status.DIPROSES, actor=officer)  # no forward
    assert item.forwarded_at is not None
    item = request_transition(
        request=item, target=Status.SELESAI, actor=officer, note="Salinan dikirim lewat email."
    )
    assert item.status == Status.SELESAI and not item.photos.filter(kind="after").exists()


def test_repair_keeps_its_forwarding_step_and_after_photo(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    item = request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=officer_pupr)
    assert Status.DIPROSES not in next_statuses(item.status, Actor.STAFF)
    with pytest.raises(TransitionRefused, match="diteruskan"):
        request_transition(request=item, target=Status.DIPROSES, actor=officer_pupr)
    item = request_transition(request=item, target=Status.DITERUSKAN, actor=officer_pupr)
    item = request_transition(request=item, target=Status.DIPROSES, actor=officer_pupr)
    with pytest.raises(TransitionRefused, match="foto"):
        request_transition(request=item, target=Status.SELESAI, actor=officer_pupr)
    item = request_transition(
        request=item, target=Status.SELESAI, actor=officer_pupr, after_photo=upload()
    )
    assert item.status == Status.SELESAI


def test_typed_note_survives_a_refused_change(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(officer_pupr)
    url = f"/layanan/{pothole.tracking_number}/"
    response = client.post(
        url,
        {
            "action": "transition",
            "target": "selesai",  # not allowed from "diterima"
            "note": "Sudah ditambal oleh tim UPT Jalan pagi ini",
            "internal_note": "Material dari gudang Baamang",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Sudah ditambal oleh tim UPT Jalan pagi ini" in page
    assert "Material dari gudang Baamang" in page
    pothole.refresh_from_db()
    assert pothole.status == Status.DITERIMA
