"""The regency's civil servants (ASN) as BKPSDM keeps them, and the import batches that
fill the list from BKPSDM's spreadsheet exports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Regency
from kotacerdas.training.nip import mask_nip


class AsnKind(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Asn(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis kepegawaian"), max_length=4, choices=AsnKind.choices)
    rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    position = models.CharField(_("jabatan"), max_length=160, blank=True)
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    is_active = models.BooleanField(_("aktif"), default=True)
    # PPPK count their JP per contract year, which starts on this day and month.
    contract_start = models.DateField(_("awal kontrak PPPK"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="asn_record",
        verbose_name=_("akun pengguna"),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["regency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "nip"], name="asn_unique_nip"),
        ]
        indexes = [models.Index(fields=["regency", "opd", "is_active"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.masked_nip})"

    @property
    def masked_nip(self) -> str:
        return mask_nip(self.nip)


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Pratinjau")
    APPLIED = "applied", _("Diterapkan")


class AsnImport(models.Model):
    """A checked file waiting to be applied. The valid rows are kept (as normalised
    JSON) so applying needs no second upload and applies exactly what was previewed."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("nama berkas"), max_length=200)
    status = models.CharField(
        _("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    new_count = models.PositiveIntegerField(_("baru"), default=0)
    changed_count = models.PositiveIntegerField(_("berubah"), default=0)
    unchanged_count = models.PositiveIntegerField(_("tetap"), default=0)
    rows = models.JSONField(_("baris sah"), default=list)
    errors = models.JSONField(_("kesalahan"), default=list)
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor ASN")
        verbose_name_plural = _("impor ASN")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["regency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
