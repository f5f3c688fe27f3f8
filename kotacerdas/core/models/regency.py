"""The tenant and its administrative map. Every domain table points at a Regency so a
national deployment can distribute by ``regency_id`` (Citus) without rewriting queries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

TIMEZONE_CHOICES = [
    ("Asia/Jakarta", _("WIB (UTC+7)")),
    ("Asia/Pontianak", _("WIB (UTC+7, Pontianak)")),
    ("Asia/Makassar", _("WITA (UTC+8)")),
    ("Asia/Jayapura", _("WIT (UTC+9)")),
]


class Regency(models.Model):
    code = models.CharField(_("kode BPS"), max_length=8, unique=True)
    kemendagri_code = models.CharField(_("kode Kemendagri"), max_length=12, blank=True)
    name = models.CharField(_("nama"), max_length=120)
    short_name = models.CharField(_("nama singkat"), max_length=40, blank=True)
    capital = models.CharField(_("ibu kota"), max_length=80)
    province = models.CharField(_("provinsi"), max_length=80, blank=True)
    jurisdiction_id = models.CharField(_("jurisdiction id Open311"), max_length=120, unique=True)
    timezone = models.CharField(
        _("zona waktu"), max_length=40, default="Asia/Jakarta", choices=TIMEZONE_CHOICES
    )
    # Deployment rule: public pages (vest check, receipts, reports) belong to the regency
    # whose host list names the request's host; a deployment with one active regency
    # needs none. Separated by spaces or commas, e.g. ``kotacerdas.kotimkab.go.id``.
    hosts = models.CharField(_("nama host"), max_length=500, blank=True)
    # The name of the regency's public-service hub shown in every page's header (Kotim:
    # "Sampit Creative Hub"); empty shows the platform's name.
    hub_name = models.CharField(_("nama pusat layanan"), max_length=80, blank=True)
    # Prefix of public tracking numbers (``KTM-2606-…``); empty: ``R`` + the BPS code.
    tracking_prefix = models.CharField(_("awalan nomor pelacakan"), max_length=6, blank=True)
    currency = models.CharField(_("mata uang"), max_length=3, default="IDR")
    plate_prefix = models.CharField(_("kode pelat"), max_length=4, blank=True)
    centre_lat = models.DecimalField(_("lintang pusat"), max_digits=9, decimal_places=6)
    centre_lon = models.DecimalField(_("bujur pusat"), max_digits=9, decimal_places=6)
    postal_code = models.CharField(_("kode pos ibu kota"), max_length=5, blank=True)
    # The regency's QRIS merchant identity (NMID from the national repository) under
    # which levies such as parking are collected; the city is as printed in QRIS (≤ 15).
    qris_nmid = models.CharField(_("NMID QRIS"), max_length=15, blank=True)
    qris_city = models.CharField(_("kota di QRIS"), max_length=15, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def host_list(self) -> list[str]:
        return [h.lower() for h in self.hosts.replace(",", " ").split() if h]


class Kecamatan(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="kecamatan")
    code = models.CharField(_("kode wilayah"), max_length=12, blank=True)
    name = models.CharField(_("nama"), max_length=80)
    seat = models.CharField(_("ibu kota kecamatan"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["regency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="kecamatan_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class RegionKind(models.TextChoices):
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")


class Kelurahan(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="kelurahan")
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="kelurahan")
    code = models.CharField(_("kode wilayah"), max_length=16)
    name = models.CharField(_("nama"), max_length=80)
    kind = models.CharField(_("jenis"), max_length=12, choices=RegionKind.choices)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    population = models.PositiveIntegerField(_("penduduk"), null=True, blank=True)

    class Meta:
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = _("kelurahan/desa")
        ordering = ["regency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="kelurahan_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class OPDKind(models.TextChoices):
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    SATUAN = "satuan", _("Satuan")
    RSUD = "rsud", _("Rumah sakit daerah")
    KECAMATAN = "kecamatan", _("Kantor kecamatan")


class OPD(models.Model):
    """Perangkat daerah: the agency that owns a service, a queue or a levy."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="opds")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=160)
    short_name = models.CharField(_("singkatan"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=12, choices=OPDKind.choices)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("perangkat daerah (OPD)")
        verbose_name_plural = _("perangkat daerah (OPD)")
        ordering = ["regency", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="opd_unique_code"),
        ]

    def __str__(self) -> str:
        return self.short_name
