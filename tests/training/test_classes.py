from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import AuditLog, Role
from kotacerdas.training.models import (
    Attendance,
    Credential,
    Enrolment,
    EnrolmentStatus,
    JpEntry,
)
from kotacerdas.training.services.attendance import (
    attendance_by_qr,
    attendance_manual,
    current_code,
)
from kotacerdas.training.services.classes import (
    class_finish,
    enrolment_decide,
    enrolment_nominate,
    scores_set,
)
from kotacerdas.training.workflow import TrainingRefused
from tests.factories import user_with
from tests.training.conftest import make_asn, officer_of
from tests.training.world import build_world


def enrol_all(world, actor):  # type: ignore[no-untyped-def]
    head = officer_of("dishub")
    rows = [enrolment_nominate(training_class=world.klass, asn=a, actor=head) for a in world.asns]
    return [enrolment_decide(enrolment=e, accept=True, actor=actor) for e in rows]


@pytest.mark.django_db
def test_nomination_respects_the_opd_quota_and_is_not_half_saved(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    world = build_world(quota=1)
    head = officer_of("dishub")
    enrolment_nominate(training_class=world.klass, asn=world.asns[0], actor=head)
    with pytest.raises(TrainingRefused, match="Kuota OPD sudah penuh"):
        enrolment_nominate(training_class=world.klass, asn=world.asns[1], actor=head)
    bapenda_asn = make_asn("199202022015011001", opd_code="bapenda")
    with pytest.raises(TrainingRefused, match="tidak mendapat kuota"):
        enrolment_nominate(training_class=world.klass, asn=bapenda_asn, actor=head)
    with pytest.raises(TrainingRefused, match="sudah diusulkan"):
        enrolment_nominate(training_class=world.klass, asn=world.asns[0], actor=head)
    assert Enrolment.objects.count() == 1


@pytest.mark.django_db
def test_an_opd_head_nominates_only_their_own_staff_through_the_page() -> None:
    world = build_world()
    bapenda_asn = make_asn("199202022015011001", opd_code="bapenda")
    client = Client()
    client.force_login(officer_of("dishub"))
    url = f"/pelatihan/kelas/{world.klass.pk}/"
    page = client.get(url).content.decode()
    assert "Peserta 1" in page and bapenda_asn.name not in page
    assert client.post(url, {"action": "nominate", "asn": bapenda_asn.pk}).status_code == 403
    assert client.post(url, {"action": "nominate", "asn": world.asns[0].pk}).status_code == 302
    assert client.post(url, {"action": "accept", "enrolment": 1}).status_code == 403
    assert Enrolment.objects.get().nominated_by.opd.code == "dishub"


@pytest.mark.django_db
def test_qr_attendance_refuses_stale_codes_strangers_and_outside_the_window(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    world = build_world(now=now)
    enrol_all(world, bkpsdm)
    first = world.sessions[0]
    user = world.asn_users[0]
    code = current_code(first, now)
    row, created = attendance_by_qr(session=first, code=code, user=user, now=now)
    assert created and row.method == "qr"
    assert attendance_by_qr(session=first, code=code, user=user, now=now)[1] is False
    with pytest.raises(TrainingRefused, match="kedaluwarsa"):
        attendance_by_qr(session=first, code=code, user=user, now=now + timedelta(seconds=61))
    stranger = user_with(Role.ASN)
    with pytest.raises(TrainingRefused, match="tidak terdaftar"):
        attendance_by_qr(session=first, code=code, user=stranger, now=now)
    later = world.sessions[2]  # starts in two days
    with pytest.raises(TrainingRefused, match="belum dibuka"):
        attendance_by_qr(session=later, code=current_code(later, now), user=user, now=now)
    ended = now + timedelta(hours=3)
    with pytest.raises(TrainingRefused, match="berakhir"):
        attendance_by_qr(session=first, code=current_code(first, ended), user=user, now=ended)
    assert Attendance.objects.count() == 1


@pytest.mark.django_db
def test_the_check_in_link_works_for_the_asn_and_refuses_an_old_code(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    enrol_all(world, bkpsdm)
    session = world.sessions[0]
    lecturer = Client()
    lecturer.force_login(world.lecturer)
    qr = lecturer.get(f"/pelatihan/sesi/{session.pk}/qr.json").json()
    assert qr["url"].startswith("http") and "<svg" in qr["svg"]
    path = qr["url"].split("://", 1)[1].split("/", 1)[1]
    phone = Client()
    phone.force_login(world.asn_users[0])
    assert phone.get("/" + path).status_code == 200
    done = phone.post("/" + path)
    assert "tercatat" in done.content.decode()
    old = phone.post(f"/hadir/{session.pk}/aaaaaaaaaaaa")
    assert old.status_code == 400 and "kedaluwarsa" in old.content.decode()
    other_lecturer = Client()
    other_lecturer.force_login(user_with(Role.DOSEN))
    assert other_lecturer.get(f"/pelatihan/sesi/{session.pk}/qr").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["101", "-1", "7.5", "٩٠", "1" * 30, "abc"])
def test_scores_outside_0_100_are_refused_and_nothing_is_saved(bkpsdm, bad: str) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    one, two = enrol_all(world, bkpsdm)
    with pytest.raises(TrainingRefused, match="0–100"):
        scores_set(
            training_class=world.klass,
            scores={one.pk: ("40", "90"), two.pk: ("50", bad)},
            actor=world.lecturer,
        )
    one.refresh_from_db()
    assert one.post_score is None


@pytest.mark.django_db
def test_finishing_a_class_decides_by_the_course_rule_books_jp_and_issues_credentials(
    bkpsdm,
) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    world = build_world(now=now)
    one, two = enrol_all(world, bkpsdm)
    for session in world.sessions:
        attendance_manual(
            session=session, enrolment=one, actor=world.lecturer, now=session.starts_at
        )
    attendance_manual(
        session=world.sessions[0],
        enrolment=two,
        actor=world.lecturer,
        now=world.sessions[0].starts_at,
    )
    scores_set(
        training_class=world.klass,
        scores={one.pk: ("55", "85"), two.pk: ("60", "95")},
        actor=world.lecturer,
    )
    decided = class_finish(training_class=world.klass, actor=world.lecturer)
    status = {e.pk: e.status for e in decided}
    assert status == {one.pk: EnrolmentStatus.COMPLETED, two.pk: EnrolmentStatus.NOT_COMPLETED}
    assert JpEntry.objects.get().asn == one.asn
    assert JpEntry.objects.get().jp == 12
    assert Credential.objects.get().enrolment == one
    assert "Kehadiran 33%" in Enrolment.objects.get(pk=two.pk).decision_note
    with pytest.raises(TrainingRefused):
        class_finish(training_class=world.klass, actor=world.lecturer)
    assert AuditLog.objects.filter(action="training.credential.issue").count() == 1


@pytest.mark.django_db
def test_a_second_regency_sees_none_of_kotims_classes(other_regency) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    stranger = officer_of("bkpsdm", regency=other_regency)
    client = Client()
    client.force_login(stranger)
    assert world.course.title not in client.get("/pelatihan/").content.decode()
    assert client.get(f"/pelatihan/kelas/{world.klass.pk}/").status_code == 404
    assert client.get(f"/pelatihan/sesi/{world.sessions[0].pk}/qr").status_code == 404
