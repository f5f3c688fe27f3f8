"""The durable outbox of owner notices. A notice row is written in the same transaction
as the ledger event that caused it, so a crash after COMMIT cannot lose it; the
``payments.deliver_notices`` job (and a best-effort attempt right after commit) hands it
to the owner app's handlers, retrying with backoff until they succeed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.payments.models.charges import Charge


class NoticeState(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    DELIVERED = "delivered", _("Terkirim")
    FAILED = "failed", _("Gagal (diperbaiki oleh pemeriksaan pemilik)")


class OwnerNotice(models.Model):
    """``kind`` says why the notice was written (``paid``, ``expired``, ``cancelled``,
    ``flagged`` or ``sync`` for a re-announcement); the handlers always receive the
    charge's *current* state, so late or repeated notices converge instead of regress."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    charge = models.ForeignKey(Charge, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("jenis"), max_length=16)
    flags = models.JSONField(_("tanda"), default=list, blank=True)
    state = models.CharField(
        _("status"), max_length=16, choices=NoticeState.choices, default=NoticeState.PENDING
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"))
    last_error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan pemilik")
        verbose_name_plural = _("pemberitahuan pemilik")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["regency", "charge"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.charge_id} {self.state}"
