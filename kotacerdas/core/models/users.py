"""People and what they may do. Roles are granted per regency, so one national
deployment can hold a Dishub officer of Kotim and an auditor of another regency."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models.regency import OPD, Regency


class Role(models.TextChoices):
    WARGA = "warga", _("Warga")
    JUKIR = "jukir", _("Juru parkir")
    KORLAP = "korlap", _("Koordinator lapangan parkir")
    OFFICER = "officer", _("Petugas OPD")
    ADMIN = "admin", _("Administrator Diskominfo")
    AUDITOR = "auditor", _("Auditor")
    ASN = "asn", _("Aparatur sipil negara")
    DOSEN = "dosen", _("Dosen / pengajar mitra")
    PENILAI = "penilai", _("Penilai evaluasi smart city")


STAFF_ROLES = frozenset({Role.OFFICER, Role.ADMIN, Role.AUDITOR})


class User(AbstractUser):
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, null=True, blank=True, related_name="officers"
    )
    phone = models.CharField(_("nomor telepon"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")  # type: ignore[assignment]
        verbose_name_plural = _("pengguna")  # type: ignore[assignment]
        ordering = ["username"]


class RoleAssignment(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="role_assignments")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    opd = models.ForeignKey(OPD, on_delete=models.PROTECT, null=True, blank=True)
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        ordering = ["regency", "user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "user", "role"], name="role_unique_per_user"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="officer") | models.Q(opd__isnull=False),
                name="role_officer_needs_opd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
