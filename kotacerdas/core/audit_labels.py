"""Indonesian names for audit actions, so the audit trail (``/audit/`` and the back
office) reads as sentences instead of codes such as ``services.request.submit``.

Most actions have a fixed name here. Actions whose last part is a status or method
(``services.request.resolved``, ``parking.event.paid``) or a back-office edit
(``parking.spot.update``) are named from the logged object's model at display time: its
verbose name and the label of the matching choice, so a new status needs no entry. The
module imports no domain app; models are looked up by label through the app registry.
The code itself stays in the row (and in the page's ``title``) for auditors who search
by it."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "accounts.otp.signup": _("Akun warga dibuat dengan kode SMS"),
    "core.auth.login": _("Masuk ke sistem"),
    "core.role.grant": _("Peran diberikan"),
    "core.role.revoke": _("Peran dicabut"),
    "core.role.update": _("Peran diubah"),
    "core.seed.apply": _("Data awal dipasang"),
    "core.token.issue": _("Token API diterbitkan"),
    "core.token.revoke": _("Token API dicabut"),
    "core.token.revoke_all": _("Semua token API pengguna dicabut"),
    "core.user.activate": _("Pengguna diaktifkan"),
    "core.user.create": _("Pengguna dibuat"),
    "core.user.password_set": _("Kata sandi diganti"),
    "innovation.handover": _("Inovasi diserahterimakan"),
    "innovation.iid.entry": _("Isian indikator IID"),
    "innovation.iid.finalise": _("Penilaian IID difinalkan"),
    "innovation.iid.year_open": _("Tahun penilaian IID dibuka"),
    "innovation.milestone.done": _("Tahap adopsi selesai"),
    "innovation.revise": _("Inovasi diperbaiki"),
    "innovation.ruleset.import": _("Aturan IID diimpor"),
    "innovation.ruleset.replace": _("Aturan IID diganti"),
    "innovation.seed": _("Data contoh inovasi dipasang"),
    "innovation.seed.handover": _("Data contoh serah terima dipasang"),
    "innovation.seed.iid_year": _("Data contoh tahun IID dipasang"),
    "innovation.stage": _("Tahap inovasi diubah"),
    "innovation.submit": _("Inovasi diajukan"),
    "parking.alert.move": _("Status peringatan kebocoran diubah"),
    "parking.assignment.create": _("Penugasan juru parkir dibuat"),
    "parking.attendant.create": _("Juru parkir didaftarkan"),
    "parking.attendant.deactivate": _("Juru parkir dinonaktifkan"),
    "parking.cash.offline_refused": _("Catatan tunai luring ditolak"),
    "parking.cash.record": _("Pembayaran tunai dicatat"),
    "parking.deposit.correction_request": _("Koreksi setoran diajukan"),
    "parking.deposit.record": _("Setoran dicatat"),
    "parking.instalment.pay": _("Cicilan setoran dibayar"),
    "parking.rollups.rebuild": _("Rekap parkir dihitung ulang"),
    "parking.survey.record": _("Survei titik parkir dicatat"),
    "partners.agreement.create": _("Perjanjian kerja sama dicatat"),
    "partners.agreement.expiry_alert": _("Peringatan masa berlaku perjanjian dikirim"),
    "partners.agreement.scan": _("Pindaian perjanjian diunggah"),
    "partners.obligation.add": _("Kewajiban perjanjian ditambahkan"),
    "partners.obligation.status": _("Status kewajiban perjanjian diubah"),
    "partners.partner.create": _("Mitra dicatat"),
    "payments.charge.create": _("Tagihan QRIS dibuat"),
    "payments.charge.ready": _("QRIS tagihan siap dibayar"),
    "payments.event.record": _("Kejadian pembayaran dicatat"),
    "payments.flag.resolve": _("Tanda pembayaran diselesaikan"),
    "programme.bimtek.update": _("Tahap Bimtek diperbarui"),
    "programme.budget.set": _("Anggaran program diisi"),
    "programme.commitment.create": _("Lembar komitmen dicatat"),
    "programme.commitment.update": _("Lembar komitmen diubah"),
    "programme.cycle.create": _("Siklus evaluasi dibuat"),
    "programme.cycle.lock": _("Siklus evaluasi dikunci"),
    "programme.kpi_target.set": _("Target indikator diisi"),
    "programme.kpi_value.approve": _("Nilai indikator disetujui"),
    "programme.kpi_value.compute": _("Nilai indikator dihitung otomatis"),
    "programme.kpi_value.correct": _("Nilai indikator dikoreksi"),
    "programme.kpi_value.supersede": _("Nilai indikator digantikan"),
    "programme.masterplan.add": _("Dokumen masterplan ditambahkan"),
    "programme.progress.report": _("Kemajuan program dilaporkan"),
    "programme.readiness.set": _("Penilaian kesiapan diisi"),
    "programme.score.self_assess": _("Nilai mandiri komponen diisi"),
    "programme.score.validate": _("Nilai komponen divalidasi"),
    "services.apikey.create": _("Kunci API Open311 dibuat"),
    "services.apikey.revoke": _("Kunci API Open311 dicabut"),
    "services.areas.import": _("Batas kecamatan diimpor"),
    "services.request.assign": _("Laporan ditugaskan ke petugas"),
    "services.request.escalate": _("Laporan dieskalasi"),
    "services.request.lapor_update": _("Kabar dari SP4N-LAPOR! diterima"),
    "services.request.note": _("Catatan pada laporan"),
    "services.request.priority": _("Prioritas laporan diubah"),
    "services.request.rate": _("Laporan dinilai pelapor"),
    "services.request.reporter_add": _("Pelapor digabungkan ke laporan"),
    "services.request.submit": _("Laporan diajukan"),
    "services.request.support": _("Laporan didukung warga"),
    "services.whatsapp.message": _("Pesan WhatsApp diterima"),
    "training.asn.link_user": _("ASN ditautkan ke akun"),
    "training.asn_import.apply": _("Impor data ASN diterapkan"),
    "training.asn_import.preview": _("Pratinjau impor data ASN"),
    "training.class.finish": _("Kelas pelatihan ditutup"),
    "training.class.start": _("Kelas pelatihan dimulai"),
    "training.credential.issue": _("Sertifikat diterbitkan"),
    "training.credential.status": _("Status sertifikat diubah"),
    "training.enrolment.complete": _("Peserta dinyatakan lulus"),
    "training.enrolment.decide": _("Nominasi peserta diputuskan"),
    "training.enrolment.nominate": _("Peserta dinominasikan"),
    "training.enrolment.scores": _("Nilai peserta diisi"),
    "training.external.review": _("Sertifikat luar diperiksa"),
    "training.external.submit": _("Sertifikat luar diunggah"),
    "treasury.import": _("Berkas rekonsiliasi diimpor"),
    "treasury.mismatch.found": _("Selisih rekonsiliasi ditemukan"),
    "treasury.signoff": _("Rekonsiliasi disahkan"),
}

# The last part of a back-office edit (``<app>.<model>.<verb>``).
EDIT_VERBS = {
    "create": _("dibuat"),
    "update": _("diubah"),
    "save": _("disimpan"),
    "delete": _("dihapus"),
}


def _model(object_type: str) -> type | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _choice_label(model: type, value: str) -> str | None:
    for field in model._meta.get_fields():  # type: ignore[attr-defined]
        choices = getattr(field, "choices", None)
        if choices:
            labels = {str(key): str(label) for key, label in choices}
            if value in labels:
                return labels[value]
    return None


def action_label(action: str, object_type: str = "") -> str:
    """The Indonesian name of an audit action (see the module docstring)."""
    fixed = ACTION_LABELS.get(action)
    if fixed is not None:
        return str(fixed)
    model = _model(object_type) if object_type else None
    last = action.rsplit(".", 1)[-1]
    if model is not None:
        name = str(model._meta.verbose_name).capitalize()  # type: ignore[attr-defined]
        if last in EDIT_VERBS:
            return f"{name} {EDIT_VERBS[last]}"
        outcome = _choice_label(model, last.removeprefix("correction_"))
        if outcome is not None:
            return _t("%(object)s: %(outcome)s") % {"object": name, "outcome": outcome}
    return _t("Aksi lain")


def object_label(object_type: str) -> str:
    """The Indonesian name of the kind of object an audit row is about."""
    model = _model(object_type) if object_type else None
    if model is None:
        return "" if not object_type else _t("Objek lain")
    return str(model._meta.verbose_name).capitalize()  # type: ignore[attr-defined]
