"""Credentials are checked with outside tools only: joserfc verifies the VC-JWT against
the JWKS the platform publishes, and the status list is decoded with the standard
library (base64url + gzip), never with the platform's own encoder."""

from __future__ import annotations

import base64
import gzip
import json

import pytest
from django.test import Client
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet, OKPKey

from kotacerdas.core.models import Role
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.training.models import Credential, CredentialImmutable
from kotacerdas.training.services.attendance import attendance_manual
from kotacerdas.training.services.classes import (
    class_finish,
    enrolment_decide,
    enrolment_nominate,
    scores_set,
)
from kotacerdas.training.services.credentials import credential_set_status
from kotacerdas.training.workflow import TrainingRefused
from tests.factories import user_with
from tests.training.conftest import officer_of
from tests.training.world import build_world

# joserfc warns that RFC 9864 prefers the fully specified "Ed25519" identifier; "EdDSA" is
# what VC-JOSE-COSE verifiers expect today (docs/training.md).
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def issued(bkpsdm) -> Credential:  # type: ignore[no-untyped-def]
    world = build_world(now=timezone.now())
    head = officer_of("dishub")
    enrolment = enrolment_nominate(training_class=world.klass, asn=world.asns[0], actor=head)
    enrolment = enrolment_decide(enrolment=enrolment, accept=True, actor=bkpsdm)
    for session in world.sessions:
        attendance_manual(
            session=session, enrolment=enrolment, actor=world.lecturer, now=session.starts_at
        )
    scores_set(training_class=world.klass, scores={enrolment.pk: ("50", "88")}, actor=bkpsdm)
    class_finish(training_class=world.klass, actor=world.lecturer)
    return Credential.objects.get(enrolment=enrolment)


def local(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def published_keys(client: Client) -> KeySet:
    return KeySet.import_key_set(client.get("/sertifikat/jwks.json").json())


def status_bits(client: Client, list_url: str, keys: KeySet) -> bytes:
    response = client.get(local(list_url))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vc+jwt")
    token = jwt.decode(response.content.decode(), keys, algorithms=["EdDSA"])
    claims = token.claims
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["id"] == list_url
    encoded = claims["credentialSubject"]["encodedList"]
    assert encoded[0] == "u"  # multibase base64url
    raw = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


def bit(bits: bytes, index: int) -> int:
    return (bits[index // 8] >> (7 - index % 8)) & 1


@pytest.mark.django_db
def test_credential_verifies_with_an_independent_library_and_has_ob3_fields(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    client = Client()
    keys = published_keys(client)
    compact = client.get(f"/sertifikat/{credential.public_id}.jwt").content.decode()
    token = jwt.decode(compact, keys, algorithms=["EdDSA"])
    assert token.header["alg"] == "EdDSA"
    assert token.header["kid"] in {k.kid for k in keys.keys}
    vc = token.claims
    assert vc["@context"][:2] == [VC_V2, OB_V3]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["id"].endswith(f"/sertifikat/{credential.public_id}")
    assert vc["issuer"]["type"] == ["Profile"] and vc["issuer"]["name"].startswith("BKPSDM")
    assert vc["iss"] == vc["issuer"]["id"] and vc["jti"] == vc["id"]
    assert vc["validFrom"].endswith("Z")
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"] and achievement["name"] == "Literasi data untuk ASN"
    assert achievement["description"] and "80%" in achievement["criteria"]["narrative"]
    assert {a["targetCode"] for a in achievement["alignment"]} == {"SG-BR", "SG-PP", "KT-DATA-01"}
    assert all(a["targetUrl"] and a["targetName"] for a in achievement["alignment"])
    assert achievement["creator"]["name"] == "Universitas Darwan Ali"
    assert subject["result"][0]["value"] == "12"
    assert subject["result"][0]["resultDescription"] == achievement["resultDescription"][0]["id"]
    identifiers = {i["identityType"]: i for i in subject["identifier"]}
    assert identifiers["identifier"]["hashed"] is True
    assert "198503122010011003" not in compact and "198503122010011003" not in json.dumps(vc)
    purposes = {e["statusPurpose"]: e for e in vc["credentialStatus"]}
    assert set(purposes) == {"revocation", "suspension"}
    assert all(e["type"] == "BitstringStatusListEntry" for e in purposes.values())
    # The JSON download is the same credential, and the issuer profile names the same key.
    document = client.get(f"/sertifikat/{credential.public_id}.json").json()
    assert document["id"] == vc["id"] and document["credentialSubject"] == subject
    profile = client.get(local(vc["issuer"]["id"])).json()
    assert profile["type"] == ["Profile"] and profile["publicKey"]["kid"] == token.header["kid"]


@pytest.mark.django_db
def test_a_tampered_credential_fails_verification(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    head, body, signature = credential.jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["credentialSubject"]["result"][0]["value"] = "120"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    keys = published_keys(Client())
    with pytest.raises(BadSignatureError):
        jwt.decode(f"{head}.{forged}.{signature}", keys, algorithms=["EdDSA"])
    stranger = OKPKey.generate_key("Ed25519")
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do: wrong key
        jwt.decode(credential.jwt, stranger, algorithms=["EdDSA"])


@pytest.mark.django_db
def test_revocation_flips_the_bit_an_independent_decoder_reads(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    client = Client()
    keys = published_keys(client)
    entry = {e["statusPurpose"]: e for e in credential.payload["credentialStatus"]}["revocation"]
    index = int(entry["statusListIndex"])
    before = status_bits(client, entry["statusListCredential"], keys)
    assert len(before) * 8 >= 131_072 and bit(before, index) == 0
    assert "SAH" in client.get(f"/sertifikat/{credential.public_id}").content.decode()

    staff = Client()
    staff.force_login(bkpsdm)
    url = f"/pelatihan/sertifikat/{credential.public_id}/status"
    assert staff.post(url, {"status": "revoked", "reason": ""}).status_code == 400
    assert (
        staff.post(url, {"status": "revoked", "reason": "Data kehadiran keliru"}).status_code == 302
    )
    after = status_bits(client, entry["statusListCredential"], keys)
    assert bit(after, index) == 1 and sum(bin(b).count("1") for b in after) == 1
    page = client.get(f"/sertifikat/{credential.public_id}").content.decode()
    assert "DICABUT" in page and "Data kehadiran keliru" in page
    with pytest.raises(TrainingRefused):
        credential_set_status(credential=credential, status="valid", reason="", actor=bkpsdm)


@pytest.mark.django_db
def test_suspension_uses_its_own_list_and_can_be_lifted(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    client = Client()
    keys = published_keys(client)
    entries = {e["statusPurpose"]: e for e in credential.payload["credentialStatus"]}
    index = credential.status_index
    credential_set_status(credential=credential, status="suspended", reason="Audit", actor=bkpsdm)
    assert bit(status_bits(client, entries["suspension"]["statusListCredential"], keys), index) == 1
    assert bit(status_bits(client, entries["revocation"]["statusListCredential"], keys), index) == 0
    credential_set_status(credential=credential, status="valid", reason="", actor=bkpsdm)
    assert bit(status_bits(client, entries["suspension"]["statusListCredential"], keys), index) == 0


@pytest.mark.django_db
def test_issued_credentials_are_immutable(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    credential.payload["name"] = "Lain"
    with pytest.raises(CredentialImmutable):
        credential.save()
    with pytest.raises(CredentialImmutable):
        Credential.objects.filter(pk=credential.pk).update(jwt="x")
    with pytest.raises(CredentialImmutable):
        credential.delete()
    assert Credential.objects.get(pk=credential.pk).payload["name"] != "Lain"


@pytest.mark.django_db
def test_credentials_api_lists_status_and_urls_for_bkpsdm_only(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    _, raw = token_issue(user=bkpsdm, regency=bkpsdm.regency)
    body = Client().get("/api/v1/training/credentials", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    item = body["results"][0]
    assert body["count"] == 1
    assert item["id"] == credential.public_id and item["status"] == "valid"
    assert item["verify_url"].endswith(f"/sertifikat/{credential.public_id}")
    assert item["jwt_url"].endswith(f"/sertifikat/{credential.public_id}.jwt")
    _, dishub = token_issue(user=officer_of("dishub"), regency=bkpsdm.regency)
    denied = Client().get("/api/v1/training/credentials", HTTP_AUTHORIZATION=f"Bearer {dishub}")
    assert denied.status_code == 403
    bad = Client().get(
        "/api/v1/training/credentials?limit=100000", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_the_asn_downloads_their_own_credential(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    me = Client()
    me.force_login(credential.asn.user)
    page = me.get("/saya/pelatihan/").content.decode()
    assert credential.public_id in page and "12 / 20 JP" in page
    download = me.get(f"/sertifikat/{credential.public_id}.jwt?unduh=1")
    assert "attachment" in download["Content-Disposition"]
    other = Client()
    other.force_login(user_with(Role.ASN))
    assert "belum terhubung" in other.get("/saya/pelatihan/").content.decode()
