"""WhatsApp intake: a conversation per phone number that walks a citizen through service
choice, description, location pin and photo, then files the request through
``request_submit`` (the same rules as the web form: description required, a point
inside the regency, contact validated, anonymity kept from officers).

Each provider message is handled once: its id is inserted into ``WhatsAppInbound``
(unique per regency) in the same transaction as the conversation change, so a replayed
delivery changes nothing and is not answered twice. Replies go out after commit through
the message backend."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from kotacerdas.accounts.phone import PhoneInvalid, phone_normalise
from kotacerdas.core.models import Regency, Role, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.ratelimit import rate_hit, rate_peek
from kotacerdas.services.models import (
    Channel,
    Service,
    Step,
    WhatsAppConversation,
    WhatsAppInbound,
)
from kotacerdas.services.notifications import Message, message_sender
from kotacerdas.services.services.areas import point_place
from kotacerdas.services.services.requests import RequestInvalid, request_submit
from kotacerdas.services.services.whatsapp_questions import (
    answer_parse,
    question_text,
    questions,
)
from kotacerdas.services.whatsapp import Incoming

CANCEL_WORDS = frozenset({"batal", "berhenti", "stop"})
SKIP_WORDS = frozenset({"lewati", "lewat", "tidak", "tidak ada", "skip"})
MIN_DESCRIPTION = 10
FILINGS_PER_HOUR = 10  # per phone number, as the web form's per-account limit
MAX_SERVICES_LISTED = 20


@dataclass
class Handled:
    outcome: str  # "ok", "duplicate", "phone_refused"
    replies: list[str] = field(default_factory=list)
    tracking_number: str = ""


def _services(regency: Regency) -> list[Service]:
    rows: QuerySet[Service] = Service.objects.filter(regency=regency, is_active=True).order_by(
        "order", "name", "pk"
    )
    return list(rows[:MAX_SERVICES_LISTED])


def _menu(regency: Regency) -> str:
    lines = [f"Halo! Ini layanan pengaduan {regency.name}. Pilih layanan dengan membalas nomornya:"]
    lines += [f"{n}. {s.name}" for n, s in enumerate(_services(regency), start=1)]
    lines.append("Balas BATAL kapan saja untuk berhenti.")
    return "\n".join(lines)


def _reset(conv: WhatsAppConversation) -> None:
    conv.step = Step.IDLE
    conv.service = None
    conv.description = ""
    conv.answers = {}
    conv.lat = conv.lon = None
    conv.kecamatan = None
    conv.photo_ref = ""


def _ask_location_or_photo(conv: WhatsAppConversation) -> str:
    assert conv.service is not None
    if conv.service.location_required:
        conv.step = Step.LOCATION
        return (
            "Kirim lokasi kejadian: tekan Lampiran (📎) → Lokasi, geser penanda ke "
            "tempatnya, lalu kirim."
        )
    return _ask_photo(conv)


def _ask_photo(conv: WhatsAppConversation) -> str:
    assert conv.service is not None
    conv.step = Step.PHOTO
    if conv.service.requires_photo:
        return "Kirim satu foto kejadian (layanan ini memerlukan foto)."
    return "Kirim satu foto kejadian, atau balas LEWATI bila tidak ada foto."


IDENTITY_QUESTION = (
    "Boleh petugas melihat nama dan nomor Anda?\n"
    "1. Ya, tampilkan\n"
    "2. Tidak, kirim sebagai anonim\n"
    "Kabar laporan tetap dikirim ke WhatsApp ini."
)


def _on_service(conv: WhatsAppConversation, msg: Incoming, regency: Regency) -> str:
    services = _services(regency)
    text = msg.text.strip()
    chosen = None
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(services):
        chosen = services[int(text) - 1]
    else:
        chosen = next((s for s in services if s.name.casefold() == text.casefold()), None)
    if chosen is None:
        return f"Balas dengan angka 1–{len(services)}.\n\n" + _menu(regency)
    conv.service = chosen
    conv.step = Step.DESCRIPTION
    return (
        f"Anda memilih: {chosen.name}. Ceritakan apa yang terjadi dalam satu pesan "
        f"(paling sedikit {MIN_DESCRIPTION} huruf)."
    )


def _on_description(conv: WhatsAppConversation, msg: Incoming) -> str:
    text = msg.text.strip()
    if msg.kind != "text" or len(text) < MIN_DESCRIPTION:
        return f"Tulis uraiannya sebagai pesan teks, paling sedikit {MIN_DESCRIPTION} huruf."
    conv.description = text[:4000]
    return _ask_next_question(conv)


def _ask_next_question(conv: WhatsAppConversation) -> str:
    assert conv.service is not None
    pending = [q for q in questions(conv.service) if q.code not in conv.answers]
    if not pending:
        return _ask_location_or_photo(conv)
    conv.step = Step.ATTRIBUTE
    return question_text(pending[0])


def _on_attribute(conv: WhatsAppConversation, msg: Incoming) -> str:
    assert conv.service is not None
    pending = [q for q in questions(conv.service) if q.code not in conv.answers]
    if not pending:
        return _ask_location_or_photo(conv)
    values = answer_parse(pending[0], msg.text) if msg.kind == "text" else None
    if values is None:
        return "Jawaban belum sesuai.\n" + question_text(pending[0])
    conv.answers = {**conv.answers, pending[0].code: values}
    return _ask_next_question(conv)


def _on_location(conv: WhatsAppConversation, msg: Incoming, regency: Regency) -> str:
    if msg.kind != "location":
        return "Kirim lokasi melalui Lampiran (📎) → Lokasi, bukan diketik."
    try:
        lat, lon = Decimal(msg.lat), Decimal(msg.lon)
        if not (lat.is_finite() and lon.is_finite() and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidOperation
    except InvalidOperation:
        return "Lokasi tidak terbaca. Kirim ulang melalui Lampiran (📎) → Lokasi."
    lat, lon = lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))
    place = point_place(regency=regency, lat=lat, lon=lon)
    if not place.inside:
        return (
            f"Titik itu berada di luar wilayah {regency.name}. Kirim lokasi kejadian "
            "di dalam kabupaten."
        )
    conv.lat, conv.lon, conv.kecamatan = lat, lon, place.kecamatan
    where = f" (Kecamatan {place.kecamatan.name})" if place.kecamatan else ""
    return f"Lokasi diterima{where}. " + _ask_photo(conv)


def _on_photo(conv: WhatsAppConversation, msg: Incoming) -> str:
    assert conv.service is not None
    if msg.kind == "image" and msg.media:
        conv.photo_ref = msg.media
    elif msg.kind == "text" and msg.text.strip().casefold() in SKIP_WORDS:
        if conv.service.requires_photo:
            return "Layanan ini memerlukan foto. Kirim satu foto kejadian."
        conv.photo_ref = ""
    else:
        return _ask_photo(conv)
    conv.step = Step.IDENTITY
    return IDENTITY_QUESTION


def _account(regency: Regency, phone: str) -> User | None:
    """The citizen account of this number, so the report appears under *Laporan saya*
    (WhatsApp itself vouches for the sender's number). Staff numbers are not linked."""
    user = User.objects.filter(regency=regency, phone=phone, is_active=True).first()
    if user is None:
        return None
    roles = set(user.role_assignments.filter(regency=regency).values_list("role", flat=True))
    return user if roles == {Role.WARGA} else None


def _file(conv: WhatsAppConversation, msg: Incoming, regency: Regency, result: Handled) -> str:
    answer = msg.text.strip()
    if answer not in {"1", "2"}:
        return "Balas 1 atau 2.\n\n" + IDENTITY_QUESTION
    assert conv.service is not None
    key = f"services-submit:whatsapp:{conv.phone}"
    state = rate_peek(key=key, limit=FILINGS_PER_HOUR, window_seconds=3600)
    if state.exceeded:
        minutes = max(1, -(-state.retry_after // 60))
        return (
            "Sudah banyak laporan terkirim dari nomor ini dalam satu jam. "
            f"Coba lagi dalam {minutes} menit."
        )
    try:
        with transaction.atomic():
            created = request_submit(
                regency=regency,
                service=conv.service,
                channel=Channel.WHATSAPP,
                description=conv.description,
                lat=conv.lat,
                lon=conv.lon,
                kecamatan=conv.kecamatan,
                attributes=dict(conv.answers),
                media_url=conv.photo_ref,
                reporter=_account(regency, conv.phone),
                reporter_name=conv.profile_name,
                reporter_phone=conv.phone,
                notify_channel="whatsapp",
                is_anonymous=answer == "2",
                require_description=True,
            )
    except RequestInvalid as exc:
        _reset(conv)
        return f"Laporan belum dapat dicatat: {exc} Kirim pesan apa saja untuk mulai lagi."
    rate_hit(key=key, limit=FILINGS_PER_HOUR, window_seconds=3600)
    result.tracking_number = created.tracking_number
    _reset(conv)
    conv.last_request = created
    return (
        f"Terima kasih. Laporan Anda tercatat dengan nomor {created.tracking_number}. "
        "Kabar berikutnya kami kirim ke WhatsApp ini."
    )


def _advance(conv: WhatsAppConversation, msg: Incoming, regency: Regency, result: Handled) -> str:
    word = msg.text.strip().casefold() if msg.kind == "text" else ""
    if word in CANCEL_WORDS and conv.step != Step.IDLE:
        _reset(conv)
        return "Laporan dibatalkan. Kirim pesan apa saja untuk mulai lagi."
    if conv.step == Step.IDLE or word in {"menu", "mulai"}:
        _reset(conv)
        conv.step = Step.SERVICE
        return _menu(regency)
    if conv.step == Step.SERVICE:
        return _on_service(conv, msg, regency)
    if conv.step == Step.DESCRIPTION:
        return _on_description(conv, msg)
    if conv.step == Step.ATTRIBUTE:
        return _on_attribute(conv, msg)
    if conv.step == Step.LOCATION:
        return _on_location(conv, msg, regency)
    if conv.step == Step.PHOTO:
        return _on_photo(conv, msg)
    return _file(conv, msg, regency, result)


def _send_after_commit(phone: str, texts: list[str]) -> None:
    def send() -> None:
        sender = message_sender()
        for text in texts:
            sender.send(Message(to=phone, text=text, channel="whatsapp"))

    transaction.on_commit(send)


def whatsapp_message_handle(*, regency: Regency, message: Incoming, raw_body: bytes) -> Handled:
    """Handles one provider message exactly once (see the module docstring)."""
    digest = hashlib.sha256(raw_body).hexdigest()
    try:
        phone = phone_normalise(message.sender)
    except PhoneInvalid:
        phone = ""
    with transaction.atomic():
        try:
            with transaction.atomic():
                inbound = WhatsAppInbound.objects.create(
                    regency=regency,
                    verified=True,
                    message_id=message.message_id,
                    body_text=raw_body.decode("utf-8", "replace"),
                    body_sha256=digest,
                )
        except IntegrityError:
            return Handled(outcome="duplicate")
        if not phone:
            inbound.outcome = "phone_refused"
            inbound.save(update_fields=["outcome"])
            # Answered on the provider's own number: it is where the message came from.
            _send_after_commit(
                message.sender[:20],
                ["Maaf, layanan ini hanya untuk nomor ponsel Indonesia (+62)."],
            )
            return Handled(outcome="phone_refused")
        conv, _ = WhatsAppConversation.objects.get_or_create(regency=regency, phone=phone)
        conv = WhatsAppConversation.objects.select_for_update().get(pk=conv.pk)
        if message.profile_name:
            conv.profile_name = message.profile_name[:120]
        result = Handled(outcome="ok")
        before = str(conv.step)
        reply = _advance(conv, message, regency, result)
        conv.save()
        inbound.outcome = "filed" if result.tracking_number else f"step:{conv.step}"
        inbound.save(update_fields=["outcome"])
        audit_record(
            regency=regency,
            actor=None,
            actor_label=f"warga ({Channel.WHATSAPP.label})",
            action="services.whatsapp.message",
            obj=conv,
            before={"tahap": before},
            after={"tahap": str(conv.step)},
        )
        result.replies.append(reply)
        _send_after_commit(phone, [reply])
    return result


def whatsapp_refused_keep(*, regency: Regency, raw_body: bytes, reason: str) -> None:
    """Keeps the raw body of a refused call (bad signature, unreadable), changing
    nothing else; the caller bounds how many are kept."""
    WhatsAppInbound.objects.create(
        regency=regency,
        verified=False,
        body_text=raw_body.decode("utf-8", "replace").replace("\x00", "\ufffd"),
        body_sha256=hashlib.sha256(raw_body).hexdigest(),
        outcome=reason[:40],
    )
