"""The innovation registry: one record per innovation (PP 38/2017), its evidence files
and its timeline (review decisions, stage changes, handover), which the innovator sees."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Kecamatan, Regency


class Form(models.TextChoices):
    TATA_KELOLA = "tata-kelola", _("Tata kelola pemerintahan daerah")
    PELAYANAN = "pelayanan", _("Pelayanan publik")
    LAINNYA = "lainnya", _("Inovasi lain sesuai urusan pemerintahan daerah")


class Initiator(models.TextChoices):
    KEPALA_DAERAH = "kepala-daerah", _("Kepala daerah")
    DPRD = "dprd", _("Anggota DPRD")
    PERANGKAT_DAERAH = "perangkat-daerah", _("Perangkat daerah")
    ASN = "asn", _("ASN")
    MASYARAKAT = "masyarakat", _("Masyarakat")


class Stage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji-coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class ReviewStatus(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    PERLU_REVISI = "perlu-revisi", _("Perlu revisi")
    DITERIMA = "diterima", _("Diterima")
    DITOLAK = "ditolak", _("Ditolak")


class Criterion(models.TextChoices):
    """PP 38/2017 art. 6: what makes something a regional innovation."""

    PEMBAHARUAN = "pembaharuan", _("Mengandung pembaharuan seluruh atau sebagian unsur inovasi")
    MANFAAT = "manfaat", _("Memberi manfaat bagi daerah dan/atau masyarakat")
    TIDAK_MEMBEBANI = (
        "tidak-membebani",
        _("Tidak membebani atau membatasi masyarakat yang tidak sesuai peraturan"),
    )
    KEWENANGAN = "kewenangan", _("Merupakan urusan pemerintahan yang menjadi kewenangan daerah")
    REPLIKASI = "replikasi", _("Dapat direplikasi")


class Innovation(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("judul"), max_length=160)
    problem = models.TextField(_("masalah"), max_length=4000)
    solution = models.TextField(_("solusi"), max_length=4000)
    form = models.CharField(_("bentuk"), max_length=16, choices=Form.choices)
    is_digital = models.BooleanField(_("digital"), default=True)
    initiator_type = models.CharField(_("inisiator"), max_length=20, choices=Initiator.choices)
    urusan = models.CharField(_("urusan pemerintahan"), max_length=120)
    owner_opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The innovator keeps the credit after the handover; ``credit_name`` is what the
    # public gallery prints (the account itself is never shown).
    innovator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    credit_name = models.CharField(_("nama penggagas"), max_length=160)
    stage = models.CharField(
        _("tahap"), max_length=12, choices=Stage.choices, default=Stage.INISIATIF
    )
    trial_started_on = models.DateField(_("mulai uji coba"), null=True, blank=True)
    implemented_on = models.DateField(_("mulai penerapan"), null=True, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Canonical smart-city element codes (kotacerdas.innovation.elements).
    elements = models.JSONField(_("elemen smart city"), default=list, blank=True)
    # Reference codes of programme items (owned by the programme module when installed).
    programme_refs = models.JSONField(_("rujukan program"), default=list, blank=True)
    # Number of the partner MoU (resolved through the partners module when installed).
    partner_agreement_number = models.CharField(_("nomor MoU mitra"), max_length=80, blank=True)
    video_url = models.URLField(_("tautan video"), max_length=300, blank=True)
    repository_url = models.URLField(_("tautan repositori"), max_length=300, blank=True)
    criteria_claimed = models.JSONField(_("kriteria menurut pengusul"), default=list, blank=True)
    criteria_confirmed = models.JSONField(_("kriteria dikonfirmasi"), default=list, blank=True)
    status = models.CharField(
        _("status telaah"),
        max_length=14,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DIAJUKAN,
    )
    submitted_at = models.DateTimeField(_("diajukan pada"))
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inovasi daerah")
        verbose_name_plural = _("inovasi daerah")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "slug"], name="innovation_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(trial_started_on__isnull=True)
                | models.Q(implemented_on__isnull=True)
                | models.Q(trial_started_on__lte=models.F("implemented_on")),
                name="innovation_trial_before_implementation",
            ),
        ]
        indexes = [
            models.Index(fields=["regency", "status", "stage"], name="innovation_status_idx"),
            models.Index(fields=["regency", "owner_opd"], name="innovation_opd_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == ReviewStatus.DITERIMA


class EvidenceFile(models.Model):
    """A private evidence file (never on public pages); checked by its content."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    storage_name = models.CharField(max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=160)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField(_("ukuran"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("berkas bukti")
        verbose_name_plural = _("berkas bukti")
        ordering = ["id"]
        indexes = [models.Index(fields=["regency", "innovation"], name="evidence_innovation_idx")]

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    STATUS = "status", _("Status telaah")
    STAGE = "stage", _("Tahap")
    HANDOVER = "handover", _("Penyerahan")
    MILESTONE = "milestone", _("Tonggak adopsi")


class InnovationEvent(models.Model):
    """Timeline row. ``public`` rows show on the gallery; notes are for the innovator."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    from_value = models.CharField(max_length=20, blank=True)
    to_value = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("catatan"), max_length=2000, blank=True)
    public = models.BooleanField(default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    happened_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["regency", "innovation"], name="innovation_event_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.from_value} → {self.to_value}"
