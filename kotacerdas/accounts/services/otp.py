"""Phone sign-in: send a one-time code, verify it, and create the citizen (warga)
account on first use. Codes come from ``secrets``; only an HMAC of the code (keyed with
``SECRET_KEY`` and bound to the number) is stored. Limits count accepted sends per
number (short and daily windows), with the client address only as a coarse ceiling, so
neighbours behind one carrier NAT do not lock each other out."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.models import OtpChallenge
from kotacerdas.accounts.phone import phone_normalise
from kotacerdas.core.models import Regency, Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek
from kotacerdas.core.services.users import role_grant, user_create

CODE_DIGITS = 6


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def otp_ttl_seconds() -> int:
    return _setting("KOTACERDAS_OTP_TTL_SECONDS", 300)


def otp_max_attempts() -> int:
    return _setting("KOTACERDAS_OTP_MAX_ATTEMPTS", 5)


def _send_limits(phone: str, client: str) -> list[tuple[str, int, int]]:
    """(counter key, limit, window seconds): per number 3 per 15 minutes and 10 per day;
    per client address 30 per hour (a ceiling against one machine spraying numbers)."""
    return [
        (f"otp-send:phone:{phone}", _setting("KOTACERDAS_OTP_SENDS_PER_15MIN", 3), 900),
        (f"otp-send:day:{phone}", _setting("KOTACERDAS_OTP_SENDS_PER_DAY", 10), 86400),
        (f"otp-send:ip:{client}", _setting("KOTACERDAS_OTP_SENDS_PER_IP_HOUR", 30), 3600),
    ]


def _verify_key(phone: str) -> tuple[str, int, int]:
    return (f"otp-verify:phone:{phone}", _setting("KOTACERDAS_OTP_FAILURES_PER_HOUR", 10), 3600)


class OtpRefused(ValueError):
    """A refusal the citizen can act on. ``retry_after`` (seconds) is set for limits."""

    def __init__(self, message: str, code: str, retry_after: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.retry_after = retry_after


def retry_text(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    if minutes >= 120:
        return f"Coba lagi dalam {-(-minutes // 60)} jam."
    return f"Coba lagi dalam {minutes} menit."


def code_hash(phone: str, code: str) -> str:
    key = hashlib.sha256(("otp:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class OtpSent:
    phone: str
    expires_in: int


def otp_send(*, regency: Regency, phone: str, client: str = "") -> OtpSent:
    """Validates the number, checks the send limits and sends a fresh code by SMS (after
    commit). Earlier unused codes of the number stop working."""
    from kotacerdas.services.notifications import Message, message_sender

    e164 = phone_normalise(phone)
    limits = _send_limits(e164, client or "-")
    for key, limit, window in limits:
        state = rate_peek(key=key, limit=limit, window_seconds=window)
        if state.exceeded:
            raise OtpRefused(
                "Terlalu sering meminta kode. " + retry_text(state.retry_after),
                "rate_limited",
                state.retry_after,
            )
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    now = timezone.now()
    ttl = otp_ttl_seconds()
    with transaction.atomic():
        OtpChallenge.objects.filter(regency=regency, phone=e164, used_at__isnull=True).update(
            used_at=now
        )
        OtpChallenge.objects.create(
            regency=regency,
            phone=e164,
            code_hash=code_hash(e164, code),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
        text = (
            f"Kode masuk Kota Cerdas {regency.short_name or regency.name}: {code}. "
            f"Berlaku {ttl // 60} menit. Jangan berikan kode ini kepada siapa pun."
        )
        transaction.on_commit(
            lambda: message_sender().send(Message(to=e164, text=text, channel="sms"))
        )
    for key, limit, window in limits:
        rate_hit(key=key, limit=limit, window_seconds=window)
    return OtpSent(phone=e164, expires_in=ttl)


@dataclass(frozen=True)
class OtpLogin:
    user: User
    created: bool


def _check_code(regency: Regency, e164: str, code: str) -> None:
    """Consumes the challenge on success; counts a wrong try (kept, not rolled back)."""
    now = timezone.now()
    wrong_left: int | None = None
    with transaction.atomic():
        challenge = (
            OtpChallenge.objects.select_for_update()
            .filter(regency=regency, phone=e164, used_at__isnull=True)
            .order_by("-created_at", "-id")
            .first()
        )
        if challenge is None or challenge.expires_at <= now:
            raise OtpRefused(
                "Kode sudah kedaluwarsa atau belum diminta. Minta kode baru.", "otp_expired"
            )
        if challenge.attempts >= otp_max_attempts():
            raise OtpRefused("Terlalu banyak kode salah. Minta kode baru.", "otp_locked")
        if hmac.compare_digest(challenge.code_hash, code_hash(e164, code)):
            challenge.used_at = now
            challenge.save(update_fields=["used_at"])
            return
        challenge.attempts += 1
        challenge.save(update_fields=["attempts"])
        wrong_left = otp_max_attempts() - challenge.attempts
    key, limit, window = _verify_key(e164)
    rate_hit(key=key, limit=limit, window_seconds=window)
    if wrong_left <= 0:
        raise OtpRefused("Kode salah. Minta kode baru.", "otp_locked")
    raise OtpRefused(f"Kode salah. Sisa percobaan: {wrong_left}.", "otp_wrong")


def otp_verify(*, regency: Regency, phone: str, code: str) -> OtpLogin:
    """Checks the code and returns the citizen account of the number, created on first
    use with the *warga* role. Staff accounts keep signing in with their password."""
    e164 = phone_normalise(phone)
    code = (code or "").strip()
    if not (len(code) == CODE_DIGITS and code.isascii() and code.isdigit()):
        raise OtpRefused(f"Kode terdiri dari {CODE_DIGITS} angka.", "otp_format")
    key, limit, window = _verify_key(e164)
    state = rate_peek(key=key, limit=limit, window_seconds=window)
    if state.exceeded:
        raise OtpRefused(
            "Terlalu banyak kode salah untuk nomor ini. " + retry_text(state.retry_after),
            "rate_limited",
            state.retry_after,
        )
    _check_code(regency, e164, code)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(regency=regency, phone=e164).first()
        created = user is None
        if user is None:
            user = user_create(
                regency=regency,
                username=f"warga-{secrets.token_hex(5)}",
                password=None,
                actor=None,
            )
            user.phone = e164
            user.save(update_fields=["phone"])
            role_grant(user=user, role=Role.WARGA, regency=regency, actor=None)
        else:
            if set(user_roles(user)) - {Role.WARGA}:
                raise OtpRefused(
                    "Nomor ini terdaftar untuk akun petugas. Petugas masuk dengan "
                    "username dan kata sandi.",
                    "staff_account",
                )
            if not user.is_active:
                raise OtpRefused("Akun ini dinonaktifkan.", "inactive")
        audit_record(
            regency=regency,
            actor=user,
            action="accounts.otp.signup" if created else "accounts.otp.login",
            obj=user,
        )
    return OtpLogin(user=user, created=created)
