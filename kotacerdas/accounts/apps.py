from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Citizen accounts: sign-up and sign-in by phone number with a one-time code."""

    name = "kotacerdas.accounts"
    label = "accounts"
    verbose_name = _("Akun warga")
    default_auto_field = "django.db.models.BigAutoField"
