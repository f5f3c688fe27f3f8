"""Handover records, the BAST page with its verification QR, ownership passing to the
receiving OPD with the innovator's credit kept, and adoption milestones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import OPD, Role
from kotacerdas.innovation.models import AdoptionMilestone, Handover, ReviewStatus
from kotacerdas.innovation.services.handover import handover_record, milestone_complete
from kotacerdas.innovation.services.innovations import Invalid
from tests.innovation.helpers import accepted, bapperida, pdf, submitted

pytestmark = pytest.mark.django_db


def _data(regency, **over):  # type: ignore[no-untyped-def]
    data = {
        "bast_number": "BAST/007/INOV/2026",
        "handed_on": timezone.localdate().isoformat(),
        "place": "Aula Bapperida, Sampit",
        "giver_name": "Rina",
        "giver_role": "Penggiat inovasi, warga Baamang",
        "receiver_opd": str(OPD.objects.get(regency=regency, code="dishub").pk),
        "receiver_name": "Budi",
        "receiver_role": "Kepala Dinas Perhubungan",
        "source_code": "1",
        "rights": "1",
        "items": "Repositori git dan hak cipta aplikasi",
        "licence": "open-source",
        "licence_terms": "EUPL-1.2; penggagas dicantumkan",
        "adoption_plan": "Uji coba di PPM lalu seluruh Sampit",
    }
    data.update(over)
    return data


def _handed(regency):  # type: ignore[no-untyped-def]
    reviewer = bapperida(regency)
    item = accepted(regency, reviewer)
    item.submitted_at = timezone.now() - timedelta(days=10)
    item.save(update_fields=["submitted_at"])
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    handover = handover_record(
        innovation=item,
        data=_data(regency),
        milestones=[("Pelatihan juru parkir", due), ("", "")],
        actor=reviewer,
    )
    return item, handover


def test_ownership_passes_and_the_credit_stays(regency) -> None:
    item, handover = _handed(regency)
    item.refresh_from_db()
    assert item.owner_opd is not None and item.owner_opd.code == "dishub"
    assert item.credit_name == "Rina, warga Baamang"
    assert item.innovator is not None
    assert [m.title for m in handover.milestones.all()] == ["Pelatihan juru parkir"]


def test_the_bast_holds_the_record_facts_and_a_working_qr(regency, make_user) -> None:
    item, handover = _handed(regency)
    client = Client()
    client.force_login(make_user(Role.OFFICER))  # a Dishub officer: the receiving OPD
    page = client.get(f"/inovasi/kelola/{item.slug}/bast/")
    assert page.status_code == 200
    html = page.content.decode()
    for fact in (
        "BAST/007/INOV/2026",
        "Aula Bapperida, Sampit",
        "Rina",
        "Budi",
        "Kepala Dinas Perhubungan",
        "Dinas Perhubungan",
        "Lapak UMKM daring Baamang",
        "Sumber terbuka",
        "EUPL-1.2",
        "Pelatihan juru parkir",
        timezone.localdate().strftime("%d-%m-%Y"),
    ):
        assert fact in html, fact
    # The QR itself is decoded from a real rendering in the browser journey.
    assert "<svg" in html
    assert f"/inovasi/verifikasi/{handover.verify_code}/" in html
    verify = Client().get(f"/inovasi/verifikasi/{handover.verify_code}/")
    assert "BAST/007/INOV/2026" in verify.content.decode()
    assert Client().get("/inovasi/verifikasi/tidak-ada/").status_code == 404


def test_bad_handovers_save_nothing(regency) -> None:
    reviewer = bapperida(regency)
    item = accepted(regency, reviewer)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    with pytest.raises(Invalid) as caught:
        handover_record(
            innovation=item,
            data=_data(regency, handed_on=tomorrow, licence="x", source_code="", rights=""),
            milestones=[("Pelatihan", "31-12-2026")],
            actor=reviewer,
        )
    assert {"handed_on", "licence", "items", "milestone_1"} <= set(caught.value.errors)
    with pytest.raises(Invalid, match="sudah diterima"):
        handover_record(
            innovation=submitted(regency),
            data=_data(regency),
            milestones=[("Pelatihan", timezone.localdate().isoformat())],
            actor=reviewer,
        )
    assert not Handover.objects.exists()


def test_a_bast_number_is_used_once(regency) -> None:
    _handed(regency)
    other = accepted(regency, title="Pasar daring Ketapang")
    other.submitted_at = timezone.now() - timedelta(days=3)
    other.save(update_fields=["submitted_at"])
    with pytest.raises(Invalid, match="Nomor BAST sudah dipakai"):
        handover_record(
            innovation=other,
            data=_data(regency),
            milestones=[("Pelatihan", timezone.localdate().isoformat())],
            actor=bapperida(regency),
        )
    other.refresh_from_db()
    assert other.owner_opd is not None and other.owner_opd.code == "diskominfo"
    assert other.status == ReviewStatus.DITERIMA


def test_only_the_receiving_opd_records_milestones(regency, make_user) -> None:
    _item, handover = _handed(regency)
    milestone = AdoptionMilestone.objects.get(handover=handover)
    stranger = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dlh"))
    client = Client()
    client.force_login(stranger)
    assert client.post(f"/inovasi/adopsi/tonggak/{milestone.pk}/", {}).status_code == 403
    dishub = Client()
    dishub.force_login(make_user(Role.OFFICER))
    response = dishub.post(
        f"/inovasi/adopsi/tonggak/{milestone.pk}/",
        {
            "done_on": timezone.localdate().isoformat(),
            "note": "20 jukir dilatih",
            "evidence": pdf(),
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate() and milestone.evidence is not None
    with pytest.raises(Invalid, match="sudah dicatat"):
        milestone_complete(
            milestone=milestone,
            done_on=timezone.localdate().isoformat(),
            note="",
            upload=None,
            actor=make_user(Role.ADMIN),
        )
