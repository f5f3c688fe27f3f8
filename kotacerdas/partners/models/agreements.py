"""Partners of the regency (universities, ministries, companies) and the agreements
signed with them: a memorandum of understanding (MoU, *nota kesepahaman*) and the
cooperation agreements (PKS, *perjanjian kerja sama*) that implement it."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class PartnerKind(models.TextChoices):
    UNIVERSITY = "universitas", _("Perguruan tinggi")
    MINISTRY = "kementerian", _("Kementerian/lembaga")
    COMPANY = "perusahaan", _("Perusahaan")
    OTHER = "lainnya", _("Lainnya")


class Partner(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=160)
    short_name = models.CharField(_("singkatan"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=12, choices=PartnerKind.choices)
    website = models.URLField(_("situs web"), blank=True)
    # Seed rows whose details were not confirmed from a public source say so on screen.
    is_illustrative = models.BooleanField(_("data ilustratif"), default=False)

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["regency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="partner_unique_code"),
        ]

    def __str__(self) -> str:
        return self.short_name


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Nota kesepahaman (MoU)")
    PKS = "pks", _("Perjanjian kerja sama (PKS)")


class Agreement(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="agreements")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("MoU induk"),
    )
    kind = models.CharField(_("jenis"), max_length=4, choices=AgreementKind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    title = models.CharField(_("judul"), max_length=200)
    parties = models.TextField(_("para pihak"), max_length=1000)
    signatories = models.TextField(_("penanda tangan"), max_length=1000, blank=True)
    signed_on = models.DateField(_("tanggal tanda tangan"))
    valid_until = models.DateField(_("berlaku sampai"))
    scope = models.TextField(_("ruang lingkup"), max_length=4000)
    is_public = models.BooleanField(_("tampil di daftar publik"), default=True)
    is_illustrative = models.BooleanField(_("data ilustratif"), default=False)
    source_url = models.URLField(_("sumber publik"), blank=True)
    # The scan lives in private storage (never under MEDIA_ROOT); only staff download it.
    scan_name = models.CharField(_("berkas pindaian"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        ordering = ["regency", "-signed_on"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "number"], name="agreement_unique_number"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("signed_on")),
                name="agreement_valid_after_signing",
            ),
        ]
        indexes = [models.Index(fields=["regency", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.number} ({self.partner})"

    def is_active_on(self, day: date) -> bool:
        return self.signed_on <= day <= self.valid_until


class ObligationStatus(models.TextChoices):
    OPEN = "terbuka", _("Belum dipenuhi")
    DONE = "selesai", _("Dipenuhi")
    CANCELLED = "batal", _("Dibatalkan")


class Obligation(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    party = models.CharField(_("pihak"), max_length=120)
    description = models.CharField(_("kewajiban"), max_length=300)
    due_on = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=8, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    evidence = models.CharField(_("bukti"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("kewajiban")
        verbose_name_plural = _("kewajiban")
        ordering = ["regency", "due_on"]
        indexes = [models.Index(fields=["regency", "status", "due_on"])]

    def __str__(self) -> str:
        return self.description


class ExpiryAlert(models.Model):
    """One row per agreement and threshold (90 or 30 days): the e-mail is sent once."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="alerts")
    days_before = models.PositiveSmallIntegerField(_("hari sebelum berakhir"))
    sent_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("penerima"), default=0)

    class Meta:
        verbose_name = _("peringatan masa berlaku")
        verbose_name_plural = _("peringatan masa berlaku")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "agreement", "days_before"], name="expiry_alert_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · H-{self.days_before}"
