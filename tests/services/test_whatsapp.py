"""WhatsApp intake through the real webhook with the console message backend: the whole
conversation (service, description, question, pin, photo, anonymity) files a request
like the web form; spoofed, replayed, outside-the-regency and malformed calls change
nothing and get a clear Indonesian answer."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from kotacerdas.core.models import Regency, Role
from kotacerdas.services.models import (
    Channel,
    ServiceRequest,
    Step,
    WhatsAppConversation,
    WhatsAppInbound,
)
from kotacerdas.services.notifications import ConsoleSender
from kotacerdas.services.services.areas import areas_seed_approximate
from kotacerdas.services.whatsapp import payload_build, sign

pytestmark = pytest.mark.django_db
SECRET = "rahasia-uji-whatsapp"
PHONE = "6281234567890"
E164 = "+6281234567890"
SAMPIT = (-2.5367, 112.9523)
JAKARTA = (-6.2, 106.8166)
URL = "/integrasi/whatsapp/masuk"


@pytest.fixture(autouse=True)
def _setup(settings, regency: Regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WHATSAPP_SECRET = SECRET
    settings.KOTACERDAS_SERVICES_MESSAGE_BACKEND = "kotacerdas.services.notifications.ConsoleSender"
    areas_seed_approximate(regency)
    ConsoleSender.outbox.clear()


class Chat:
    """One citizen's phone talking to the webhook; replies come from the console outbox."""

    def __init__(self, capture: Any, phone: str = PHONE, host: str = "testserver") -> None:
        self.client = Client(HTTP_HOST=host)
        self.capture = capture
        self.phone = phone
        self.count = 0

    def send(self, mid: str | None = None, **kwargs: Any) -> Any:
        self.count += 1
        body = payload_build(
            sender=self.phone, message_id=mid or f"wamid.{self.phone}.{self.count}", **kwargs
        )
        with self.capture(execute=True):
            return self.client.post(
                URL,
                body,
                content_type="application/json",
                HTTP_X_HUB_SIGNATURE_256=sign(SECRET, body),
            )

    def say(self, text: str | None = None, **kwargs: Any) -> str:
        before = len(ConsoleSender.outbox)
        answer = self.send(text=text, **kwargs)
        assert answer.status_code == 200, answer.content
        new = [m for m in ConsoleSender.outbox[before:] if m.channel == "whatsapp"]
        return "\n".join(m.text for m in new)


def _menu_number(reply: str, name_start: str) -> str:
    for line in reply.splitlines():
        number, _, name = line.partition(". ")
        if number.isdigit() and name.startswith(name_start):
            return number
    raise AssertionError(f"{name_start!r} not in menu:\n{reply}")


def test_whole_conversation_files_a_pothole(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(django_capture_on_commit_callbacks)
    menu = chat.say("halo", name="Siti Aminah")
    assert "Pilih layanan" in menu and "Jalan rusak" in menu
    assert "Anda memilih: Jalan rusak" in chat.say("jalan rusak / berlubang")  # a name works too
    conv = WhatsAppConversation.objects.get(phone=E164)
    assert conv.step == Step.DESCRIPTION and conv.service.code == "jalan-rusak"
    assert "paling sedikit" in chat.say("lubang")  # too short: asked again
    question = chat.say("Lubang dalam di depan pasar, motor sering jatuh")
    assert "Seberapa parah" in question
    assert "belum sesuai" in chat.say("9")
    where = chat.say("3")
    assert "Lampiran" in where and "Lokasi" in where
    assert "bukan diketik" in chat.say("Jl. Kembali")
    photo = chat.say(location=SAMPIT)
    assert "Lokasi diterima (Kecamatan" in photo and "foto" in photo
    identity = chat.say(image="https://contoh.id/foto/lubang.jpg")
    assert "anonim" in identity
    assert ServiceRequest.objects.count() == 0  # nothing filed before the last answer
    done = chat.say("1")
    item = ServiceRequest.objects.get()
    assert item.tracking_number in done
    assert item.channel == Channel.WHATSAPP and item.service.code == "jalan-rusak"
    assert item.description.startswith("Lubang dalam")
    assert item.attributes["tingkat"] == "berat" and item.attributes["_notify"] == "whatsapp"
    assert (item.lat, item.lon) == (Decimal("-2.536700"), Decimal("112.952300"))
    assert item.kecamatan is not None
    assert item.media_url == "https://contoh.id/foto/lubang.jpg"
    assert item.reporter_phone == E164 and item.reporter_name == "Siti Aminah"
    assert not item.is_anonymous and item.reporter is None
    # the receipt notice (with the private link) also went to this WhatsApp number
    receipts = [m for m in ConsoleSender.outbox if "Diterima" in m.text]
    assert receipts and receipts[-1].to == E164 and "/lapor/saya/" in receipts[-1].text
    conv.refresh_from_db()
    assert conv.step == Step.IDLE and conv.last_request == item and conv.answers == {}


def test_information_request_anonymous_from_an_account(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, make_user
) -> None:
    citizen = make_user(Role.WARGA)
    citizen.phone = E164
    citizen.save()
    chat = Chat(django_capture_on_commit_callbacks)
    menu = chat.say("mulai")
    chat.say(_menu_number(menu, "Permintaan informasi publik"))
    after = chat.say("Saya minta salinan APBD 2026 untuk penelitian")
    while "foto" not in after:  # the service's own questions, if any, get the first choice
        after = chat.say("1")
    assert "Lokasi" not in after  # no place needed for an information request
    assert "anonim" in chat.say("lewati")
    chat.say("2")
    item = ServiceRequest.objects.get()
    assert item.is_anonymous and item.lat is None and item.media_url == ""
    assert item.reporter == citizen  # shows under *Laporan saya*
    assert item.channel == Channel.WHATSAPP


def test_point_outside_the_regency_is_refused(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(django_capture_on_commit_callbacks)
    menu = chat.say("halo")
    chat.say(_menu_number(menu, "Jalan rusak"))
    chat.say("Jalan amblas di dekat jembatan")
    chat.say("2")
    refused = chat.say(location=JAKARTA)
    assert "di luar wilayah Kabupaten Kotawaringin Timur" in refused
    conv = WhatsAppConversation.objects.get(phone=E164)
    assert conv.step == Step.LOCATION and conv.lat is None
    assert "Lokasi diterima" in chat.say(location=SAMPIT)


def test_spoofed_and_unsigned_calls_change_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    body = payload_build(sender=PHONE, message_id="wamid.palsu", text="halo")
    client = Client()
    for header in ({}, {"HTTP_X_HUB_SIGNATURE_256": sign("salah", body)}):
        answer = client.post(URL, body, content_type="application/json", **header)
        assert answer.status_code == 403
        assert "Tanda tangan tidak sah" in answer.json()["error"]
    settings.KOTACERDAS_WHATSAPP_SECRET = ""  # no secret configured: everything refused
    signed = client.post(
        URL, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=sign("", body)
    )
    assert signed.status_code == 403
    assert not WhatsAppConversation.objects.exists() and not ServiceRequest.objects.exists()
    assert ConsoleSender.outbox == []
    kept = WhatsAppInbound.objects.filter(verified=False)
    assert kept.count() == 3 and {k.outcome for k in kept} == {"signature"}
    assert (
        json.loads(kept[0].body_text)["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
        == "wamid.palsu"
    )


def test_replayed_message_is_handled_once(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(django_capture_on_commit_callbacks)
    first = chat.send(mid="wamid.sama", text="halo")
    assert first.json() == {"diterima": 1, "diproses": 1, "duplikat": 0}
    replies = len(ConsoleSender.outbox)
    again = chat.send(mid="wamid.sama", text="halo")
    assert again.status_code == 200
    assert again.json() == {"diterima": 1, "diproses": 0, "duplikat": 1}
    assert len(ConsoleSender.outbox) == replies  # not answered twice
    assert WhatsAppInbound.objects.filter(message_id="wamid.sama").count() == 1
    # a replay of the final answer does not file a second request
    menu = ConsoleSender.outbox[-1].text
    chat.say(_menu_number(menu, "Permintaan informasi publik"))
    after = chat.say("Mohon data jumlah sekolah per kecamatan")
    while "foto" not in after:
        after = chat.say("1")
    chat.say("lewati")
    chat.send(mid="wamid.akhir", text="1")
    chat.send(mid="wamid.akhir", text="1")
    assert ServiceRequest.objects.count() == 1


def test_cancel_and_foreign_number(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(django_capture_on_commit_callbacks)
    menu = chat.say("halo")
    chat.say(_menu_number(menu, "Jalan rusak"))
    assert "dibatalkan" in chat.say("BATAL")
    assert WhatsAppConversation.objects.get(phone=E164).step == Step.IDLE
    foreign = Chat(django_capture_on_commit_callbacks, phone="14155550123")
    assert "nomor ponsel Indonesia" in foreign.say("hello")
    assert WhatsAppConversation.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (
            b'{"entry": [{"changes": [{"value": {"messages": '
            b'[{"id": "x\\u0000", "from": "62"}]}}]}]}',
            400,
            "tidak diizinkan",
        ),
        (b"[" * 5000 + b"]" * 5000, 400, "terlalu dalam"),
        (b"bukan json", 400, "bukan JSON"),
        (b'{"entry": "x"}', 400, "entry"),
        (
            b'{"entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}]}',
            400,
            "pengirim",
        ),
    ],
)
def test_bad_bodies_are_4xx_in_indonesian(body: bytes, status: int, words: str) -> None:
    answer = Client().post(
        URL, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=sign(SECRET, body)
    )
    assert answer.status_code == status and words in answer.json()["error"]
    assert not WhatsAppConversation.objects.exists()
    assert WhatsAppInbound.objects.filter(verified=False, outcome="unreadable").count() == 1


def test_huge_body_is_refused() -> None:
    body = payload_build(sender=PHONE, message_id="wamid.besar", text="a" * 200_000)
    answer = Client().post(
        URL, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=sign(SECRET, body)
    )
    assert answer.status_code == 413 and "terlalu besar" in answer.content.decode()
    assert not WhatsAppConversation.objects.exists()


def test_subscription_handshake(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WHATSAPP_VERIFY_TOKEN = "token-uji"
    ok = Client().get(
        URL, {"hub.mode": "subscribe", "hub.verify_token": "token-uji", "hub.challenge": "12345"}
    )
    assert ok.status_code == 200 and ok.content == b"12345"
    wrong = Client().get(
        URL, {"hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "1"}
    )
    assert wrong.status_code == 403


def test_second_regency_keeps_its_own_conversations(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks, regency
) -> None:
    regency.hosts = "kotim.test"
    regency.save()
    other = Regency.objects.create(
        code="6201",
        name="Kabupaten Kotawaringin Barat",
        capital="Pangkalan Bun",
        jurisdiction_id="kotawaringinbaratkab.go.id",
        centre_lat="-2.68",
        centre_lon="111.62",
        hosts="kobar.test",
    )
    Chat(django_capture_on_commit_callbacks, host="kotim.test").send(mid="wamid.1", text="halo")
    Chat(django_capture_on_commit_callbacks, host="kobar.test").send(mid="wamid.1", text="halo")
    assert WhatsAppConversation.objects.filter(regency=regency, phone=E164).exists()
    assert WhatsAppConversation.objects.filter(regency=other, phone=E164).exists()
    assert WhatsAppInbound.objects.filter(message_id="wamid.1").count() == 2


def test_simulator_command_walks_the_same_intake(
    capsys, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("whatsapp_simulate", "halo", phone="0812-3456-7890")
    assert "Pilih layanan" in capsys.readouterr().out
    assert WhatsAppConversation.objects.get(phone=E164).step == Step.SERVICE
