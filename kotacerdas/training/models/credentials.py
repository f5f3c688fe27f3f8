"""Issued Open Badges 3.0 credentials. The signed payload and JWT are immutable: the
model and its queryset refuse to change them; only the status (valid, suspended,
revoked) with its reason moves, and revocation is final."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.training.models.asn import Asn
from kotacerdas.training.models.courses import Enrolment

MUTABLE_FIELDS = frozenset({"status", "status_reason", "status_changed_at", "status_changed_by"})


class CredentialImmutable(Exception):
    """Raised when code tries to change what a credential says."""


class CredentialStatus(models.TextChoices):
    VALID = "valid", _("Sah")
    SUSPENDED = "suspended", _("Ditangguhkan")
    REVOKED = "revoked", _("Dicabut")


class CredentialQuerySet(models.QuerySet["Credential"]):
    def update(self, **kwargs: Any) -> int:
        if set(kwargs) - MUTABLE_FIELDS:
            raise CredentialImmutable("an issued credential's content cannot be changed")
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        if set(fields) - MUTABLE_FIELDS:
            raise CredentialImmutable("an issued credential's content cannot be changed")
        return super().bulk_update(objs, fields, *args, **kwargs)


class Credential(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    public_id = models.CharField(_("nomor sertifikat"), max_length=32, unique=True)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, null=True, blank=True, related_name="credential"
    )
    asn = models.ForeignKey(Asn, on_delete=models.PROTECT, related_name="credentials")
    title = models.CharField(_("pelatihan"), max_length=160)
    jp = models.PositiveSmallIntegerField(_("JP"))
    issued_at = models.DateTimeField(_("diterbitkan"))
    status_index = models.PositiveIntegerField(_("indeks daftar status"))
    payload = models.JSONField(_("kredensial"))
    jwt = models.TextField(_("VC-JWT"))
    kid = models.CharField(_("id kunci"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=CredentialStatus.choices, default=CredentialStatus.VALID
    )
    status_reason = models.CharField(_("alasan"), max_length=300, blank=True)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "status_index"], name="credential_unique_status_index"
            ),
        ]
        indexes = [models.Index(fields=["regency", "status"])]

    def __str__(self) -> str:
        return f"{self.public_id} · {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            fields = kwargs.get("update_fields")
            if fields is None or set(fields) - MUTABLE_FIELDS:
                raise CredentialImmutable("an issued credential's content cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise CredentialImmutable("issued credentials are kept; revoke instead")
