"""Courses (a learning activity with its JP and completion rule), classes (*angkatan*)
with their sessions and per-OPD nomination quotas, enrolments and attendance."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Regency
from kotacerdas.training.models.asn import Asn

ELEMENT_CODES = frozenset(
    f"{dim}-{el}"
    for dim, els in {
        "SG": ("PS", "BR", "PP"),
        "SB": ("TO", "BB", "CA"),
        "SE": ("IN", "WE", "TR"),
        "SL": ("HA", "HE", "MO"),
        "SS": ("CO", "LE", "SE"),
        "SV": ("PR", "WA", "EN"),
    }.items()
    for el in els
)


class CompetencyType(models.TextChoices):
    TEKNIS = "teknis", _("Teknis")
    MANAJERIAL = "manajerial", _("Manajerial")
    SOSIAL_KULTURAL = "sosial_kultural", _("Sosial-kultural")


class LearningMode(models.TextChoices):
    KLASIKAL = "klasikal", _("Klasikal")
    E_LEARNING = "e_learning", _("E-learning")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    MAGANG = "magang", _("Magang")


def _percent() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(0), MaxValueValidator(100)]


class Course(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40)
    title = models.CharField(_("judul"), max_length=160)
    description = models.TextField(_("deskripsi"), max_length=2000)
    # Empty provider: BKPSDM itself runs the course.
    provider = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penyelenggara mitra"),
    )
    agreement = models.ForeignKey(
        "partners.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dasar kerja sama"),
    )
    competency_type = models.CharField(
        _("jenis kompetensi"), max_length=16, choices=CompetencyType.choices
    )
    competency_code = models.CharField(_("kode kompetensi"), max_length=40, blank=True)
    element_codes = models.CharField(
        _("kode elemen smart city"), max_length=60, help_text=_("mis. SG-BR,SS-LE")
    )
    mode = models.CharField(_("moda"), max_length=12, choices=LearningMode.choices)
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    min_attendance_pct = models.PositiveSmallIntegerField(
        _("kehadiran minimal (%)"), default=80, validators=_percent()
    )
    min_post_score = models.PositiveSmallIntegerField(
        _("nilai post-test minimal"), default=70, validators=_percent()
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["regency", "title"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="course_unique_code"),
            models.CheckConstraint(condition=models.Q(jp__gte=1, jp__lte=200), name="course_jp"),
            models.CheckConstraint(
                condition=models.Q(min_attendance_pct__lte=100, min_post_score__lte=100),
                name="course_rule_bounds",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def elements(self) -> list[str]:
        return [c.strip() for c in self.element_codes.split(",") if c.strip()]

    @property
    def provider_name(self) -> str:
        return self.provider.name if self.provider else "BKPSDM"


class ClassStatus(models.TextChoices):
    OPEN = "dibuka", _("Pendaftaran dibuka")
    RUNNING = "berjalan", _("Berjalan")
    FINISHED = "selesai", _("Selesai")


class TrainingClass(models.Model):
    """One *angkatan* of a course."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="classes")
    code = models.SlugField(_("kode angkatan"), max_length=40)
    name = models.CharField(_("nama angkatan"), max_length=120)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("kapasitas"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    lecturer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dosen/pengajar"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ClassStatus.choices, default=ClassStatus.OPEN
    )

    class Meta:
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        ordering = ["regency", "-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "course", "code"], name="class_unique_code"),
        ]
        indexes = [models.Index(fields=["regency", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.name}"


class NominationQuota(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="quotas"
    )
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    quota = models.PositiveSmallIntegerField(_("kuota"), validators=[MaxValueValidator(500)])

    class Meta:
        verbose_name = _("kuota OPD")
        verbose_name_plural = _("kuota OPD")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "training_class", "opd"], name="quota_unique_opd"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} · {self.quota}"


def _qr_salt() -> str:
    return secrets.token_hex(16)


class TrainingSession(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("sesi ke"))
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=160)
    # Mixed into the attendance QR's HMAC so one session's codes say nothing of another's.
    qr_salt = models.CharField(max_length=32, default=_qr_salt, editable=False)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["training_class", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "training_class", "number"], name="session_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_class} · sesi {self.number}"


class EnrolmentStatus(models.TextChoices):
    NOMINATED = "diusulkan", _("Diusulkan OPD")
    ENROLLED = "terdaftar", _("Terdaftar")
    REJECTED = "ditolak", _("Ditolak")
    COMPLETED = "lulus", _("Lulus")
    NOT_COMPLETED = "tidak_lulus", _("Tidak lulus")


class Enrolment(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments"
    )
    asn = models.ForeignKey(Asn, on_delete=models.PROTECT, related_name="enrolments")
    # The OPD at nomination time: quotas stay right when the person moves office later.
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.NOMINATED,
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nominated_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)
    pre_score = models.PositiveSmallIntegerField(
        _("nilai pre-test"), null=True, blank=True, validators=_percent()
    )
    post_score = models.PositiveSmallIntegerField(
        _("nilai post-test"), null=True, blank=True, validators=_percent()
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.CharField(_("catatan keputusan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["training_class", "asn__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "training_class", "asn"], name="enrolment_unique_asn"
            ),
            models.CheckConstraint(
                condition=(models.Q(pre_score__isnull=True) | models.Q(pre_score__lte=100))
                & (models.Q(post_score__isnull=True) | models.Q(post_score__lte=100)),
                name="enrolment_score_bounds",
            ),
        ]
        indexes = [models.Index(fields=["regency", "training_class", "status"])]

    def __str__(self) -> str:
        return f"{self.asn.name} · {self.training_class}"


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Pindai QR")
    MANUAL = "manual", _("Dicatat pengajar")


class Attendance(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="attendance"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    method = models.CharField(_("cara"), max_length=8, choices=AttendanceMethod.choices)
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "session", "enrolment"], name="attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.session.number}"
