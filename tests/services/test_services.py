from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kotacerdas.core.models import OPD, AuditLog, Kecamatan
from kotacerdas.core.timeutil import WIB
from kotacerdas.services.jobs import close_unanswered, escalate_overdue
from kotacerdas.services.models import (
    Channel,
    PhotoKind,
    RegionalDayOff,
    RequestUpdate,
    ServiceRequest,
    Status,
)
from kotacerdas.services.selectors import dashboard, duplicate_candidates, queue_for
from kotacerdas.services.services.handling import (
    request_note_add,
    request_rate,
    request_reopen,
    request_transition,
)
from kotacerdas.services.services.parking import parking_complaint_file
from kotacerdas.services.services.requests import RequestInvalid, request_submit
from kotacerdas.services.workdays import due_after
from kotacerdas.services.workflow import TransitionRefused
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db


def _audits(item: ServiceRequest) -> list[str]:
    return list(
        AuditLog.objects.filter(object_type="services.servicerequest", object_id=str(item.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def _walk(item: ServiceRequest, officer, *, until: Status) -> ServiceRequest:  # type: ignore[no-untyped-def]
    for step in (Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DIPROSES, Status.SELESAI):
        extra = {"after_photo": upload()} if step == Status.SELESAI else {}
        item = request_transition(request=item, target=step, actor=officer, note=f"{step}", **extra)
        if step == until:
            break
    return item


def test_submit_routes_starts_the_clock_and_audits(pothole, regency) -> None:  # type: ignore[no-untyped-def]
    assert pothole.status == Status.DITERIMA
    assert pothole.opd.code == "pupr"
    assert pothole.tracking_number.startswith("KTM-")
    assert len(pothole.tracking_number) == len("KTM-2611-ABCDEF")
    assert pothole.due_at == due_after(regency, pothole.requested_at, 3)
    assert pothole.photos.filter(kind=PhotoKind.REPORT).count() == 1
    assert _audits(pothole) == ["services.request.submit"]
    # the audit row carries no personal data
    entry = AuditLog.objects.get(object_id=str(pothole.pk))
    assert "budi" not in str(entry.after).lower()


def test_tracking_numbers_are_not_sequential(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    numbers = [
        request_submit(
            regency=regency,
            service=catalogue["sampah"],
            channel=Channel.WEB,
            address="PPM",
        ).tracking_number
        for _ in range(5)
    ]
    tails = [n.rsplit("-", 1)[1] for n in numbers]
    assert len(set(tails)) == 5
    assert tails != sorted(tails) or tails != [f"{i:06d}" for i in range(1, 6)]
    assert all(not t.isdigit() or len(set(t)) > 1 for t in tails)


def test_location_is_required_and_attributes_are_checked(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    service = catalogue["jalan-rusak"]
    with pytest.raises(RequestInvalid, match="Lokasi"):
        request_submit(
            regency=regency, service=service, channel=Channel.WEB, attributes={"tingkat": ["berat"]}
        )
    with pytest.raises(RequestInvalid, match="Wajib diisi: Seberapa parah"):
        request_submit(regency=regency, service=service, channel=Channel.WEB, address="Jl. Metro")
    with pytest.raises(RequestInvalid, match="tidak dikenal"):
        request_submit(
            regency=regency,
            service=service,
            channel=Channel.WEB,
            address="Jl. Metro",
            attributes={"tingkat": ["parah sekali"]},
        )
    with pytest.raises(RequestInvalid, match="angka"):
        request_submit(
            regency=regency,
            service=service,
            channel=Channel.WEB,
            address="Jl. Metro",
            attributes={"tingkat": ["berat"], "lebar_cm": ["lebar"]},
        )
    with pytest.raises(RequestInvalid, match="Lintang"):
        request_submit(
            regency=regency,
            service=service,
            channel=Channel.WEB,
            lat="95",
            lon="112.9",
            attributes={"tingkat": ["berat"]},
        )
    assert not ServiceRequest.objects.exists()


def test_routing_rule_by_kecamatan(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    parenggean = Kecamatan.objects.get(regency=regency, name="Parenggean")
    baamang = Kecamatan.objects.get(regency=regency, name="Baamang")
    far = request_submit(
        regency=regency,
        service=catalogue["sampah"],
        channel=Channel.WEB,
        address="Pasar",
        kecamatan=parenggean,
    )
    near = request_submit(
        regency=regency,
        service=catalogue["sampah"],
        channel=Channel.WEB,
        address="Pasar",
        kecamatan=baamang,
    )
    assert far.opd.code == "kec-parenggean"
    assert near.opd.code == "dlh"


def test_full_lifecycle_with_audit_and_timeline(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    item = _walk(pothole, officer_pupr, until=Status.DIPROSES)
    assert item.forwarded_at is not None
    with pytest.raises(TransitionRefused, match="foto sesudah"):
        request_transition(request=item, target=Status.SELESAI, actor=officer_pupr)
    item = request_transition(
        request=item,
        target=Status.SELESAI,
        actor=officer_pupr,
        note="Sudah ditambal",
        after_photo=upload(),
    )
    assert item.status == Status.SELESAI and item.resolved_at is not None
    assert item.due_at == due_after(item.regency, item.resolved_at, 10)
    assert item.photos.filter(kind=PhotoKind.AFTER).count() == 1
    assert item.status_notes == "Sudah ditambal"
    item = request_rate(request=item, rating=5, comment="Cepat")
    assert item.status == Status.DITUTUP and item.rating == 5
    assert _audits(item) == [
        "services.request.submit",
        "services.request.diverifikasi",
        "services.request.diteruskan",
        "services.request.diproses",
        "services.request.selesai",
        "services.request.rate",
        "services.request.ditutup",
    ]
    statuses = list(
        RequestUpdate.objects.filter(request=item, is_public=True).values_list(
            "status_to", flat=True
        )
    )
    assert statuses == ["diterima", "diverifikasi", "diteruskan", "diproses", "selesai", "ditutup"]


def test_forbidden_transition_changes_nothing(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionRefused):
        request_transition(
            request=pothole, target=Status.SELESAI, actor=officer_pupr, after_photo=upload()
        )
    pothole.refresh_from_db()
    assert pothole.status == Status.DITERIMA
    assert _audits(pothole) == ["services.request.submit"]


def test_officer_of_another_opd_cannot_handle(pothole, officer_dishub, admin_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=officer_dishub)
    assert pothole not in queue_for(user=officer_dishub)
    assert pothole in queue_for(user=admin_user)
    item = request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=admin_user)
    assert item.status == Status.DIVERIFIKASI


def test_forward_to_another_opd_and_reject_needs_reason(pothole, admin_user, regency) -> None:  # type: ignore[no-untyped-def]
    item = request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=admin_user)
    dlh = OPD.objects.get(regency=regency, code="dlh")
    item = request_transition(
        request=item, target=Status.DITERUSKAN, actor=admin_user, target_opd=dlh
    )
    assert item.opd == dlh
    with pytest.raises(RequestInvalid):
        request_transition(request=item, target=Status.DITOLAK, actor=admin_user)
    item = request_transition(
        request=item, target=Status.DITOLAK, actor=admin_user, note="Bukan kewenangan"
    )
    assert item.status == Status.DITOLAK and item.closed_at is not None and item.due_at is None


def test_reopen_when_the_fix_did_not_hold(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    item = _walk(pothole, officer_pupr, until=Status.SELESAI)
    item = request_rate(request=item, rating=2)
    with pytest.raises(RequestInvalid):
        request_reopen(request=item, reason=" ")
    item = request_reopen(request=item, reason="Lubang muncul lagi setelah hujan")
    assert item.status == Status.DIPROSES
    assert item.reopen_count == 1 and item.rating is None and item.closed_at is None
    assert "services.request.diproses" in _audits(item)[-1]


def test_rating_only_after_resolution(pothole) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionRefused):
        request_rate(request=pothole, rating=4)
    with pytest.raises(RequestInvalid):
        request_rate(request=pothole, rating=6)


def test_notes_public_and_internal(pothole, officer_pupr, officer_dishub) -> None:  # type: ignore[no-untyped-def]
    request_note_add(request=pothole, actor=officer_pupr, note="Cek lokasi besok", is_public=False)
    request_note_add(
        request=pothole, actor=officer_pupr, note="Petugas dijadwalkan", is_public=True
    )
    pothole.refresh_from_db()
    assert pothole.status_notes == "Petugas dijadwalkan"
    assert pothole.updates.filter(is_public=False, note="Cek lokasi besok").exists()
    with pytest.raises(PermissionDenied):
        request_note_add(request=pothole, actor=officer_dishub, note="x", is_public=True)
    assert _audits(pothole).count("services.request.note") == 2


def test_duplicates_by_distance_and_time(pothole, regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    def near(lat: str, lon: str) -> ServiceRequest:
        return request_submit(
            regency=regency,
            service=catalogue["jalan-rusak"],
            channel=Channel.WEB,
            lat=lat,
            lon=lon,
            attributes={"tingkat": ["sedang"]},
        )

    close = near("-2.539500", "112.953300")  # ≈ 65 m away
    far = near("-2.545000", "112.953000")  # ≈ 670 m away
    old = near("-2.539100", "112.953000")
    ServiceRequest.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - timedelta(days=45)
    )
    found = duplicate_candidates(request=pothole)
    assert [c.request.pk for c in found] == [close.pk]
    assert 40 < found[0].distance_m < 90
    assert far.pk not in [c.request.pk for c in duplicate_candidates(request=close)]


def test_regional_day_off_moves_the_due_date(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    start = timezone.datetime(2026, 3, 17, 9, 0, tzinfo=WIB)
    assert due_after(regency, start, 3).date().isoformat() == "2026-03-27"
    RegionalDayOff.objects.create(
        regency=regency, date=timezone.datetime(2026, 3, 26).date(), name="Uji"
    )
    assert due_after(regency, start, 3).date().isoformat() == "2026-03-30"


def test_escalation_and_auto_close_jobs(pothole, officer_pupr, regency) -> None:  # type: ignore[no-untyped-def]
    ServiceRequest.objects.filter(pk=pothole.pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert escalate_overdue() == 1
    assert escalate_overdue() == 0  # same level: once
    pothole.refresh_from_db()
    assert pothole.escalation_level == 1 and pothole.sla_breached
    assert pothole.updates.filter(kind="escalation", is_public=False).count() == 1
    assert "services.request.escalate" in _audits(pothole)
    ServiceRequest.objects.filter(pk=pothole.pk).update(due_at=timezone.now() - timedelta(days=3))
    assert escalate_overdue() == 1
    pothole.refresh_from_db()
    assert pothole.escalation_level == 3

    done = _walk(pothole, officer_pupr, until=Status.SELESAI)
    assert close_unanswered() == 0
    ServiceRequest.objects.filter(pk=done.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    assert close_unanswered() == 1
    done.refresh_from_db()
    assert done.status == Status.DITUTUP
    figures = {
        f.opd.code: f for f in dashboard(regency=regency, since=timezone.now() - timedelta(days=1))
    }
    assert figures["pupr"].closed == 1 and figures["pupr"].compliance == 0


def test_dashboard_counts_per_opd(pothole, regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    request_submit(
        regency=regency,
        service=catalogue["lampu-jalan"],
        channel=Channel.WEB,
        address="Taman Kota",
        attributes={"kondisi": ["mati"]},
    )
    ServiceRequest.objects.filter(pk=pothole.pk).update(due_at=timezone.now() - timedelta(hours=1))
    figures = {
        f.opd.code: f for f in dashboard(regency=regency, since=timezone.now() - timedelta(days=1))
    }
    assert (figures["pupr"].total, figures["pupr"].open, figures["pupr"].overdue) == (1, 1, 1)
    assert (figures["dishub"].total, figures["dishub"].overdue) == (1, 0)
    assert figures["dishub"].compliance is None


def test_parking_complaint_hook(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    item = parking_complaint_file(
        regency=regency,
        attendant_code="J0001",
        kind="tarif_lebih",
        description="Diminta Rp 5.000",
        contact="0812-3456-789",
    )
    assert item.service.code == "pengaduan-parkir" and item.opd.code == "dishub"
    assert item.channel == Channel.PARKING
    assert item.attributes["jenis"] == "tarif_lebih" and item.attributes["kode_jukir"] == "J0001"
    assert item.reporter_phone == "+628123456789" and item.reporter_email == ""
    with pytest.raises(RequestInvalid):
        parking_complaint_file(regency=regency, attendant_code="J0001", kind="lainnya")


def test_transition_is_refused_when_status_changed_underneath(pothole, officer_pupr) -> None:  # type: ignore[no-untyped-def]
    stale = ServiceRequest.objects.get(pk=pothole.pk)
    request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=officer_pupr)
    # the stale copy still says "diterima"; the locked re-read sees "diverifikasi"
    with pytest.raises(TransitionRefused):
        request_transition(request=stale, target=Status.DIVERIFIKASI, actor=officer_pupr)
    audit = mock.patch(
        "kotacerdas.services.services.handling.audit_record", side_effect=RuntimeError
    )
    with audit, pytest.raises(RuntimeError):
        request_transition(request=pothole, target=Status.DITERUSKAN, actor=officer_pupr)
    pothole.refresh_from_db()
    assert pothole.status == Status.DIVERIFIKASI  # rolled back with the failed audit
