"""WhatsApp intake: every webhook call as received (the raw body, verified or not) and
one durable conversation per phone number, so a citizen can answer tomorrow where they
stopped today and a restart of the server loses nothing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Kecamatan, Regency
from kotacerdas.services.models.catalogue import Service
from kotacerdas.services.models.requests import ServiceRequest


class Step(models.TextChoices):
    IDLE = "idle", _("Belum mulai")
    SERVICE = "service", _("Memilih layanan")
    DESCRIPTION = "description", _("Menulis uraian")
    ATTRIBUTE = "attribute", _("Menjawab pertanyaan layanan")
    LOCATION = "location", _("Mengirim lokasi")
    PHOTO = "photo", _("Mengirim foto")
    IDENTITY = "identity", _("Memilih tampil atau anonim")


class WhatsAppInbound(models.Model):
    """One row per webhook call. ``message_id`` (the provider's id) is unique per
    regency among verified rows, so a replayed delivery is recognised and answered once.
    Refused calls keep their raw body too (``verified`` false, no message id)."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)
    verified = models.BooleanField(_("terverifikasi"), default=False)
    message_id = models.CharField(_("id pesan penyedia"), max_length=128, blank=True)
    body_text = models.TextField(_("isi mentah"), blank=True)
    body_sha256 = models.CharField(_("SHA-256 isi"), max_length=64)
    outcome = models.CharField(_("hasil"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("pesan WhatsApp masuk")
        verbose_name_plural = _("pesan WhatsApp masuk")
        ordering = ["regency", "-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "message_id"],
                condition=~models.Q(message_id=""),
                name="whatsapp_message_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} {self.outcome}"


class WhatsAppConversation(models.Model):
    """Where one phone number is in the reporting conversation, and what it said so
    far. Cleared after a request is filed or on "batal"."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("nomor WhatsApp"), max_length=20)
    step = models.CharField(_("tahap"), max_length=16, choices=Step.choices, default=Step.IDLE)
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("uraian"), blank=True)
    # Answers to the service's required questions, {code: [value, …]} as the form sends.
    answers = models.JSONField(_("jawaban"), default=dict, blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    photo_ref = models.CharField(_("foto (tautan atau id media)"), max_length=500, blank=True)
    profile_name = models.CharField(_("nama profil"), max_length=120, blank=True)
    last_request = models.ForeignKey(
        ServiceRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("percakapan WhatsApp")
        verbose_name_plural = _("percakapan WhatsApp")
        ordering = ["regency", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "phone"], name="whatsapp_conversation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}"
