"""The catalogue of public services: complaint types and information/application
services, their Open311 attributes, routing to an OPD and the SLA rule."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Kecamatan, Regency


class ServiceKind(models.TextChoices):
    COMPLAINT = "complaint", _("Pengaduan")
    INFORMATION = "information", _("Permintaan informasi")
    APPLICATION = "application", _("Permohonan layanan")


class Service(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=120)
    description = models.TextField(_("deskripsi"), blank=True)
    group = models.CharField(_("kelompok"), max_length=80, blank=True)
    keywords = models.CharField(_("kata kunci"), max_length=200, blank=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=ServiceKind.choices)
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD penanggung jawab")
    )
    # SLA rule in working days (SP4N-LAPOR!: 3 / 5 / 10; application services use their
    # SOP days for the follow-up phase).
    verify_days = models.PositiveSmallIntegerField(_("hari kerja verifikasi"), default=3)
    followup_days = models.PositiveSmallIntegerField(_("hari kerja tindak lanjut"), default=5)
    close_days = models.PositiveSmallIntegerField(_("hari kerja penutupan"), default=10)
    requires_photo = models.BooleanField(_("wajib foto"), default=False)
    # About a place (pothole, lamp, waste): the citizen picks a point on the map. Not for
    # information requests or documents (PPID, KTP-el, KK).
    location_required = models.BooleanField(_("wajib lokasi di peta"), default=True)
    # Lighter workflow per service: a physical repair proves itself with a photo; an
    # information request does not. Forwarding is its own step only where the OPD may
    # change; otherwise a verified request goes straight to processing.
    after_photo_required = models.BooleanField(_("wajib foto sesudah perbaikan"), default=True)
    forward_separate = models.BooleanField(_("penerusan sebagai langkah tersendiri"), default=True)
    duplicate_radius_m = models.PositiveIntegerField(_("radius duplikat (m)"), default=150)
    duplicate_days = models.PositiveSmallIntegerField(_("rentang duplikat (hari)"), default=30)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("katalog layanan")
        ordering = ["regency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="service_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Datatype(models.TextChoices):
    STRING = "string", _("Teks singkat")
    NUMBER = "number", _("Angka")
    DATETIME = "datetime", _("Tanggal dan waktu")
    TEXT = "text", _("Teks panjang")
    SINGLE = "singlevaluelist", _("Pilih satu")
    MULTI = "multivaluelist", _("Pilih beberapa")


class ServiceAttribute(models.Model):
    """One Open311 attribute of a service definition. ``values`` is a list of
    ``{"key": ..., "name": ...}`` for the list datatypes."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    code = models.CharField(_("kode"), max_length=40)
    variable = models.BooleanField(_("isian warga"), default=True)
    datatype = models.CharField(_("tipe data"), max_length=16, choices=Datatype.choices)
    required = models.BooleanField(_("wajib"), default=False)
    datatype_description = models.CharField(_("petunjuk format"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"))
    description = models.CharField(_("pertanyaan"), max_length=300)
    values = models.JSONField(_("pilihan"), default=list, blank=True)

    class Meta:
        verbose_name = _("atribut layanan")
        verbose_name_plural = _("atribut layanan")
        ordering = ["regency", "service", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "service", "code"], name="service_attribute_unique_code"
            ),
            models.UniqueConstraint(
                fields=["regency", "service", "order"], name="service_attribute_unique_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.description}"

    def value_keys(self) -> list[str]:
        return [str(v.get("key", "")) for v in self.values if isinstance(v, dict)]


class RoutingRule(models.Model):
    """Sends a service's requests from one kecamatan to another OPD (e.g. waste outside
    Sampit to the kecamatan office); without a rule the service's OPD handles it."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="routes")
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="+")
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("aturan disposisi")
        verbose_name_plural = _("aturan disposisi")
        ordering = ["regency", "service", "kecamatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "service", "kecamatan"], name="routing_unique_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.kecamatan} → {self.opd}"


class RegionalDayOff(models.Model):
    """A regional day off (e.g. a regency anniversary declared by the Bupati), on top of
    the national holidays and cuti bersama."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        ordering = ["regency", "date"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "date"], name="dayoff_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class ReplyTemplate(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    opd = models.ForeignKey(
        OPD,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD (kosong: semua)"),
    )
    title = models.CharField(_("judul"), max_length=80)
    body = models.TextField(_("isi"))

    class Meta:
        verbose_name = _("templat balasan")
        verbose_name_plural = _("templat balasan")
        ordering = ["regency", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "opd", "title"], name="reply_template_unique_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title
