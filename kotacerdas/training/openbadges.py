"""Open Badges 3.0 documents (W3C Verifiable Credentials Data Model 2.0): the
``OpenBadgeCredential`` for a completed class, the issuer ``Profile``, and the
``BitstringStatusListCredential``. The URLs built here are a stable interface: they are
signed into credentials that live for years."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ELEMENT_FRAMEWORK = "Gerakan Menuju Smart City (Kominfo): 6 dimensi, 18 elemen"
PURPOSES = ("revocation", "suspension")


def base_url() -> str:
    return str(settings.KOTACERDAS_PUBLIC_URL).rstrip("/")


def credential_url(public_id: str) -> str:
    return f"{base_url()}/sertifikat/{public_id}"


def jwt_url(public_id: str) -> str:
    return f"{credential_url(public_id)}.jwt"


def issuer_id(regency_code: str) -> str:
    return f"{base_url()}/sertifikat/penerbit/{regency_code}"


def status_list_url(regency_code: str, purpose: str) -> str:
    return f"{base_url()}/sertifikat/status/{regency_code}/{purpose}"


def jwks_url() -> str:
    return f"{base_url()}/sertifikat/jwks.json"


def partner_profile_url(regency_code: str, partner_code: str) -> str:
    """The co-signing partner's ``Profile``; its JWKS is this URL + ``/jwks.json``."""
    return f"{base_url()}/sertifikat/mitra/{regency_code}/{partner_code}"


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_profile(*, regency_code: str, regency_name: str, jwk: dict[str, str]) -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(regency_code),
        "type": ["Profile"],
        "name": f"BKPSDM {regency_name}",
        "description": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "url": base_url(),
        # Open Badges 3.0 lets a profile name its keys; verifiers may also use jwks.json.
        "publicKey": {**jwk, "jwks_uri": jwks_url()},
    }


@dataclass(frozen=True)
class CourseFacts:
    regency_code: str
    regency_name: str
    code: str
    title: str
    description: str
    criteria: str
    jp: int
    competency_type: str
    competency_code: str
    elements: list[str]
    mode: str
    provider_name: str | None  # a partner that ran the class, or None for BKPSDM
    provider_url: str
    provider_code: str = ""  # the partner's code: it co-signs (None/empty: BKPSDM alone)


@dataclass(frozen=True)
class SubjectFacts:
    name: str
    nip: str
    salt: str


def _identity(subject: SubjectFacts) -> list[dict[str, Any]]:
    digest = hashlib.sha256((subject.nip + subject.salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "identityHash": subject.name,
            "identityType": "name",
            "hashed": False,
        },
        {
            "type": "IdentityObject",
            "identityHash": f"sha256${digest}",
            "identityType": "identifier",
            "hashed": True,
            "salt": subject.salt,
        },
    ]


def open_badge_credential(
    *,
    public_id: str,
    course: CourseFacts,
    subject: SubjectFacts,
    valid_from: datetime,
    status_index: int,
    endorsement_jwt: str = "",
) -> dict[str, Any]:
    achievement_id = f"{base_url()}/sertifikat/pelatihan/{course.regency_code}/{course.code}"
    alignment = [
        {
            "type": ["Alignment"],
            "targetName": f"Elemen smart city {code}",
            "targetCode": code,
            "targetFramework": ELEMENT_FRAMEWORK,
            "targetType": "CFItem",
            "targetUrl": f"{base_url()}/sertifikat/kompetensi/#{code}",
        }
        for code in course.elements
    ]
    if course.competency_code:
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": f"Kompetensi {course.competency_type}: {course.competency_code}",
                "targetCode": course.competency_code,
                "targetFramework": "Kompetensi ASN (PermenPANRB 38/2017)",
                "targetType": "Competency",
                "targetUrl": f"{base_url()}/sertifikat/kompetensi/#{course.competency_code}",
            }
        )
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": course.title,
        "description": course.description,
        "criteria": {"narrative": course.criteria},
        "alignment": alignment,
        "fieldOfStudy": course.competency_type,
        "tag": [course.mode, *course.elements],
        "resultDescription": [
            {
                "id": f"{achievement_id}#jp",
                "type": ["ResultDescription"],
                "name": "Jam pelajaran (JP) yang diperoleh",
                "resultType": "ext:JamPelajaran",
            }
        ],
    }
    if course.provider_name and course.provider_code:
        achievement["creator"] = {
            "id": partner_profile_url(course.regency_code, course.provider_code),
            "type": ["Profile"],
            "name": course.provider_name,
            **({"url": course.provider_url} if course.provider_url else {}),
        }
    elif course.provider_name:
        achievement["creator"] = {
            "id": course.provider_url or f"{issuer_id(course.regency_code)}#mitra",
            "type": ["Profile"],
            "name": course.provider_name,
        }
    entries = [
        {
            "id": f"{status_list_url(course.regency_code, purpose)}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_url(course.regency_code, purpose),
        }
        for purpose in PURPOSES
    ]
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_url(public_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": course.title,
        "issuer": {
            "id": issuer_id(course.regency_code),
            "type": ["Profile"],
            "name": f"BKPSDM {course.regency_name}",
        },
        "validFrom": iso(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identity(subject),
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement_id}#jp",
                    "value": str(course.jp),
                }
            ],
        },
        "credentialStatus": entries,
    }
    if endorsement_jwt:
        # OB 3.0 AchievementCredential.endorsementJwt: endorsements signed as VC-JWT.
        document["endorsementJwt"] = [endorsement_jwt]
    return document


def partner_endorsement(
    *,
    public_id: str,
    course: CourseFacts,
    valid_from: datetime,
) -> dict[str, Any]:
    """The partner's co-signature: an OB 3.0 ``EndorsementCredential`` issued by the
    partner about this one credential (its subject ``id`` is the credential's ``id``),
    which the partner signs with its own key and the issuer then embeds."""
    profile = partner_profile_url(course.regency_code, course.provider_code)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"{credential_url(public_id)}#mitra",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Pengesahan bersama oleh {course.provider_name}",
        "issuer": {"id": profile, "type": ["Profile"], "name": course.provider_name},
        "validFrom": iso(valid_from),
        "credentialSubject": {
            "id": credential_url(public_id),
            "type": ["EndorsementSubject"],
            "endorsementComment": (
                f"{course.provider_name} menyelenggarakan pelatihan “{course.title}” "
                f"({course.jp} JP) dan menandatangani bersama sertifikat ini."
            ),
        },
    }


def partner_profile(
    *, regency_code: str, partner_code: str, name: str, url: str, jwk: dict[str, str] | None
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": partner_profile_url(regency_code, partner_code),
        "type": ["Profile"],
        "name": name,
    }
    if url:
        profile["url"] = url
    if jwk is not None:
        jwks_uri = f"{partner_profile_url(regency_code, partner_code)}/jwks.json"
        profile["publicKey"] = {**jwk, "jwks_uri": jwks_uri}
    return profile


def status_list_credential(
    *, regency_code: str, purpose: str, encoded_list: str, valid_from: datetime
) -> dict[str, Any]:
    url = status_list_url(regency_code, purpose)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(regency_code),
        "validFrom": iso(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list,
        },
    }


def jwt_claims(document: dict[str, Any], issued: datetime) -> dict[str, Any]:
    """VC-JOSE-COSE: the JWT claims set is the credential itself; the registered claims
    are added for JWT libraries that check them, and agree with the credential."""
    issuer = document["issuer"]
    return {
        **document,
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": document["id"],
        "nbf": int(issued.timestamp()),
        "iat": int(issued.timestamp()),
    }
