"""Bearer tokens for the JSON API (attendant phones, outside systems)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import ApiToken, Regency, User
from kotacerdas.core.services.audit import audit_record

TOKEN_PREFIX = "kc_"  # noqa: S105 - a public marker, not a secret
# Writing last_used_at on every request would turn every read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_issue(
    *, user: User, regency: Regency, name: str = "", ttl_days: int | None = None
) -> tuple[ApiToken, str]:
    """Returns the row and the raw token; the raw token is shown once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    days = ttl_days if ttl_days is not None else settings.KOTACERDAS_TOKEN_TTL_DAYS
    with transaction.atomic():
        token = ApiToken.objects.create(
            regency=regency,
            user=user,
            name=name[:80],
            prefix=raw[:10],
            key_hash=hash_token(raw),
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(
            regency=regency,
            actor=user,
            action="core.token.issue",
            obj=token,
            after={
                "prefix": token.prefix,
                "name": token.name,
                "expires_at": token.expires_at.isoformat(),
            },
        )
    return token, raw


def token_authenticate(raw: str) -> ApiToken | None:
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "regency")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
        if updated:
            audit_record(
                regency=token.regency,
                actor=actor,
                action="core.token.revoke",
                obj=token,
                after={
                    "prefix": token.prefix,
                    "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
                },
            )
        return token


def _revoke_all_for_user(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def tokens_revoke_on_password_change(
    sender: type, instance: User, created: bool, **_: object
) -> None:
    """post_save receiver: a saved user whose password was just set (``set_password``
    leaves the raw value on the instance until ``save`` finishes) loses every API token,
    whichever way the password changed: the admin, a reset link, the change form, the
    ``changepassword`` command or ``user_set_password``. Browser sessions end on their own:
    Django checks each session against a hash of the current password."""
    if created or getattr(instance, "_password", None) is None:
        return
    revoked = _revoke_all_for_user(instance)
    regency = instance.regency
    if revoked and regency is not None:
        audit_record(
            regency=regency,
            actor=None,
            action="core.token.revoke_all",
            obj=instance,
            after={"reason": "password_changed", "revoked": revoked},
        )
