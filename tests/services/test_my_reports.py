"""*Laporan saya*: a citizen account sees its own reports, adds to open ones, chooses
notices and rates; nobody else (not another citizen, not a second regency) gets in; an
anonymous report filed from an account stays anonymous to staff."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from kotacerdas.core.models import AuditLog, Regency, Role
from kotacerdas.services.models import Channel, RequestUpdate, Status
from kotacerdas.services.notifications import ConsoleSender
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import request_submit
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga(make_user):  # type: ignore[no-untyped-def]
    return make_user(Role.WARGA, phone="+6281234567890")


def _file(regency, catalogue, user, **kwargs):  # type: ignore[no-untyped-def]
    return request_submit(
        regency=regency,
        service=catalogue["jalan-rusak"],
        channel=Channel.WEB,
        description="Lubang di Jl. Metro",
        lat="-2.536",
        lon="112.958",
        attributes={"tingkat": ["berat"]},
        photos=[upload()],
        reporter=user,
        reporter_phone=user.phone,
        **kwargs,
    )


def test_list_detail_add_and_notify(regency: Regency, catalogue, warga, make_user) -> None:  # type: ignore[no-untyped-def]
    own = _file(regency, catalogue, warga)
    other_citizen = make_user(Role.WARGA)
    theirs = _file(regency, catalogue, other_citizen)
    client = Client()
    client.force_login(warga)
    page = client.get("/lapor/saya/").content.decode()
    assert own.tracking_number in page and theirs.tracking_number not in page
    assert client.get(f"/lapor/akun/{theirs.tracking_number}/").status_code == 404
    detail = client.get(f"/lapor/akun/{own.tracking_number}/")
    assert detail.status_code == 200 and "Diterima" in detail.content.decode()

    added = client.post(
        f"/lapor/akun/{own.tracking_number}/tambah",
        {"comment": "Lubangnya makin lebar", "photo": upload()},
    )
    assert added.status_code == 302
    assert own.photos.count() == 2
    note = RequestUpdate.objects.get(request=own, actor=warga)
    assert note.note == "Lubangnya makin lebar" and not note.is_public
    assert "makin lebar" not in client.get(f"/lapor/status/{own.tracking_number}/").content.decode()
    # empty addition: refused, nothing stored
    client.post(f"/lapor/akun/{own.tracking_number}/tambah", {"comment": "   "})
    assert RequestUpdate.objects.filter(request=own, actor=warga).count() == 1
    # someone else's report: not found, nothing stored
    client.post(f"/lapor/akun/{theirs.tracking_number}/tambah", {"comment": "iseng"})
    assert not RequestUpdate.objects.filter(request=theirs, actor=warga).exists()

    client.post(f"/lapor/akun/{own.tracking_number}/pemberitahuan", {"status": ["selesai"]})
    own.refresh_from_db()
    assert own.notify_statuses == ["selesai"]


def test_choice_of_notices_is_respected(regency: Regency, catalogue, warga, make_user) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(Role.ADMIN)
    item = _file(regency, catalogue, warga)
    item.notify_statuses = ["selesai"]
    item.save()
    ConsoleSender.outbox.clear()
    mail.outbox.clear()

    for target in (Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DIPROSES):
        item.refresh_from_db()
        request_transition(request=item, target=target, actor=officer, note="langkah")
    assert ConsoleSender.outbox == []


def test_anonymous_report_from_an_account_stays_anonymous(  # type: ignore[no-untyped-def]
    regency: Regency, catalogue, warga, make_user
) -> None:
    item = _file(regency, catalogue, warga, is_anonymous=True, reporter_name="Budi")
    officer = make_user(Role.OFFICER, opd=item.opd)
    client = Client()
    client.force_login(officer)
    page = client.get(f"/layanan/{item.tracking_number}/").content.decode()
    assert "Budi" not in page and "0812" not in page and warga.username not in page
    entry = AuditLog.objects.get(action="services.request.submit", object_id=str(item.pk))
    assert entry.actor_id is None and warga.username not in entry.actor_label
    # the citizen still finds it under Laporan saya
    client.force_login(warga)
    assert item.tracking_number in client.get("/lapor/saya/").content.decode()


def test_rating_comment_is_shown_back(regency: Regency, catalogue, warga, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(Role.ADMIN)
    item = _file(regency, catalogue, warga)
    for target in (Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DIPROSES):
        item.refresh_from_db()
        request_transition(request=item, target=target, actor=admin)
    item.refresh_from_db()
    request_transition(request=item, target=Status.SELESAI, actor=admin, after_photo=upload())
    client = Client()
    client.force_login(warga)
    client.post(
        f"/lapor/akun/{item.tracking_number}/nilai", {"rating": "4", "comment": "Cepat, rapi"}
    )
    item.refresh_from_db()
    assert item.rating == 4
    assert "Cepat, rapi" in client.get(f"/lapor/akun/{item.tracking_number}/").content.decode()


def test_second_regency_citizen_sees_nothing(regency: Regency, catalogue, warga) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import user_with

    other = Regency.objects.create(
        code="6201",
        name="Kabupaten Kotawaringin Barat",
        capital="Pangkalan Bun",
        jurisdiction_id="kotawaringinbaratkab.go.id",
        centre_lat="-2.68",
        centre_lon="111.62",
    )
    item = _file(regency, catalogue, warga)
    stranger = user_with(Role.WARGA, regency=other)
    # even if the reporter FK pointed at them, the regency scope hides the report
    client = Client()
    client.force_login(stranger)
    assert item.tracking_number not in client.get("/lapor/saya/").content.decode()
    assert client.get(f"/lapor/akun/{item.tracking_number}/").status_code == 404
