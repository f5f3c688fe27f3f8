"""The masterplan: the regency's place in the national programme, its dated milestones,
Buku 1–4, programmes per element with budget and progress, quick-win profiles,
commitment sheets, the readiness assessment and the Bimtek stages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Regency
from kotacerdas.programme.models.taxonomy import Element

User = settings.AUTH_USER_MODEL


class SelectionStatus(models.TextChoices):
    APPLIED = "applied", _("Mendaftar")
    SELECTED = "selected", _("Terpilih")
    MASTERPLAN = "masterplan", _("Masterplan selesai")
    EVALUATED = "evaluated", _("Dievaluasi")
    NOT_SELECTED = "not_selected", _("Belum terpilih")


class ProgrammeProfile(models.Model):
    """One per regency: cohort, selection, the plan window and what it publishes."""

    regency = models.OneToOneField(Regency, on_delete=models.PROTECT, related_name="+")
    cohort_year = models.PositiveSmallIntegerField(_("tahun angkatan"))
    status = models.CharField(_("status seleksi"), max_length=16, choices=SelectionStatus.choices)
    plan_start_year = models.PositiveSmallIntegerField(_("awal rencana"))
    target_year = models.PositiveSmallIntegerField(_("tahun target"))
    vision = models.CharField(_("visi"), max_length=300, blank=True)
    is_published = models.BooleanField(_("ditampilkan di tampilan nasional"), default=True)
    is_illustrative = models.BooleanField(_("data ilustrasi"), default=False)

    class Meta:
        verbose_name = _("profil program smart city")
        verbose_name_plural = _("profil program smart city")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gte=F("plan_start_year")), name="profile_plan_window"
            ),
        ]

    def __str__(self) -> str:
        return str(self.regency)


class Milestone(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    date_precision = models.CharField(
        _("ketelitian tanggal"), max_length=5, choices=[("day", "hari"), ("month", "bulan")]
    )
    title = models.CharField(_("peristiwa"), max_length=300)
    source_url = models.URLField(_("sumber"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("tonggak")
        verbose_name_plural = _("tonggak")
        ordering = ["regency", "date"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "date", "title"], name="milestone_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Book(models.IntegerChoices):
    READINESS = 1, _("Buku 1 · Analisis kesiapan daerah")
    MASTERPLAN = 2, _("Buku 2 · Masterplan")
    SUMMARY = 3, _("Buku 3 · Ringkasan eksekutif")
    QUICK_WINS = 4, _("Buku 4 · Profil quick win")


class MasterplanDocument(models.Model):
    """The file is private (staff download only); ``public_summary`` is what the public
    dashboard shows."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    book = models.PositiveSmallIntegerField(_("buku"), choices=Book.choices)
    version = models.PositiveSmallIntegerField(_("versi"))
    title = models.CharField(_("judul"), max_length=200)
    public_summary = models.TextField(_("ringkasan publik"), max_length=2000, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen masterplan")
        verbose_name_plural = _("dokumen masterplan")
        ordering = ["regency", "book", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "book", "version"], name="masterplan_doc_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_book_display()} v{self.version}"


class Horizon(models.TextChoices):
    QUICK_WIN = "qw", _("Quick win")
    SHORT = "1y", _("Jangka pendek (1 tahun)")
    MEDIUM = "5y", _("Jangka menengah (5 tahun)")
    LONG = "10y", _("Jangka panjang (10 tahun)")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    HALTED = "halted", _("Tertunda")


# The moves a programme may make (one table, checked by ``programme_update``).
PROGRAMME_TRANSITIONS: dict[str, frozenset[str]] = {
    ProgrammeStatus.PLANNED: frozenset({ProgrammeStatus.RUNNING, ProgrammeStatus.HALTED}),
    ProgrammeStatus.RUNNING: frozenset({ProgrammeStatus.DONE, ProgrammeStatus.HALTED}),
    ProgrammeStatus.HALTED: frozenset({ProgrammeStatus.RUNNING}),
    ProgrammeStatus.DONE: frozenset(),
}

# Platform modules that realise programmes (key → label on screen).
MODULES: dict[str, str] = {
    "parking": "Retribusi parkir QRIS",
    "services": "Layanan publik & pengaduan (Open311)",
    "payments": "Pembayaran non-tunai",
    "programme": "Dasbor smart city & data terbuka",
}


class Programme(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=40)
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("uraian"), max_length=3000, blank=True)
    horizon = models.CharField(_("horizon"), max_length=4, choices=Horizon.choices)
    lead_opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD pengampu")
    )
    rpjmd_ref = models.CharField(_("rujukan RPJMD"), max_length=120, blank=True)
    rkpd_ref = models.CharField(_("rujukan RKPD"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default="planned"
    )
    progress_pct = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    modules = models.JSONField(_("modul platform"), default=list, blank=True)
    also_elements = models.ManyToManyField(Element, blank=True, related_name="+")
    is_illustrative = models.BooleanField(_("ilustrasi"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["regency", "element", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="programme_unique_code"),
            models.CheckConstraint(condition=Q(progress_pct__lte=100), name="programme_pct"),
        ]
        indexes = [models.Index(fields=["regency", "lead_opd"], name="programme_opd")]

    def __str__(self) -> str:
        return self.name


class ProgrammeBudget(models.Model):
    """Planned and realised rupiah of a programme in one budget year."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    planned = models.PositiveBigIntegerField(_("pagu (Rp)"))
    realised = models.PositiveBigIntegerField(_("realisasi (Rp)"), default=0)

    class Meta:
        verbose_name = _("anggaran program")
        verbose_name_plural = _("anggaran program")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "programme", "year"], name="budget_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}"


class ProgressUpdate(models.Model):
    """A dated progress report with its evidence (append-only)."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("tanggal"))
    progress_pct = models.PositiveSmallIntegerField(_("kemajuan (%)"))
    status = models.CharField(_("status"), max_length=10, choices=ProgrammeStatus.choices)
    note = models.TextField(_("catatan"), max_length=2000)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan kemajuan")
        verbose_name_plural = _("laporan kemajuan")
        ordering = ["regency", "programme", "-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress_pct__lte=100), name="update_pct"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.reported_on} {self.progress_pct}%"


class QuickWinProfile(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="quick_win")
    problem = models.TextField(_("masalah"), max_length=1500)
    solution = models.TextField(_("solusi"), max_length=1500)
    beneficiaries = models.CharField(_("penerima manfaat"), max_length=200)
    launch_date = models.DateField(_("mulai"), null=True, blank=True)

    class Meta:
        verbose_name = _("profil quick win")
        verbose_name_plural = _("profil quick win")
        ordering = ["regency", "programme"]

    def __str__(self) -> str:
        return f"Quick win {self.programme.code}"


class CommitmentSheet(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    signatory = models.CharField(_("penanda tangan (jabatan)"), max_length=120)
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signed_on = models.DateField(_("tanggal"))
    scan_name = models.CharField(max_length=200, blank=True)
    is_illustrative = models.BooleanField(_("ilustrasi"), default=False)

    class Meta:
        verbose_name = _("lembar komitmen")
        verbose_name_plural = _("lembar komitmen")
        ordering = ["regency", "signed_on"]

    def __str__(self) -> str:
        return f"{self.signatory} {self.signed_on}"


class ReadinessComponent(models.TextChoices):
    STRUKTUR = "struktur", _("Struktur")
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    SUPRASTRUKTUR = "suprastruktur", _("Suprastruktur")


class ReadinessAssessment(models.Model):
    """How many items of a component were found in good, moderate or poor condition;
    the score is the share in each condition (as in Bimtek I)."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    component = models.CharField(_("komponen"), max_length=16, choices=ReadinessComponent.choices)
    good = models.PositiveSmallIntegerField(_("baik"))
    moderate = models.PositiveSmallIntegerField(_("sedang"))
    poor = models.PositiveSmallIntegerField(_("kurang"))
    is_illustrative = models.BooleanField(_("ilustrasi"), default=False)

    class Meta:
        verbose_name = _("penilaian kesiapan")
        verbose_name_plural = _("penilaian kesiapan")
        ordering = ["regency", "year", "component"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "year", "component"], name="readiness_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.component}"


class BimtekStage(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    stage = models.PositiveSmallIntegerField(
        _("tahap"),
        choices=[(i, f"Bimtek {r}") for i, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))],
    )
    start_date = models.DateField(_("mulai"), null=True, blank=True)
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    mentors = models.CharField(_("mentor"), max_length=300, blank=True)
    outputs = models.CharField(_("keluaran"), max_length=300, blank=True)
    is_done = models.BooleanField(_("terlaksana"), default=False)

    class Meta:
        verbose_name = _("tahap bimtek")
        verbose_name_plural = _("tahap bimtek")
        ordering = ["regency", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "stage"], name="bimtek_unique_stage"),
        ]

    def __str__(self) -> str:
        return f"Bimtek {self.stage}"
