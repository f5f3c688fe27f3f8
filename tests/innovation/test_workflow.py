"""The review workflow (one transition table, audited, notes for the innovator), the
stage rules and the bad-input rules of a proposal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kotacerdas.core.models import OPD, AuditLog, Role
from kotacerdas.innovation.models import Criterion, Innovation, ReviewStatus, Stage
from kotacerdas.innovation.services.innovations import (
    Invalid,
    draft_from_data,
    innovation_review,
    innovation_revise,
    innovation_stage_advance,
)
from kotacerdas.innovation.workflow import TRANSITIONS, Actor, TransitionRefused, transition_check
from tests.innovation.helpers import accepted, bapperida, form_data, submitted

pytestmark = pytest.mark.django_db
R = ReviewStatus


def test_the_table_allows_exactly_these_moves() -> None:
    assert set(TRANSITIONS) == {
        (R.DIAJUKAN, R.PERLU_REVISI),
        (R.DIAJUKAN, R.DITERIMA),
        (R.DIAJUKAN, R.DITOLAK),
        (R.PERLU_REVISI, R.DIAJUKAN),
        (R.PERLU_REVISI, R.DITOLAK),
    }
    for final in (R.DITERIMA, R.DITOLAK):
        for target in R:
            with pytest.raises(TransitionRefused):
                transition_check(final, target, Actor.REVIEWER)
    with pytest.raises(TransitionRefused):
        transition_check(R.DIAJUKAN, R.DITERIMA, Actor.INNOVATOR)
    with pytest.raises(TransitionRefused):
        transition_check(R.PERLU_REVISI, R.DIAJUKAN, Actor.REVIEWER)


def test_revision_round_trip_is_audited_and_the_note_reaches_the_innovator(regency) -> None:
    reviewer = bapperida(regency)
    item = submitted(regency)
    innovator = item.innovator
    assert innovator is not None
    innovation_review(
        innovation=item,
        target=R.PERLU_REVISI,
        note="Lengkapi data penerima manfaat.",
        criteria=[],
        actor=reviewer,
    )
    item.refresh_from_db()
    assert item.status == R.PERLU_REVISI
    note = item.events.get(to_value=R.PERLU_REVISI)
    assert note.note == "Lengkapi data penerima manfaat." and not note.public
    draft = draft_from_data(
        regency=regency,
        data=form_data(solution="Katalog daring; 120 UMKM sudah terdaftar."),
        lists={"elements": ["SE-WE"], "criteria": []},
    )
    with pytest.raises(Invalid):  # only the innovator may fix it
        innovation_revise(innovation=item, draft=draft, actor=reviewer)
    innovation_revise(innovation=item, draft=draft, actor=innovator)
    item.refresh_from_db()
    assert item.status == R.DIAJUKAN and "120 UMKM" in item.solution
    innovation_review(
        innovation=item,
        target=R.DITERIMA,
        note="",
        criteria=list(Criterion.values),
        actor=reviewer,
        owner_opd=OPD.objects.get(regency=regency, code="diskominfo"),
    )
    actions = list(
        AuditLog.objects.filter(object_id=str(item.pk), action__startswith="innovation.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "innovation.submit",
        "innovation.review.perlu-revisi",
        "innovation.revise",
        "innovation.review.diterima",
    ]


def test_accepting_needs_every_criterion_and_an_owner(regency) -> None:
    item = submitted(regency)
    with pytest.raises(Invalid) as caught:
        innovation_review(
            innovation=item,
            target=R.DITERIMA,
            note="",
            criteria=list(Criterion.values)[:4],
            actor=bapperida(regency),
        )
    assert set(caught.value.errors) == {"criteria", "owner_opd"}
    item.refresh_from_db()
    assert item.status == R.DIAJUKAN


def test_sending_back_needs_a_note(regency) -> None:
    with pytest.raises(Invalid) as caught:
        innovation_review(
            innovation=submitted(regency),
            target=R.PERLU_REVISI,
            note="  ",
            criteria=[],
            actor=bapperida(regency),
        )
    assert caught.value.errors == {"note": "Catatan wajib diisi."}


def _backdate(item: Innovation, days: int) -> None:
    item.submitted_at = timezone.now() - timedelta(days=days)
    item.save(update_fields=["submitted_at"])


def test_stages_move_forward_with_date_rules(regency) -> None:
    reviewer = bapperida(regency)
    item = accepted(regency, reviewer)
    _backdate(item, 60)
    today = timezone.localdate()
    with pytest.raises(Invalid, match="sebelum tanggal pengajuan"):
        innovation_stage_advance(innovation=item, on=today - timedelta(days=90), actor=reviewer)
    with pytest.raises(Invalid, match="masa depan"):
        innovation_stage_advance(innovation=item, on=today + timedelta(days=1), actor=reviewer)
    innovation_stage_advance(innovation=item, on=today - timedelta(days=10), actor=reviewer)
    with pytest.raises(Invalid, match="Uji coba tidak boleh dimulai setelah penerapan"):
        innovation_stage_advance(innovation=item, on=today - timedelta(days=20), actor=reviewer)
    item.refresh_from_db()
    assert item.stage == Stage.UJI_COBA and item.implemented_on is None
    innovation_stage_advance(innovation=item, on=today, actor=reviewer)
    item.refresh_from_db()
    assert (item.stage, item.implemented_on) == (Stage.PENERAPAN, today)
    with pytest.raises(Invalid, match="sudah pada tahap penerapan"):
        innovation_stage_advance(innovation=item, on=today, actor=reviewer)


def test_a_proposal_not_accepted_cannot_change_stage(regency) -> None:
    with pytest.raises(Invalid):
        innovation_stage_advance(
            innovation=submitted(regency), on=date.today(), actor=bapperida(regency)
        )


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("title", "x" * 161, "terlalu panjang"),
        ("title", "Judul\x00", "tidak sah"),
        ("lat", "-2.5\u0661", "angka desimal"),  # an Arabic-Indic digit
        ("lat", "1" * 40, "angka desimal"),
        ("lon", "200", "angka desimal"),
        ("video_url", "javascript:alert(1)", "http://"),
        ("form", "lain", "bentuk"),
        ("programme_refs", "<script>", "Rujukan program"),
        ("kecamatan", "99999999999", "Kecamatan"),
    ],
)
def test_bad_input_gets_a_clear_indonesian_error(
    regency, field: str, value: str, needle: str
) -> None:
    with pytest.raises(Invalid) as caught:
        draft_from_data(regency=regency, data=form_data(**{field: value}), lists={})
    assert needle.lower() in caught.value.errors[field].lower()
    assert not Innovation.objects.exists()


def test_an_unknown_element_code_is_refused(regency) -> None:
    with pytest.raises(Invalid) as caught:
        draft_from_data(regency=regency, data=form_data(), lists={"elements": ["XX-YY"]})
    assert "elements" in caught.value.errors


def test_bad_evidence_saves_nothing(regency, make_user) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kotacerdas.innovation.services.evidence import EvidenceRejected
    from kotacerdas.innovation.services.innovations import innovation_submit

    draft = draft_from_data(regency=regency, data=form_data(), lists={})
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(EvidenceRejected, match="PDF, JPEG atau PNG"):
        innovation_submit(regency=regency, draft=draft, actor=make_user(Role.WARGA), files=[fake])
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(EvidenceRejected, match="terlalu besar"):
        innovation_submit(regency=regency, draft=draft, actor=make_user(Role.WARGA), files=[big])
    assert not Innovation.objects.exists()
