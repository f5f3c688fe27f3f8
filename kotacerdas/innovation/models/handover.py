"""Handover (penyerahan) of an innovation from its innovator to the regency, recorded as
a berita acara serah terima (BAST), with the receiving OPD's adoption plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Regency
from kotacerdas.innovation.models.innovation import EvidenceFile, Innovation


class Licence(models.TextChoices):
    OPEN_SOURCE = "open-source", _("Sumber terbuka")
    REGENCY = "lisensi-daerah", _("Lisensi kepada pemerintah daerah")
    TRANSFER = "pengalihan-hak", _("Pengalihan hak seluruhnya")


class Handover(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    innovation = models.ForeignKey(Innovation, on_delete=models.PROTECT, related_name="handovers")
    bast_number = models.CharField(_("nomor BAST"), max_length=80)
    handed_on = models.DateField(_("tanggal serah terima"))
    place = models.CharField(_("tempat"), max_length=160)
    giver_name = models.CharField(_("pihak yang menyerahkan"), max_length=160)
    giver_role = models.CharField(_("kedudukan pihak yang menyerahkan"), max_length=160)
    receiver_opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+")
    receiver_name = models.CharField(_("pihak yang menerima"), max_length=160)
    receiver_role = models.CharField(_("jabatan pihak yang menerima"), max_length=160)
    includes_source_code = models.BooleanField(_("kode sumber"), default=False)
    includes_documents = models.BooleanField(_("dokumen"), default=False)
    includes_rights = models.BooleanField(_("hak"), default=False)
    items = models.TextField(_("rincian yang diserahkan"), max_length=2000)
    licence = models.CharField(_("lisensi"), max_length=16, choices=Licence.choices)
    licence_terms = models.TextField(_("ketentuan lisensi"), max_length=2000)
    adoption_plan = models.TextField(_("rencana adopsi"), max_length=4000)
    # Printed on the BAST's QR code; opens the public verification page.
    verify_code = models.CharField(max_length=32, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penyerahan inovasi")
        verbose_name_plural = _("penyerahan inovasi")
        ordering = ["-handed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "bast_number"], name="handover_bast_unique"),
            models.UniqueConstraint(fields=["regency", "innovation"], name="handover_once"),
        ]
        indexes = [models.Index(fields=["regency", "receiver_opd"], name="handover_opd_idx")]

    def __str__(self) -> str:
        return self.bast_number


class AdoptionMilestone(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("tonggak"), max_length=200)
    due_on = models.DateField(_("target"))
    done_on = models.DateField(_("tercapai"), null=True, blank=True)
    evidence = models.ForeignKey(
        EvidenceFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["regency", "handover"], name="milestone_handover_idx")]

    def __str__(self) -> str:
        return self.title
