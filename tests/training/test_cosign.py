"""The partner's co-signature and batch issuing. The co-signature is checked with
joserfc (the independent library of the credential tests) against the JWKS the partner
publishes, never with the platform's own verifier; batch issuing is checked for unique
random indices, one audit row per credential and a query count that does not grow with
the class."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import KeySet, OKPKey

from kotacerdas.core.models import AuditLog
from kotacerdas.partners.models import PartnerKind
from kotacerdas.partners.services.agreements import partner_ensure
from kotacerdas.training.cosign import cosigner
from kotacerdas.training.keys import signing_key
from kotacerdas.training.models import Course, Credential, Enrolment, EnrolmentStatus
from kotacerdas.training.partner_keys import partner_signing_key
from kotacerdas.training.services import credentials as credential_services
from kotacerdas.training.services.credentials import credentials_issue
from kotacerdas.training.workflow import TrainingRefused
from tests.factories import kotim
from tests.training.conftest import make_asn, second_regency
from tests.training.test_credentials import issued, local, published_keys
from tests.training.world import build_world

pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
COSIGNED = "ditandatangani bersama oleh Universitas Darwan Ali"


def partner_keys(client: Client, creator_id: str) -> KeySet:
    profile = client.get(local(creator_id)).json()
    assert profile["type"] == ["Profile"] and profile["name"] == "Universitas Darwan Ali"
    response = client.get(local(profile["publicKey"]["jwks_uri"]))
    assert response.status_code == 200
    return KeySet.import_key_set(response.json())


@pytest.mark.django_db
def test_the_partner_cosigns_and_its_published_key_verifies_it(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    client = Client()
    issuer_keys = published_keys(client)
    vc = jwt.decode(credential.jwt, issuer_keys, algorithms=["EdDSA"]).claims
    creator = vc["credentialSubject"]["achievement"]["creator"]
    assert creator["id"].endswith("/sertifikat/mitra/6202/unda")
    [endorsement] = vc["endorsementJwt"]

    keys = partner_keys(client, creator["id"])
    token = jwt.decode(endorsement, keys, algorithms=["EdDSA"])
    claims = token.claims
    assert claims["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert claims["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["issuer"]["id"] == creator["id"] and claims["iss"] == creator["id"]
    assert claims["credentialSubject"]["id"] == vc["id"]
    assert claims["credentialSubject"]["type"] == ["EndorsementSubject"]
    assert claims["validFrom"] == vc["validFrom"]

    # Two separate keys in two separate sets: neither verifies the other's documents.
    assert token.header["kid"] not in {k.kid for k in issuer_keys.keys}
    with pytest.raises(Exception):  # noqa: B017 - no key with that kid / wrong key
        jwt.decode(endorsement, issuer_keys, algorithms=["EdDSA"])
    with pytest.raises(Exception):  # noqa: B017
        jwt.decode(credential.jwt, keys, algorithms=["EdDSA"])

    # The private key lives in a file outside the database, readable by its owner only.
    key_file = Path(settings.KOTACERDAS_PARTNER_KEYS_DIR) / "6202" / "unda.pem"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert b"PRIVATE KEY" not in credential.jwt.encode()

    page = client.get(f"/sertifikat/{credential.public_id}").content.decode()
    assert COSIGNED in page
    assert (
        "bersama Universitas Darwan Ali"
        in client.get(f"/sertifikat/{credential.public_id}/cetak").content.decode()
    )


@pytest.mark.django_db
def test_a_class_of_bkpsdm_itself_has_no_cosignature(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    Course.objects.create(
        regency=kotim(),
        code="literasi-data",
        title="Literasi data untuk ASN",
        description="Kelas BKPSDM sendiri.",
        provider=None,
        competency_type="teknis",
        competency_code="KT-DATA-01",
        element_codes="SG-BR,SG-PP",
        mode="klasikal",
        jp=12,
    )
    credential = issued(bkpsdm)  # the world reuses this course
    assert "endorsementJwt" not in credential.payload
    assert "creator" not in credential.payload["credentialSubject"]["achievement"]
    page = Client().get(f"/sertifikat/{credential.public_id}").content.decode()
    assert "SAH" in page and "ditandatangani bersama" not in page


def _copy(credential: Credential, payload: dict[str, object], index: int) -> Credential:
    return Credential.objects.create(
        regency=credential.regency,
        public_id=f"salinan{index}",
        asn=credential.asn,
        title=credential.title,
        jp=credential.jp,
        issued_at=credential.issued_at,
        status_index=index,
        payload=payload,
        jwt=credential.jwt,
        kid=credential.kid,
    )


@pytest.mark.django_db
def test_a_forged_or_borrowed_cosignature_is_not_shown(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)
    client = Client()
    [endorsement] = credential.payload["endorsementJwt"]
    keys = partner_keys(
        client, credential.payload["credentialSubject"]["achievement"]["creator"]["id"]
    )
    claims = jwt.decode(endorsement, keys, algorithms=["EdDSA"]).claims

    # Signed by a stranger's key that claims the partner's kid.
    stranger = OKPKey.generate_key("Ed25519")
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": keys.keys[0].kid}
    forged = jwt.encode(header, claims, stranger, algorithms=["EdDSA"])
    fake = _copy(credential, {**credential.payload, "endorsementJwt": [forged]}, 1)
    assert cosigner(payload=fake.payload, regency_code="6202") == ""
    assert (
        "ditandatangani bersama" not in client.get(f"/sertifikat/{fake.public_id}").content.decode()
    )

    # The partner's genuine endorsement of one credential pasted into another.
    borrowed = {**credential.payload, "id": "http://testserver/sertifikat/lain"}
    assert cosigner(payload=borrowed, regency_code="6202") == ""
    # ... or read under another regency's code.
    assert cosigner(payload=credential.payload, regency_code="6201") == ""
    assert cosigner(payload=credential.payload, regency_code="6202") == "Universitas Darwan Ali"
    assert (
        cosigner(
            payload={**credential.payload, "endorsementJwt": ["a.b.c", 5]}, regency_code="6202"
        )
        == ""
    )


def _completed_class(count: int) -> list[Enrolment]:
    world = build_world(now=timezone.now())
    regency, klass = world.regency, world.klass
    people = [
        make_asn(f"19870312201001{1 if i % 2 else 2}{i:03d}", name=f"Peserta {i}")
        for i in range(1, count + 1)
    ]
    Enrolment.objects.bulk_create(
        Enrolment(
            regency=regency,
            training_class=klass,
            asn=asn,
            opd_id=asn.opd_id,
            nominated_by=world.lecturer,
            status=EnrolmentStatus.COMPLETED,
            post_score=90,
        )
        for asn in people
    )
    return list(
        Enrolment.objects.filter(training_class=klass).select_related(
            "asn", "training_class__course__provider", "regency"
        )
    )


@pytest.mark.django_db
def test_a_class_is_issued_in_one_batch_each_credential_audited(
    bkpsdm, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    enrolments = _completed_class(40)
    signing_key()
    with django_assert_max_num_queries(12):
        credentials = credentials_issue(enrolments=enrolments, actor=bkpsdm)
    assert len(credentials) == 40
    assert len({c.status_index for c in credentials}) == 40
    assert sorted(c.status_index for c in credentials) != [c.status_index for c in credentials]
    audited = AuditLog.objects.filter(action="training.credential.issue")
    assert sorted(int(a.object_id) for a in audited) == sorted(c.pk for c in credentials)
    assert all(a.actor == bkpsdm and a.after["cosigned"] for a in audited)
    # Issuing again returns the same credentials and writes nothing.
    again = credentials_issue(enrolments=enrolments, actor=bkpsdm)
    assert [c.pk for c in again] == [c.pk for c in credentials]
    assert AuditLog.objects.filter(action="training.credential.issue").count() == 40


@pytest.mark.django_db
def test_a_taken_index_is_refused_by_the_database_and_the_batch_retried(
    bkpsdm, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    enrolments = _completed_class(4)
    [first] = credentials_issue(enrolments=enrolments[:1], actor=bkpsdm)
    real = credential_services._free_indices
    calls: list[int] = []

    def collide_once(regency_id: int, count: int) -> list[int]:
        calls.append(count)
        if len(calls) == 1:  # a concurrent issuer took this index meanwhile
            return [first.status_index, *real(regency_id, count - 1)]
        return real(regency_id, count)

    monkeypatch.setattr(credential_services, "_free_indices", collide_once)
    credentials = credentials_issue(enrolments=enrolments[1:], actor=bkpsdm)
    assert len(calls) == 2 and len(credentials) == 3
    assert first.status_index not in {c.status_index for c in credentials}
    assert Credential.objects.filter(regency=first.regency).count() == 4
    assert AuditLog.objects.filter(action="training.credential.issue").count() == 4


@pytest.mark.django_db
def test_without_the_partner_key_nothing_is_issued(bkpsdm, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signing_key()  # the issuer's key exists; only the partner's is missing
    enrolments = _completed_class(2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "KOTACERDAS_PARTNER_KEYS_DIR", str(tmp_path))
        patch.setattr(settings, "KOTACERDAS_TRAINING_GENERATE_KEY", False)
        with pytest.raises(TrainingRefused, match="mitra Universitas Darwan Ali"):
            credentials_issue(enrolments=enrolments, actor=bkpsdm)
    assert not Credential.objects.exists()
    assert not AuditLog.objects.filter(action="training.credential.issue").exists()


@pytest.mark.django_db
def test_each_regency_partner_has_its_own_key_and_jwks(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    credential = issued(bkpsdm)  # UNDA of Kotim co-signed
    kobar = second_regency()
    partner_ensure(
        regency=kobar,
        code="unda",
        name="Universitas Darwan Ali",
        short_name="UNDA",
        kind=PartnerKind.UNIVERSITY,
    )
    kobar_key = partner_signing_key(regency_code="6201", partner_code="unda")
    assert kobar_key is not None
    client = Client()
    kotim_set = client.get("/sertifikat/mitra/6202/unda/jwks.json").json()["keys"]
    kobar_set = client.get("/sertifikat/mitra/6201/unda/jwks.json").json()["keys"]
    assert [k["kid"] for k in kobar_set] == [kobar_key.kid]
    assert kobar_key.kid not in {k["kid"] for k in kotim_set}
    [endorsement] = credential.payload["endorsementJwt"]
    with pytest.raises(Exception):  # noqa: B017 - Kobar's UNDA key does not verify Kotim's
        jwt.decode(endorsement, KeySet.import_key_set({"keys": kobar_set}), algorithms=["EdDSA"])
    assert client.get("/sertifikat/mitra/6202/tidak-ada/jwks.json").status_code == 404
    assert client.get("/sertifikat/mitra/9999/unda").status_code == 404
