"""The Ed25519 key that signs training credentials, kept outside the database.

Order of lookup: ``KOTACERDAS_TRAINING_SIGNING_KEY`` (PEM text in the environment), then
the PEM file at ``KOTACERDAS_TRAINING_SIGNING_KEY_FILE``. Where
``KOTACERDAS_TRAINING_GENERATE_KEY`` is on (dev, demo, tests; never production) a missing
file is created with mode 0600. Retired public keys listed in
``KOTACERDAS_TRAINING_RETIRED_KEY_FILES`` stay in the JWKS so credentials signed before a
rotation keep verifying."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(public: Ed25519PublicKey) -> dict[str, str]:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    # RFC 7638 thumbprint: the required members, sorted, no whitespace.
    thumb = hashlib.sha256(json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode())
    return {**jwk, "kid": b64url(thumb.digest()), "alg": "EdDSA", "use": "sig"}


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    jwk: dict[str, str]

    @property
    def kid(self) -> str:
        return self.jwk["kid"]


def _load_private(pem: bytes, origin: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{origin} is not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{origin} must be an Ed25519 key")
    return key


def _generate(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return pem


def key_from_file(path: Path, *, generate: bool) -> SigningKey | None:
    """The key in ``path``; when missing, a new one if ``generate``, else None."""
    if path.exists():
        pem = path.read_bytes()
    elif generate:
        try:
            pem = _generate(path)
        except FileExistsError:  # another process made it first
            pem = path.read_bytes()
    else:
        return None
    private = _load_private(pem, str(path))
    return SigningKey(private=private, jwk=public_jwk(private.public_key()))


def public_jwk_from_file(name: str) -> dict[str, str]:
    """The public JWK of a private or public PEM file (retired keys)."""
    pem = Path(name).read_bytes()
    try:
        public: Any = serialization.load_pem_public_key(pem)
    except ValueError:
        public = _load_private(pem, name).public_key()
    if not isinstance(public, Ed25519PublicKey):
        raise ImproperlyConfigured(f"{name} must be an Ed25519 key")
    return public_jwk(public)


@lru_cache(maxsize=4)
def _signing_key(env_pem: str, file_name: str, generate: bool) -> SigningKey:
    if env_pem:
        private = _load_private(env_pem.encode(), "KOTACERDAS_TRAINING_SIGNING_KEY")
        return SigningKey(private=private, jwk=public_jwk(private.public_key()))
    key = key_from_file(Path(file_name), generate=generate)
    if key is None:
        raise ImproperlyConfigured(
            "No signing key for training credentials: set KOTACERDAS_TRAINING_SIGNING_KEY "
            "or KOTACERDAS_TRAINING_SIGNING_KEY_FILE"
        )
    return key


def signing_key() -> SigningKey:
    return _signing_key(
        settings.KOTACERDAS_TRAINING_SIGNING_KEY,
        settings.KOTACERDAS_TRAINING_SIGNING_KEY_FILE,
        bool(settings.KOTACERDAS_TRAINING_GENERATE_KEY),
    )


def _retired_jwks() -> list[dict[str, str]]:
    return [public_jwk_from_file(name) for name in settings.KOTACERDAS_TRAINING_RETIRED_KEY_FILES]


def jwks() -> dict[str, list[dict[str, str]]]:
    current = signing_key().jwk
    keys = [current] + [k for k in _retired_jwks() if k["kid"] != current["kid"]]
    return {"keys": keys}


def sign_compact(
    header: dict[str, Any], payload: dict[str, Any], key: SigningKey | None = None
) -> str:
    """A JWS compact serialisation (RFC 7515) with EdDSA (RFC 8037); by default with the
    issuer's key, or with a partner's for its co-signature."""
    key = key or signing_key()
    protected = {**header, "alg": "EdDSA", "kid": key.kid}
    head = b64url(json.dumps(protected, separators=(",", ":")).encode())
    body = b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    signature = key.private.sign(f"{head}.{body}".encode())
    return f"{head}.{body}.{b64url(signature)}"
