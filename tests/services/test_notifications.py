from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from kotacerdas.services.models import Status
from kotacerdas.services.notifications import ConsoleSender, Message, mask_phone, message_sender
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.reporter_tokens import reporter_link_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    ConsoleSender.outbox.clear()


def test_receipt_and_status_notices_go_out_after_commit(  # type: ignore[no-untyped-def]
    regency, catalogue, officer_pupr, django_capture_on_commit_callbacks, capsys
) -> None:
    from kotacerdas.services.models import Channel
    from kotacerdas.services.services.requests import request_submit
    from tests.services.conftest import upload

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = request_submit(
            regency=regency,
            service=catalogue["jalan-rusak"],
            channel=Channel.WEB,
            address="Jl. Christopel Mihing",
            attributes={"tingkat": ["berat"]},
            photos=[upload()],
            reporter_email="warga@contoh.id",
            reporter_phone="+6281234567890",
        )
    assert len(callbacks) == 1
    assert mail.outbox == [] and ConsoleSender.outbox == []  # nothing before commit
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert item.tracking_number in mail.outbox[0].subject
    assert mail.outbox[0].to == ["warga@contoh.id"]
    assert f"/lapor/saya/{reporter_link_token(item)}/" in mail.outbox[0].body
    assert ConsoleSender.outbox[-1].channel == "sms"
    printed = capsys.readouterr().out
    assert "+6281234567890" not in printed and "+628" in printed  # masked in the console

    # verification is a routine internal step: not sent unless the reporter asked for it
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(
            request=item, target=Status.DIVERIFIKASI, actor=officer_pupr, note="Lokasi jelas"
        )
    assert len(mail.outbox) == 1 and len(ConsoleSender.outbox) == 1
    item.refresh_from_db()
    item.notify_statuses = ["diteruskan", "selesai"]
    item.save(update_fields=["notify_statuses"])
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(
            request=item, target=Status.DITERUSKAN, actor=officer_pupr, note="Ke bidang jalan"
        )
    assert len(mail.outbox) == 2
    assert "Diteruskan" in mail.outbox[1].subject
    assert "Ke bidang jalan" in mail.outbox[1].body
    assert len(ConsoleSender.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request=item, target=Status.DIPROSES, actor=officer_pupr)
    assert len(mail.outbox) == 2  # "diproses" was not chosen this time


def test_rolled_back_change_sends_nothing(  # type: ignore[no-untyped-def]
    pothole, officer_pupr, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        request_transition(request=pothole, target=Status.DIVERIFIKASI, actor=officer_pupr)
        raise RuntimeError("later step failed")
    assert callbacks == []
    pothole.refresh_from_db()
    assert pothole.status == Status.DITERIMA
    assert mail.outbox == []


def test_whatsapp_channel_and_no_contact(
    regency, catalogue, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.models import Channel
    from kotacerdas.services.services.requests import request_submit

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_submit(
            regency=regency,
            service=catalogue["sampah"],
            channel=Channel.WEB,
            address="PPM",
            reporter_phone="081299998888",
            notify_channel="whatsapp",
        )
        request_submit(
            regency=regency, service=catalogue["sampah"], channel=Channel.WEB, address="PPM"
        )
    assert len(callbacks) == 1  # the request without contact queues no notice
    # the number is stored normalised (E.164), so every gateway gets the same form
    assert ConsoleSender.outbox[-1] == Message(
        to="+6281299998888", text=ConsoleSender.outbox[-1].text, channel="whatsapp"
    )


def test_sender_is_chosen_by_settings(settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_SERVICES_MESSAGE_BACKEND = "tests.services.test_notifications.Recorder"
    assert isinstance(message_sender(), Recorder)
    assert mask_phone("+6281234567890") == "+628********90"


class Recorder:
    def send(self, message: Message) -> None:
        pass
