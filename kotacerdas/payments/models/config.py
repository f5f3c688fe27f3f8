"""Which gateway a regency uses and where its keys are. Keys are never stored here: the
row names the environment variables that hold them."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency

env_name = RegexValidator(r"^[A-Z][A-Z0-9_]*$", _("Nama variabel lingkungan (HURUF_BESAR)."))


class Provider(models.TextChoices):
    MIDTRANS = "midtrans", "Midtrans Core API (QRIS)"
    XENDIT = "xendit", "Xendit QR Codes API"
    SNAP = "snap", "BI SNAP QR MPM"


class GatewayConfig(models.Model):
    regency = models.OneToOneField(Regency, on_delete=models.PROTECT, related_name="gateway")
    provider = models.CharField(
        _("gateway aktif"), max_length=16, choices=Provider.choices, default=Provider.MIDTRANS
    )
    base_url = models.URLField(
        _("URL dasar API"),
        blank=True,
        help_text=_("Kosong: simulator bawaan (hanya demo/uji) atau sandbox penyedia."),
    )
    server_key_env = models.CharField(
        _("variabel kunci server / secret key"),
        max_length=80,
        blank=True,
        default="KOTACERDAS_MIDTRANS_SERVER_KEY",
        validators=[env_name],
        help_text=_("Midtrans server key, Xendit secret key, atau SNAP client secret."),
    )
    callback_token_env = models.CharField(
        _("variabel token callback Xendit"),
        max_length=80,
        blank=True,
        validators=[env_name],
    )
    snap_client_id = models.CharField(_("SNAP client id / X-PARTNER-ID"), max_length=64, blank=True)
    snap_merchant_id = models.CharField(_("SNAP merchant id"), max_length=64, blank=True)
    snap_channel_id = models.CharField(_("SNAP CHANNEL-ID"), max_length=5, blank=True)
    snap_private_key_env = models.CharField(
        _("variabel kunci privat RSA kita (PEM)"), max_length=80, blank=True, validators=[env_name]
    )
    snap_public_key_env = models.CharField(
        _("variabel kunci publik RSA penyedia (PEM)"),
        max_length=80,
        blank=True,
        validators=[env_name],
    )
    snap_notify_signature = models.CharField(
        _("tanda tangan notifikasi SNAP"),
        max_length=8,
        choices=[("rsa", "SHA256withRSA"), ("hmac", "HMAC-SHA512")],
        default="rsa",
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("konfigurasi gateway")
        verbose_name_plural = _("konfigurasi gateway")
        ordering = ["regency"]

    def __str__(self) -> str:
        return f"{self.regency} · {self.get_provider_display()}"
