"""Open311 API keys: issued per client application, stored as a SHA-256, revocable."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.tokens import hash_token
from kotacerdas.services.models import Open311Key

KEY_PREFIX = "o311_"
_LAST_USED_RESOLUTION_S = 60


def apikey_create(*, regency: Regency, name: str, actor: User | None) -> tuple[Open311Key, str]:
    """Returns the row and the raw key; the raw key is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValueError("an API key needs the name of its application")
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = Open311Key.objects.create(
            regency=regency, name=name[:80], prefix=raw[:10], key_hash=hash_token(raw)
        )
        audit_record(
            regency=regency,
            actor=actor,
            actor_label=None if actor else "cli",
            action="services.apikey.create",
            obj=key,
            after={"name": key.name, "prefix": key.prefix},
        )
    return key, raw


def apikey_authenticate(*, regency: Regency, raw: str) -> Open311Key | None:
    if not raw or len(raw) > 200:
        return None
    key = Open311Key.objects.filter(
        regency=regency, key_hash=hash_token(raw), revoked_at__isnull=True
    ).first()
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        Open311Key.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def apikey_revoke(*, key: Open311Key, actor: User | None) -> Open311Key:
    with transaction.atomic():
        changed = Open311Key.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        key.refresh_from_db()
        if changed:
            audit_record(
                regency=key.regency,
                actor=actor,
                action="services.apikey.revoke",
                obj=key,
                after={"name": key.name, "prefix": key.prefix},
            )
    return key
