"""Changes to single ASN records made from the registry pages."""

from __future__ import annotations

from django.db import transaction

from kotacerdas.core.models import Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record
from kotacerdas.training.models import Asn


class AsnRefused(ValueError):
    """The message is Indonesian and shown to the person."""


def asn_link_user(*, asn: Asn, user: User | None, actor: User) -> Asn:
    """Links (or, with ``None``, unlinks) the platform account an ASN signs in with. The
    account must hold the ``asn`` role in the same regency."""
    if user is not None:
        if user.regency_id != asn.regency_id or Role.ASN not in user_roles(user):
            raise AsnRefused("Akun itu tidak ada atau tidak memiliki peran ASN di kabupaten ini.")
        other = Asn.objects.filter(user=user).exclude(pk=asn.pk).first()
        if other is not None:
            raise AsnRefused("Akun itu sudah terhubung ke data ASN lain.")
    with transaction.atomic():
        before = {"user": asn.user_id}
        asn.user = user
        asn.save(update_fields=["user", "updated_at"])
        audit_record(
            regency=asn.regency,
            actor=actor,
            action="training.asn.link_user",
            obj=asn,
            before=before,
            after={"user": asn.user_id},
        )
    return asn
