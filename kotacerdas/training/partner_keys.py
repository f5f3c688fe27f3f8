"""Each partner's own Ed25519 key, with which it co-signs the credentials of the classes
it ran (an Open Badges 3.0 ``EndorsementCredential``, see ``cosign.py``).

Partner keys are kept outside the database, like the issuer's, one PEM file per partner:
``<KOTACERDAS_PARTNER_KEYS_DIR>/<BPS code>/<partner code>.pem``. Where
``KOTACERDAS_TRAINING_GENERATE_KEY`` is on (dev, demo, tests; never production) a missing
file is created with mode 0600. A retired key stays published while its file (private or
public PEM) is kept next to it as ``<partner code>.retired-<anything>.pem``.

Each partner's public keys are published in a JWKS of their own, never in the issuer's
``/sertifikat/jwks.json``: a verifier who checks a BKPSDM credential against the issuer's
set must never accept a document signed by a partner key."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from kotacerdas.training.keys import SigningKey, key_from_file, public_jwk_from_file

# Partner codes are slugs; the regency code is a BPS number. Anything else never
# reaches the file system.
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_REGENCY = re.compile(r"^[0-9]{2,8}$")


def _folder(regency_code: str, partner_code: str) -> Path | None:
    if not (_REGENCY.match(regency_code) and _CODE.match(partner_code)):
        return None
    return Path(settings.KOTACERDAS_PARTNER_KEYS_DIR) / regency_code


def partner_signing_key(
    *, regency_code: str, partner_code: str, generate: bool | None = None
) -> SigningKey | None:
    """The partner's current key, or None when it has none (and may not make one)."""
    folder = _folder(regency_code, partner_code)
    if folder is None:
        return None
    if generate is None:
        generate = bool(settings.KOTACERDAS_TRAINING_GENERATE_KEY)
    return key_from_file(folder / f"{partner_code}.pem", generate=generate)


def partner_jwks(*, regency_code: str, partner_code: str) -> dict[str, list[dict[str, str]]]:
    """The partner's current and retired public keys; never generates one."""
    folder = _folder(regency_code, partner_code)
    if folder is None:
        return {"keys": []}
    keys: list[dict[str, str]] = []
    current = partner_signing_key(
        regency_code=regency_code, partner_code=partner_code, generate=False
    )
    if current is not None:
        keys.append(current.jwk)
    for path in sorted(folder.glob(f"{partner_code}.retired-*.pem")):
        jwk = public_jwk_from_file(str(path))
        if all(k["kid"] != jwk["kid"] for k in keys):
            keys.append(jwk)
    return {"keys": keys}
