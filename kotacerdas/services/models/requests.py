"""Service requests (reports and applications), their timeline and photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Kecamatan, Regency
from kotacerdas.services.models.apikeys import Open311Key
from kotacerdas.services.models.catalogue import Service


class Status(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DITERUSKAN = "diteruskan", _("Diteruskan ke OPD")
    DIPROSES = "diproses", _("Diproses")
    SELESAI = "selesai", _("Selesai")
    DITUTUP = "ditutup", _("Ditutup")
    DITOLAK = "ditolak", _("Ditolak")


class Priority(models.TextChoices):
    RENDAH = "rendah", _("Rendah")
    SEDANG = "sedang", _("Sedang")
    TINGGI = "tinggi", _("Tinggi")
    DARURAT = "darurat", _("Darurat")


class Channel(models.TextChoices):
    WEB = "web", _("Situs web")
    OPEN311 = "open311", _("Aplikasi (Open311)")
    PARKING = "parking", _("Halaman juru parkir")
    STAFF = "staff", _("Petugas")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    WHATSAPP = "whatsapp", _("WhatsApp")


class ServiceRequest(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    tracking_number = models.CharField(_("nomor pelacakan"), max_length=24)
    # The reporter's own page (rating, reopening) is reached with a secret link token.
    # Only its SHA-256 is stored here; the token itself is an HMAC of the nonce under the
    # deployment's SECRET_KEY (kotacerdas.services.services.reporter_tokens), so later
    # notices can repeat the link while a copy of the database alone opens nothing.
    reporter_token = models.CharField(max_length=64, unique=True)
    reporter_token_nonce = models.CharField(max_length=32, blank=True)
    # SHA-256 of a token issued before tokens were hashed: links already sent keep working.
    reporter_token_legacy = models.CharField(max_length=64, blank=True, db_index=True)
    # Open311 ``token`` handed to the submitting client (``GET tokens/{id}``).
    submit_token = models.CharField(max_length=40)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD penanggung jawab")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DITERIMA
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    description = models.TextField(_("uraian"), max_length=4000, blank=True)
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    address_id = models.CharField(_("id alamat"), max_length=64, blank=True)
    zipcode = models.CharField(_("kode pos"), max_length=10, blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    attributes = models.JSONField(_("atribut"), default=dict, blank=True)
    # The latest public note (Open311 ``status_notes``), kept here so list reads need no
    # join on the timeline.
    status_notes = models.TextField(_("catatan status"), blank=True)
    media_url = models.URLField(_("URL media dari klien"), max_length=500, blank=True)
    # Reporter (personal data: never on public pages, Open311 GET output or logs).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("email pelapor"), blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=20, blank=True)
    device_id = models.CharField(max_length=80, blank=True)
    account_id = models.CharField(max_length=80, blank=True)
    api_key = models.ForeignKey(
        Open311Key, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Status changes the reporter wants to hear about (empty: ``DEFAULT_NOTIFY``).
    notify_statuses = models.JSONField(_("pemberitahuan status"), default=list, blank=True)
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    is_private = models.BooleanField(_("rahasia"), default=False)
    # Tracking ID in SP4N-LAPOR! when the report came from (or was sent to) it.
    lapor_id = models.CharField(_("nomor LAPOR!"), max_length=40, blank=True)
    priority = models.CharField(
        _("prioritas"), max_length=10, choices=Priority.choices, default=Priority.SEDANG
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditugaskan kepada"),
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    # Clock (UTC in the database, shown in WIB).
    requested_at = models.DateTimeField(_("diajukan"))
    updated_at = models.DateTimeField(_("diperbarui"))
    forwarded_at = models.DateTimeField(_("diteruskan"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    due_at = models.DateTimeField(_("tenggat tahap ini"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("tingkat eskalasi"), default=0)
    # Sticky: set once any phase ended (or was escalated) after its deadline.
    sla_breached = models.BooleanField(_("melewati SLA"), default=False)
    reopen_count = models.PositiveSmallIntegerField(_("dibuka ulang"), default=0)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    rating_comment = models.CharField(_("komentar penilaian"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("dinilai"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan / permohonan")
        verbose_name_plural = _("laporan / permohonan")
        ordering = ["regency", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "tracking_number"], name="request_unique_tracking"
            ),
            # Open311 ``tokens/{id}`` is answered within the jurisdiction asked for.
            models.UniqueConstraint(
                fields=["regency", "submit_token"], name="request_unique_token"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="request_rating_1_5",
            ),
        ]
        indexes = [
            models.Index(fields=["regency", "requested_at"], name="request_regency_time"),
            models.Index(fields=["regency", "opd", "status"], name="request_queue"),
            models.Index(fields=["regency", "status", "due_at"], name="request_sla"),
            models.Index(fields=["regency", "service", "requested_at"], name="request_service"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


CLOSED_STATUSES = frozenset({Status.SELESAI, Status.DITUTUP, Status.DITOLAK})
# Statuses a reporter can choose to hear about; routine internal steps (verified,
# forwarded) are off unless asked for. The receipt on filing always goes out.
NOTIFIABLE_STATUSES = (
    Status.DIVERIFIKASI,
    Status.DITERUSKAN,
    Status.DIPROSES,
    Status.SELESAI,
    Status.DITUTUP,
    Status.DITOLAK,
)
DEFAULT_NOTIFY = frozenset({Status.DIPROSES, Status.SELESAI, Status.DITOLAK})


class UpdateKind(models.TextChoices):
    STATUS = "status", _("Perubahan status")
    NOTE = "note", _("Catatan")
    ESCALATION = "escalation", _("Eskalasi")


class RequestUpdate(models.Model):
    """The timeline of a request. Public entries form the citizen's status timeline;
    internal notes are for staff only."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="updates")
    created_at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=UpdateKind.choices)
    status_from = models.CharField(max_length=16, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=Status.choices, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    is_public = models.BooleanField(_("publik"), default=True)

    class Meta:
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        ordering = ["regency", "request", "created_at", "id"]
        indexes = [models.Index(fields=["regency", "request", "created_at"])]

    def __str__(self) -> str:
        return f"{self.request} {self.kind} {self.status_to}"


class PhotoKind(models.TextChoices):
    REPORT = "report", _("Foto laporan")
    AFTER = "after", _("Foto sesudah perbaikan")


class RequestPhoto(models.Model):
    """``public_file`` is a re-encoded copy without EXIF/GPS (default storage);
    ``original_name`` points into the private storage, for staff only."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("jenis"), max_length=8, choices=PhotoKind.choices)
    public_file = models.CharField(max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("foto laporan")
        verbose_name_plural = _("foto laporan")
        ordering = ["regency", "request", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.kind}"


class RequestSupport(models.Model):
    """ "Dukung laporan ini": a neighbour who saw the same problem adds their voice to an
    open report instead of filing a duplicate. One per account, or per device cookie."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    device_id = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("dukungan warga")
        verbose_name_plural = _("dukungan warga")
        ordering = ["regency", "request", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "request", "user"],
                condition=models.Q(user__isnull=False),
                name="support_unique_user",
            ),
            models.UniqueConstraint(
                fields=["regency", "request", "device_id"],
                condition=models.Q(user__isnull=True),
                name="support_unique_device",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} +1"


class LaporUpdate(models.Model):
    """Status updates received from SP4N-LAPOR!, kept so a repeated delivery (same
    ``update_id``) is applied once (database unique constraint)."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    update_id = models.CharField(max_length=80)
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    note = models.TextField(blank=True)
    received_at = models.DateTimeField(_("diterima"))

    class Meta:
        verbose_name = _("kabar dari LAPOR!")
        verbose_name_plural = _("kabar dari LAPOR!")
        ordering = ["regency", "-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "update_id"], name="lapor_update_once"),
        ]

    def __str__(self) -> str:
        return self.update_id
