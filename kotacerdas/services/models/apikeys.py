"""Open311 API keys, one per client application. Only a SHA-256 of the key is kept."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class Open311Key(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("aplikasi"), max_length=80)
    prefix = models.CharField(_("awalan"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci API Open311")
        verbose_name_plural = _("kunci API Open311")
        ordering = ["regency", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="open311key_unique_name"),
            # Keys are looked up within the jurisdiction the client names.
            models.UniqueConstraint(fields=["regency", "key_hash"], name="open311key_unique_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
