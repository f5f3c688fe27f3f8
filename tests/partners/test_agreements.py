from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.core.models import AuditLog, Role
from kotacerdas.partners.jobs import send_expiry_alerts
from kotacerdas.partners.models import ExpiryAlert
from kotacerdas.partners.seed import UNDA_MOU, seed_demo
from kotacerdas.partners.selectors import agreement_by_number, agreements_active, expiring
from kotacerdas.partners.services.agreements import AgreementInvalid
from tests.factories import user_with
from tests.partners.conftest import agreement
from tests.training.conftest import officer_of, second_regency


@pytest.mark.django_db
def test_stable_selectors_are_scoped_by_regency(regency) -> None:  # type: ignore[no-untyped-def]
    other = second_regency()
    mine = agreement("MOU-1")
    agreement("MOU-1", regency=other)
    agreement("MOU-OLD", signed_on=date(2015, 1, 1), valid_until=date(2020, 1, 1))
    assert agreement_by_number(regency=regency, number="MOU-1") == mine
    assert agreement_by_number(regency=regency, number=" MOU-1 ") == mine
    assert agreement_by_number(regency=regency, number="nope") is None
    active = list(agreements_active(regency=regency, on=date(2026, 11, 30)))
    assert active == [mine]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"valid_until": date(2023, 1, 1)}, "sebelum tanggal"),
        ({"title": "x" * 201}, "terlalu panjang"),
        ({"title": "a\x00b"}, "tidak sah"),
        ({"kind": "surat"}, "MoU atau PKS"),
        ({"signed_on": date(1900, 1, 1), "valid_until": date(1901, 1, 1)}, "tidak masuk akal"),
    ],
)
def test_bad_agreements_are_refused(regency, kwargs, fragment) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AgreementInvalid) as caught:
        agreement("MOU-X", **kwargs)
    assert fragment in str(caught.value)


@pytest.mark.django_db
def test_duplicate_number_is_a_clear_error(regency) -> None:  # type: ignore[no-untyped-def]
    agreement("MOU-1")
    with pytest.raises(AgreementInvalid, match="sudah tercatat"):
        agreement("MOU-1")


@pytest.mark.django_db
def test_expiry_alerts_at_90_and_30_days_are_mailed_once(
    regency, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer_of("diskominfo").save()
    bkpsdm = officer_of("bkpsdm")
    dishub = officer_of("dishub")
    item = agreement("PKS-9", valid_until=date(2026, 12, 31))
    agreement("PKS-LATER", valid_until=date(2027, 12, 31))
    agreement("PKS-KOBAR", regency=second_regency(), valid_until=date(2026, 12, 31))
    today = date(2026, 10, 5)  # 87 days before the end
    assert [w.threshold for w in expiring(regency=regency, on=today)] == [90]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expiry_alerts(today=today) == 2  # Kotim's and Kobar's
        assert send_expiry_alerts(today=today) == 0
    sent = [m for m in mail.outbox if "PKS-9" in m.subject]
    assert len(sent) == 1
    assert bkpsdm.email in sent[0].to and dishub.email not in sent[0].to
    assert send_expiry_alerts(today=date(2026, 12, 2)) == 2  # 29 days: the 30-day alert
    assert set(
        ExpiryAlert.objects.filter(agreement=item).values_list("days_before", flat=True)
    ) == {90, 30}
    assert AuditLog.objects.filter(action="partners.agreement.expiry_alert").count() == 4


@pytest.mark.django_db
def test_staff_page_shows_alerts_and_public_page_hides_private_things(regency) -> None:  # type: ignore[no-untyped-def]
    seed_demo(regency)
    seed_demo(regency)  # idempotent
    agreement("MOU-RAHASIA", is_public=False)
    agreement("MOU-KOBAR-ONLY", regency=second_regency())
    # Two regencies now: public pages find theirs by host (docs/security-scoping.md).
    type(regency).objects.filter(pk=regency.pk).update(hosts="testserver")
    public = Client().get("/kerja-sama/").content.decode()
    assert "Universitas Darwan Ali" in public and "Universitas Lambung Mangkurat" in public
    assert "ilustratif" in public
    assert "MOU-RAHASIA" not in public and "Peningkatan kapasitas TI ASN" not in public
    assert "KOBAR" not in public
    client = Client()
    client.force_login(officer_of("diskominfo"))
    page = client.get("/mitra/").content.decode()
    assert "PKS-UNDA-2026-01" in page and UNDA_MOU in page


@pytest.mark.django_db
def test_scans_are_pdf_only_and_private(regency, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PRIVATE_MEDIA_ROOT = str(tmp_path)
    item = agreement("MOU-SCAN")
    staff = Client()
    staff.force_login(officer_of("diskominfo"))
    url = f"/mitra/perjanjian/{item.pk}/"
    bad = staff.post(url, {"action": "scan", "scan": SimpleUploadedFile("a.pdf", b"GIF89a")})
    assert bad.status_code == 400 and "PDF" in bad.content.decode()
    good = staff.post(url, {"action": "scan", "scan": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
    assert good.status_code == 302
    assert staff.get(url + "pindaian.pdf").status_code == 200
    head = Client()
    head.force_login(officer_of("dishub"))
    assert head.get(url + "pindaian.pdf").status_code == 403
    auditor = Client()
    auditor.force_login(user_with(Role.AUDITOR))
    assert auditor.get(url + "pindaian.pdf").status_code == 200
    stored = next(iter(tmp_path.glob("**/*.pdf")))
    assert not stored.is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.django_db
def test_obligations_need_evidence_when_done(regency) -> None:  # type: ignore[no-untyped-def]
    item = agreement("MOU-OB")
    staff = Client()
    staff.force_login(officer_of("bkpsdm"))
    url = f"/mitra/perjanjian/{item.pk}/"
    assert (
        staff.post(
            url,
            {
                "action": "obligation",
                "party": "UNDA",
                "description": "Laporan",
                "due_on": "2026-12-01",
            },
        ).status_code
        == 302
    )
    ob = item.obligations.get()
    refused = staff.post(url, {"action": "status", "obligation": ob.pk, "status": "selesai"})
    assert refused.status_code == 400
    ok = staff.post(
        url,
        {"action": "status", "obligation": ob.pk, "status": "selesai", "evidence": "BA 12/2026"},
    )
    assert ok.status_code == 302
    ob.refresh_from_db()
    assert ob.status == "selesai"
    head = Client()
    head.force_login(officer_of("dishub"))
    assert (
        head.post(url, {"action": "status", "obligation": ob.pk, "status": "batal"}).status_code
        == 403
    )
