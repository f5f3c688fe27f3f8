"""The JP ledger: one append-only row per completed class or verified external
certificate. Compliance is computed from it, never stored."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.training.models.asn import Asn
from kotacerdas.training.models.courses import Enrolment


class ExternalStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu verifikasi")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    REJECTED = "ditolak", _("Ditolak")


class ExternalCertificate(models.Model):
    """A certificate earned elsewhere (e.g. Digital Talent Scholarship), uploaded by the
    ASN; it counts only after BKPSDM verifies it."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    asn = models.ForeignKey(Asn, on_delete=models.PROTECT, related_name="external_certificates")
    title = models.CharField(_("nama pelatihan"), max_length=160)
    provider = models.CharField(_("penyelenggara"), max_length=120)
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    completed_on = models.DateField(_("tanggal selesai"))
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    status = models.CharField(
        _("status"), max_length=12, choices=ExternalStatus.choices, default=ExternalStatus.PENDING
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    review_note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sertifikat eksternal")
        verbose_name_plural = _("sertifikat eksternal")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["regency", "status"])]

    def __str__(self) -> str:
        return self.title


class JpSource(models.TextChoices):
    CLASS = "kelas", _("Kelas")
    EXTERNAL = "eksternal", _("Sertifikat eksternal")


class JpEntry(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    asn = models.ForeignKey(Asn, on_delete=models.PROTECT, related_name="jp_entries")
    source = models.CharField(_("sumber"), max_length=10, choices=JpSource.choices)
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    external = models.ForeignKey(
        ExternalCertificate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    jp = models.PositiveSmallIntegerField(_("JP"))
    earned_on = models.DateField(_("tanggal"))
    title = models.CharField(_("kegiatan"), max_length=160)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catatan JP")
        verbose_name_plural = _("buku JP")
        ordering = ["asn", "earned_on"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "enrolment"], name="jp_once_per_enrolment"),
            models.UniqueConstraint(fields=["regency", "external"], name="jp_once_per_external"),
            models.CheckConstraint(
                condition=(models.Q(source="kelas") & models.Q(enrolment__isnull=False))
                | (models.Q(source="eksternal") & models.Q(external__isnull=False)),
                name="jp_has_its_source",
            ),
        ]
        indexes = [models.Index(fields=["regency", "earned_on"])]

    def __str__(self) -> str:
        return f"{self.asn.name} · {self.jp} JP"
