"""Adapters: signatures (good/bad/missing, constant-time compare), Xendit and SNAP
against constructed payloads from the shared doc, outgoing calls through a fake
transport (no network)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import timezone

from kotacerdas.payments import http
from kotacerdas.payments.models import PaymentEventKind
from kotacerdas.payments.providers import base as provider_base
from kotacerdas.payments.providers.base import ChargeRequest, ProviderError, VerificationFailed
from kotacerdas.payments.providers.midtrans import MidtransProvider, signature
from kotacerdas.payments.providers.snap import (
    SnapProvider,
    hmac_signature,
    minify,
    rsa_sign,
    string_to_sign,
)
from kotacerdas.payments.providers.xendit import XenditProvider

DOC_VECTOR = (
    "2a04d173acdace723c4df3ee15fa07a4c43dda00686def56b8e2797f4d76a344f80029e9a2ed801a4b7ab9"
    "f8a8900f5da09711e18391fe2b88ff6da2b6a515e1"
)


class FakeTransport:
    def __init__(self, *answers: tuple[int, Any]) -> None:
        self.answers = list(answers)
        self.sent: list[dict[str, Any]] = []

    def __call__(self, method: str, url: str, *, headers: Any, body: Any, timeout: Any) -> Any:
        self.sent.append({"method": method, "url": url, "headers": dict(headers), "body": body})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, data = answer
        return http.HttpResponse(status, json.dumps(data).encode())


@pytest.fixture
def compare_spy(monkeypatch):  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = provider_base.hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(provider_base.hmac, "compare_digest", spy)
    return calls


# Midtrans ------------------------------------------------------------------------------


def test_midtrans_signature_matches_the_documented_vector() -> None:
    assert signature("INV-001", "200", "75000.00", "SB-Mid-server-testkey") == DOC_VECTOR


def _mt_body(**extra: Any) -> bytes:
    body = {
        "order_id": "INV-001",
        "status_code": "200",
        "gross_amount": "75000.00",
        "transaction_status": "settlement",
        "transaction_id": "tx-1",
        "fraud_status": "accept",
        "signature_key": DOC_VECTOR,
        "currency": "IDR",
    }
    body.update(extra)
    return json.dumps({k: v for k, v in body.items() if v is not None}).encode()


def test_midtrans_good_signature_verifies_in_constant_time(compare_spy) -> None:  # type: ignore[no-untyped-def]
    adapter = MidtransProvider(base_url="", server_key="SB-Mid-server-testkey")
    fact = adapter.verify_notification(body=_mt_body(), headers={}, path="/")
    assert (fact.kind, fact.amount, fact.event_key) == (
        PaymentEventKind.PAID,
        75000,
        "tx-1:settlement",
    )
    assert compare_spy == [1]


@pytest.mark.parametrize(
    "body",
    [
        _mt_body(signature_key="0" * 128),
        _mt_body(signature_key=None),
        _mt_body(gross_amount="75000"),  # the exact string is signed, not the number
        _mt_body(status_code=None),
    ],
    ids=["bad", "missing", "reformatted-amount", "missing-status-code"],
)
def test_midtrans_bad_or_missing_signature_is_refused(body: bytes) -> None:
    adapter = MidtransProvider(base_url="", server_key="SB-Mid-server-testkey")
    with pytest.raises(VerificationFailed):
        adapter.verify_notification(body=body, headers={}, path="/")


def test_midtrans_without_a_key_never_verifies() -> None:
    with pytest.raises(VerificationFailed):
        MidtransProvider(base_url="", server_key="").verify_notification(
            body=_mt_body(), headers={}, path="/"
        )


def test_midtrans_fraud_challenge_is_not_paid() -> None:
    adapter = MidtransProvider(base_url="", server_key="SB-Mid-server-testkey")
    fact = adapter.verify_notification(body=_mt_body(fraud_status="deny"), headers={}, path="/")
    assert fact.kind == PaymentEventKind.OTHER


def test_midtrans_charge_retries_a_timeout_and_reads_the_existing_order_on_406() -> None:
    adapter = MidtransProvider(base_url="https://gw.test", server_key="k")
    fake = FakeTransport(
        http.TransportError("ReadTimeout"),
        (200, {"status_code": "406", "status_message": "order_id has already been taken"}),
        (200, {"status_code": "201", "transaction_status": "pending", "transaction_id": "t",
               "qr_string": "QR"}),
    )  # fmt: skip
    request = ChargeRequest("O-1", 2000, timezone.now() + timedelta(minutes=15))
    with http.use_transport(fake):
        created = adapter.create(request)
    assert created.qr_string == "QR"
    assert [s["url"] for s in fake.sent] == [
        "https://gw.test/v2/charge",
        "https://gw.test/v2/charge",
        "https://gw.test/v2/O-1/status",
    ]
    assert fake.sent[0]["headers"]["Authorization"] == "Basic " + base64.b64encode(b"k:").decode()


# Xendit --------------------------------------------------------------------------------

XENDIT_V2 = {
    "event": "qr.payment",
    "api_version": "v2",
    "business_id": "biz",
    "created": "2026-03-01T03:00:00.000Z",
    "data": {
        "id": "qrpy_8182837te-87st-49ing-8696-1239bd4d759c",
        "business_id": "biz",
        "currency": "IDR",
        "amount": 2000,
        "status": "SUCCEEDED",
        "created": "2026-03-01T03:00:00.000Z",
        "qr_id": "qr_1",
        "qr_string": "0002...",
        "reference_id": "PKR-6202-J01-AAAA",
        "type": "DYNAMIC",
        "channel_code": "ID_DANA",
        "expires_at": "2026-03-01T03:15:00.000Z",
        "payment_detail": {"receipt_id": "r", "source": "DANA"},
    },
}
XENDIT_LEGACY = {
    "event": "qr.payment",
    "id": "qrpy_legacy_1",
    "amount": 2000,
    "created": "2026-03-01T03:00:00.000Z",
    "qr_code": {"id": "qr_1", "external_id": "PKR-6202-J01-AAAA", "qr_string": "x",
                "type": "DYNAMIC"},
    "status": "COMPLETED",
    "payment_details": {"source": "OVO", "receipt_id": "r"},
}  # fmt: skip


V2_ID = "qrpy_8182837te-87st-49ing-8696-1239bd4d759c"


@pytest.mark.parametrize(
    ("payload", "key"),
    [(XENDIT_V2, V2_ID), (XENDIT_LEGACY, "qrpy_legacy_1")],
    ids=["v2", "legacy"],
)
def test_xendit_both_callback_shapes(payload: dict, key: str, compare_spy) -> None:  # type: ignore[no-untyped-def,type-arg]
    adapter = XenditProvider(base_url="", secret_key="s", callback_token="cb-token")
    fact = adapter.verify_notification(
        body=json.dumps(payload).encode(), headers={"x-callback-token": "cb-token"}, path="/"
    )
    assert (fact.order_id, fact.event_key, fact.amount) == ("PKR-6202-J01-AAAA", key, 2000)
    assert fact.kind == PaymentEventKind.PAID and compare_spy == [1]


@pytest.mark.parametrize("headers", [{}, {"X-CALLBACK-TOKEN": "wrong"}], ids=["missing", "bad"])
def test_xendit_bad_or_missing_token_is_refused(headers: dict) -> None:  # type: ignore[type-arg]
    adapter = XenditProvider(base_url="", secret_key="s", callback_token="cb-token")
    with pytest.raises(VerificationFailed):
        adapter.verify_notification(body=json.dumps(XENDIT_V2).encode(), headers=headers, path="/")


def test_xendit_create_sends_api_version_and_is_not_retried() -> None:
    adapter = XenditProvider(base_url="https://x.test", secret_key="xnd_secret", callback_token="")
    fake = FakeTransport((503, {"error_code": "SERVER_ERROR"}))
    with http.use_transport(fake), pytest.raises(ProviderError):
        adapter.create(ChargeRequest("O-1", 2000, timezone.now() + timedelta(minutes=15)))
    assert len(fake.sent) == 1  # POST /qr_codes is not idempotent: sent once
    sent = fake.sent[0]
    assert sent["headers"]["api-version"] == "2022-07-31"
    body = json.loads(sent["body"])
    assert (body["reference_id"], body["type"], body["amount"]) == ("O-1", "DYNAMIC", 2000)


# Xendit's "List payments by QR code ID" answer for qr_1, documented shape.
XENDIT_PAYMENTS = {"data": [{**XENDIT_V2["data"]}], "has_more": False}  # type: ignore[dict-item]
XENDIT_TOKEN = "cb-" + "token"
XENDIT_QR_ACTIVE = {
    "id": "qr_1",
    "reference_id": "PKR-6202-J01-AAAA",
    "type": "DYNAMIC",
    "currency": "IDR",
    "amount": 2000,
    "status": "ACTIVE",
    "expires_at": "2099-01-01T00:00:00.000Z",
}


def _xendit_setup(regency, monkeypatch):  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import GatewayConfig
    from tests.payments.factories import make_charge

    monkeypatch.setenv("KC_TEST_XENDIT_TOKEN", "cb-token")
    monkeypatch.setenv("KC_TEST_XENDIT_KEY", "xnd_development_test")
    GatewayConfig.objects.create(
        regency=regency,
        provider="xendit",
        base_url="https://x.test",
        server_key_env="KC_TEST_XENDIT_KEY",
        callback_token_env="KC_TEST_XENDIT_TOKEN",
    )
    return make_charge(order_id="PKR-6202-J01-AAAA", provider="xendit", provider_reference="qr_1")


def _xendit_post(client, payload, token=XENDIT_TOKEN):  # type: ignore[no-untyped-def]
    return client.post(
        "/payments/webhooks/xendit",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_CALLBACK_TOKEN=token,
    )


def test_xendit_webhook_end_to_end(client, regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import ChargeStatus

    charge = _xendit_setup(regency, monkeypatch)
    fake = FakeTransport((200, XENDIT_PAYMENTS), (200, XENDIT_PAYMENTS))
    with http.use_transport(fake):
        assert _xendit_post(client, XENDIT_V2, token="nope").status_code == 401
        assert _xendit_post(client, XENDIT_V2).status_code == 200
        assert _xendit_post(client, XENDIT_V2).status_code == 200
    assert [sent["url"] for sent in fake.sent] == ["https://x.test/qr_codes/qr_1/payments"] * 2
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount, charge.events.count()) == (
        ChargeStatus.PAID,
        2000,
        1,
    )


def test_xendit_callback_with_an_invented_payment_is_not_paid(client, regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The callback token is a shared secret, not a signature over the body: the payment
    must exist at Xendit's API."""
    from kotacerdas.payments.models import ChargeStatus

    charge = _xendit_setup(regency, monkeypatch)
    invented = {**XENDIT_V2, "data": {**XENDIT_V2["data"], "id": "qrpy_invented"}}  # type: ignore[dict-item]
    fake = FakeTransport((200, {"data": [], "has_more": False}), (200, XENDIT_QR_ACTIVE))
    with http.use_transport(fake):
        assert _xendit_post(client, invented).status_code == 200
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PENDING, 0)
    assert not charge.events.filter(counted=True).exists()


# SNAP ----------------------------------------------------------------------------------

NOTIFY_BODY = (
    b'{\n  "originalReferenceNo": "A120250301",\n  "originalPartnerReferenceNo": "PKR-SNAP-1",'
    b'\n  "latestTransactionStatus": "00",\n  "transactionStatusDesc": "Success",'
    b'\n  "paidTime": "2026-03-01T10:01:00+07:00",'
    b'\n  "amount": {"value": "2000.00", "currency": "IDR"},'
    b'\n  "additionalInfo": {"issuer": "DANA", "note": "a b"}\n}'
)
PATH = "/payments/webhooks/snap/v1.0/qr/qr-mpm-notify"
STAMP = "2026-03-01T10:01:02+07:00"


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


def _snap(public_pem: str = "", mode: str = "rsa", private_pem: str = "") -> SnapProvider:
    return SnapProvider(
        base_url="https://snap.test",
        client_id="client-1",
        client_secret="secret-1",
        private_key_pem=private_pem,
        provider_public_key_pem=public_pem,
        merchant_id="M1",
        channel_id="95221",
        notify_signature=mode,
    )


def test_minify_keeps_strings_and_order() -> None:
    assert minify(b'{ "a" : "x y",\n "b": [1, 2] }') == b'{"a":"x y","b":[1,2]}'
    assert minify(b'{"q": "say \\"hi there\\""}') == b'{"q":"say \\"hi there\\""}'


def test_snap_rsa_notification_verifies_over_the_raw_bytes(keys) -> None:  # type: ignore[no-untyped-def]
    private_pem, public_pem = keys
    signed = rsa_sign(private_pem, string_to_sign("POST", PATH, NOTIFY_BODY, STAMP))
    fact = _snap(public_pem).verify_notification(
        body=NOTIFY_BODY, headers={"X-SIGNATURE": signed, "X-TIMESTAMP": STAMP}, path=PATH
    )
    assert (fact.order_id, fact.kind, fact.amount, fact.event_key) == (
        "PKR-SNAP-1",
        PaymentEventKind.PAID,
        2000,
        "A120250301:00",
    )


def test_snap_signature_over_the_service_path_is_accepted(keys) -> None:  # type: ignore[no-untyped-def]
    private_pem, public_pem = keys
    signed = rsa_sign(
        private_pem, string_to_sign("POST", "/v1.0/qr/qr-mpm-notify", NOTIFY_BODY, STAMP)
    )
    _snap(public_pem).verify_notification(
        body=NOTIFY_BODY, headers={"X-SIGNATURE": signed, "X-TIMESTAMP": STAMP}, path=PATH
    )


@pytest.mark.parametrize("tamper", ["body", "stamp", "missing", "other-key"])
def test_snap_rsa_tampering_is_refused(keys, tamper: str) -> None:  # type: ignore[no-untyped-def]
    private_pem, public_pem = keys
    body, stamp = NOTIFY_BODY, STAMP
    signed = rsa_sign(private_pem, string_to_sign("POST", PATH, body, stamp))
    if tamper == "body":
        body = body.replace(b"2000.00", b"2.00")
    elif tamper == "stamp":
        stamp = "2026-03-01T10:09:02+07:00"
    elif tamper == "missing":
        signed = ""
    else:
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_pem = (
            other.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
    with pytest.raises(VerificationFailed):
        _snap(public_pem).verify_notification(
            body=body, headers={"X-SIGNATURE": signed, "X-TIMESTAMP": stamp}, path=PATH
        )


def test_snap_hmac_notification(compare_spy) -> None:  # type: ignore[no-untyped-def]
    signed = hmac_signature("secret-1", string_to_sign("POST", PATH, NOTIFY_BODY, STAMP, "tok"))
    headers = {"X-SIGNATURE": signed, "X-TIMESTAMP": STAMP, "Authorization": "Bearer tok"}
    _snap(mode="hmac").verify_notification(body=NOTIFY_BODY, headers=headers, path=PATH)
    with pytest.raises(VerificationFailed):
        _snap(mode="hmac").verify_notification(
            body=NOTIFY_BODY, headers={**headers, "Authorization": "Bearer other"}, path=PATH
        )


def test_snap_generate_signs_token_and_transaction(keys) -> None:  # type: ignore[no-untyped-def]
    private_pem, public_pem = keys
    fake = FakeTransport(
        (200, {"responseCode": "2007300", "accessToken": "tok-1"}),
        (200, {"responseCode": "2004700", "referenceNo": "A1", "qrContent": "QR",
               "partnerReferenceNo": "PKR-SNAP-1"}),
    )  # fmt: skip
    adapter = _snap(public_pem, private_pem=private_pem)
    with http.use_transport(fake):
        created = adapter.create(
            ChargeRequest("PKR-SNAP-1", 2000, timezone.now() + timedelta(minutes=15))
        )
    assert (created.provider_reference, created.qr_string) == ("A1", "QR")
    token_call, generate = fake.sent
    assert token_call["url"].endswith("/v1.0/access-token/b2b")
    from kotacerdas.payments.providers.snap import rsa_verify

    assert rsa_verify(
        public_pem,
        f"client-1|{token_call['headers']['X-TIMESTAMP']}",
        token_call["headers"]["X-SIGNATURE"],
    )
    headers = generate["headers"]
    expected = hmac_signature(
        "secret-1",
        string_to_sign(
            "POST", "/v1.0/qr/qr-mpm-generate", generate["body"], headers["X-TIMESTAMP"], "tok-1"
        ),
    )
    assert headers["X-SIGNATURE"] == expected
    assert headers["Authorization"] == "Bearer tok-1" and headers["X-PARTNER-ID"] == "client-1"
    body = json.loads(generate["body"])
    assert body["amount"] == {"value": "2000.00", "currency": "IDR"}


def test_snap_notify_endpoint_answers_in_snap_format(client, regency, monkeypatch, keys) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.payments.models import ChargeStatus, GatewayConfig
    from tests.payments.factories import make_charge

    private_pem, public_pem = keys
    monkeypatch.setenv("KC_TEST_SNAP_PUBLIC", public_pem)
    GatewayConfig.objects.create(
        regency=regency, provider="snap", snap_public_key_env="KC_TEST_SNAP_PUBLIC"
    )
    charge = make_charge(order_id="PKR-SNAP-1", provider="snap")
    signed = rsa_sign(private_pem, string_to_sign("POST", PATH, NOTIFY_BODY, STAMP))
    ok = client.post(
        PATH, data=NOTIFY_BODY, content_type="application/json",
        HTTP_X_SIGNATURE=signed, HTTP_X_TIMESTAMP=STAMP,
    )  # fmt: skip
    assert ok.status_code == 200 and ok.json()["responseCode"] == "2005200"
    bad = client.post(
        PATH, data=NOTIFY_BODY, content_type="application/json",
        HTTP_X_SIGNATURE=signed, HTTP_X_TIMESTAMP="2020-01-01T00:00:00+07:00",
    )  # fmt: skip
    assert bad.status_code == 401 and bad.json()["responseCode"] == "4015200"
    charge.refresh_from_db()
    assert (charge.status, charge.paid_amount) == (ChargeStatus.PAID, 2000)


# HTTP wrapper --------------------------------------------------------------------------


def test_http_retries_only_idempotent_calls_and_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(http.time, "sleep", lambda s: None)
    fake = FakeTransport((503, {}), (503, {}), (503, {}), (503, {}))
    with http.use_transport(fake):
        assert http.call("GET", "https://x.test/a", idempotent=True, retries=2).status == 503
    assert len(fake.sent) == 3
    fake = FakeTransport(http.TransportError("ConnectTimeout"))
    with http.use_transport(fake), pytest.raises(http.TransportError):
        http.call("POST", "https://x.test/b", idempotent=False)
    assert len(fake.sent) == 1


def test_http_logs_carry_no_secrets(caplog) -> None:  # type: ignore[no-untyped-def]
    fake = FakeTransport((200, {}))
    with http.use_transport(fake):
        http.call(
            "POST",
            "https://user:pw@x.test/v2/charge?key=SECRET",
            headers={"Authorization": "Basic SECRET"},
            json_body={"secret": "SECRET"},
            idempotent=False,
        )
    assert "SECRET" not in caplog.text and "pw@" not in caplog.text
    assert fake.sent[0]["url"].startswith("https://")


def test_requests_transport_always_sets_a_timeout(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, Any] = {}

    class Answer:
        status_code, content, headers = 200, b"{}", {}

    def fake_request(method: str, url: str, **kwargs: Any) -> Answer:
        seen.update(kwargs)
        return Answer()

    monkeypatch.setattr(http.requests, "request", fake_request)
    http.call("GET", "https://x.test", idempotent=True)
    assert seen["timeout"] == (http.CONNECT_TIMEOUT, http.READ_TIMEOUT)
    assert seen["allow_redirects"] is False
