"""Checking a partner's co-signature on a credential.

A credential of a partner's class carries, in ``endorsementJwt``, an Open Badges 3.0
``EndorsementCredential`` that the partner signed with its own Ed25519 key. The
verification page only says "ditandatangani bersama" when this check passes: the
signature verifies against a key the partner publishes, the endorsement is about this
very credential, and its issuer is the partner named as the achievement's creator."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kotacerdas.training.partner_keys import partner_jwks

_PARTNER_PATH = re.compile(
    r"^/sertifikat/mitra/(?P<regency>[0-9]{2,8})/(?P<code>[a-z0-9][a-z0-9_-]{0,39})$"
)
MAX_TOKEN = 20_000


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _partner_of(issuer_url: str, regency_code: str) -> str | None:
    match = _PARTNER_PATH.match(urlsplit(issuer_url).path)
    if match is None or match["regency"] != regency_code:
        return None
    return match["code"]


def _verified_name(token: str, credential: dict[str, Any], regency_code: str) -> str | None:
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 2:
        return None
    head, body, signature = token.split(".")
    header = json.loads(_b64(head))
    claims = json.loads(_b64(body))
    if header.get("alg") != "EdDSA" or "EndorsementCredential" not in claims.get("type", []):
        return None
    subject = claims.get("credentialSubject") or {}
    if subject.get("id") != credential.get("id"):
        return None
    issuer = claims.get("issuer") or {}
    creator = credential["credentialSubject"]["achievement"].get("creator") or {}
    if not issuer.get("id") or issuer.get("id") != creator.get("id"):
        return None
    partner = _partner_of(str(issuer["id"]), regency_code)
    if partner is None:
        return None
    for jwk in partner_jwks(regency_code=regency_code, partner_code=partner)["keys"]:
        if jwk["kid"] != header.get("kid"):
            continue
        public = Ed25519PublicKey.from_public_bytes(_b64(jwk["x"]))
        try:
            public.verify(_b64(signature), f"{head}.{body}".encode())
        except InvalidSignature:
            return None
        return str(issuer.get("name") or creator.get("name") or "")
    return None


def cosigner(*, payload: dict[str, Any], regency_code: str) -> str:
    """The name of the partner whose co-signature on this credential verifies, or ""."""
    tokens = payload.get("endorsementJwt") or []
    if not isinstance(tokens, list):
        return ""
    for token in tokens:
        try:
            name = _verified_name(token, payload, regency_code)
        except (ValueError, TypeError, KeyError, AttributeError):
            name = None
        if name:
            return name
    return ""
