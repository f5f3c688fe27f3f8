"""WhatsApp intake adapter: the provider's webhook format in, plain ``Incoming``
messages out. Pure logic (no Django), so a different provider is one more parser.

The format is the WhatsApp Business Cloud API's: a JSON body signed with HMAC-SHA256
of the raw bytes under the app secret, sent as ``X-Hub-Signature-256: sha256=<hex>``;
messages sit in ``entry[].changes[].value.messages[]`` with ``from`` (digits, no
plus), ``id``, ``type`` and ``text.body`` / ``location.latitude|longitude`` /
``image.id|link``; the sender's profile name in ``value.contacts[].profile.name``.
Replies go out through the message backend (``notifications.message_sender``), so the
console backend doubles as the demo's simulator."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from kotacerdas.core.inputs import json_has_nul, json_nesting_exceeds

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_MESSAGES = 20  # per webhook call; the provider batches a handful at most
MAX_TEXT = 4000
MAX_ID = 128
MAX_DEPTH = 32


class PayloadInvalid(ValueError):
    """The body is signed but not a webhook we understand; the message is Indonesian."""


@dataclass(frozen=True)
class Incoming:
    message_id: str
    sender: str  # as the provider gives it (digits); normalised by the intake
    kind: str  # "text", "location", "image" or "other"
    text: str = ""
    lat: str = ""
    lon: str = ""
    media: str = ""  # a link when the provider gives one, else "whatsapp-media:<id>"
    profile_name: str = ""


def sign(secret: str, body: bytes) -> str:
    """The header value a genuine call carries (used by the simulator and tests)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(secret: str, body: bytes, given: str) -> bool:
    """Constant-time check; an empty secret refuses everything."""
    if not secret or not given:
        return False
    return hmac.compare_digest(sign(secret, body), given.strip().lower())


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return ""
    return str(value)[:32]


def _message(raw: Any, names: dict[str, str]) -> Incoming | None:
    if not isinstance(raw, dict):
        return None
    message_id = _text(raw.get("id"), MAX_ID + 1)
    sender = _text(raw.get("from"), 33)
    if not message_id or len(message_id) > MAX_ID or not sender or len(sender) > 32:
        raise PayloadInvalid("Pesan tanpa id atau pengirim yang sah.")
    kind = raw.get("type")
    base = {"message_id": message_id, "sender": sender, "profile_name": names.get(sender, "")}
    if kind == "text" and isinstance(raw.get("text"), dict):
        return Incoming(kind="text", text=_text(raw["text"].get("body"), MAX_TEXT), **base)
    if kind == "location" and isinstance(raw.get("location"), dict):
        place = raw["location"]
        return Incoming(
            kind="location",
            lat=_number(place.get("latitude")),
            lon=_number(place.get("longitude")),
            **base,
        )
    if kind == "image" and isinstance(raw.get("image"), dict):
        image = raw["image"]
        link = _text(image.get("link"), 500)
        media_id = _text(image.get("id"), MAX_ID)
        if link.startswith("https://"):
            media = link
        elif media_id:
            media = f"whatsapp-media:{media_id}"
        else:
            media = ""
        caption = _text(image.get("caption"), MAX_TEXT)
        return Incoming(kind="image", media=media, text=caption, **base)
    return Incoming(kind="other", **base)


def messages_parse(body: bytes) -> list[Incoming]:
    """The messages of one webhook call; status callbacks (delivered, read) carry none."""
    if json_has_nul(body):
        raise PayloadInvalid("Data berisi karakter yang tidak diizinkan.")
    if json_nesting_exceeds(body, MAX_DEPTH):
        raise PayloadInvalid("Data JSON bersarang terlalu dalam.")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadInvalid("Data bukan JSON yang sah.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entry"), list):
        raise PayloadInvalid("Data harus objek JSON dengan daftar 'entry'.")
    found: list[Incoming] = []
    for entry in data["entry"]:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            names: dict[str, str] = {}
            for contact in value.get("contacts") or []:
                if isinstance(contact, dict) and isinstance(contact.get("profile"), dict):
                    names[_text(contact.get("wa_id"), 32)] = _text(
                        contact["profile"].get("name"), 120
                    )
            for raw in value.get("messages") or []:
                item = _message(raw, names)
                if item is not None:
                    found.append(item)
                if len(found) > MAX_MESSAGES:
                    raise PayloadInvalid("Terlalu banyak pesan dalam satu kiriman.")
    return found


def payload_build(
    *,
    sender: str,
    message_id: str,
    text: str | None = None,
    location: tuple[float, float] | None = None,
    image: str | None = None,
    name: str = "",
) -> bytes:
    """A Cloud-API-shaped body for one message: the simulator's and the tests' input.
    ``image`` is a https link or a media id."""
    message: dict[str, Any] = {"from": sender, "id": message_id, "timestamp": "0"}
    if location is not None:
        message["type"] = "location"
        message["location"] = {"latitude": location[0], "longitude": location[1]}
    elif image is not None:
        message["type"] = "image"
        message["image"] = {"link": image} if image.startswith("https://") else {"id": image}
    else:
        message["type"] = "text"
        message["text"] = {"body": text or ""}
    value = {
        "messaging_product": "whatsapp",
        "contacts": [{"wa_id": sender, "profile": {"name": name}}] if name else [],
        "messages": [message],
    }
    document = {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": value}]}]}
    return json.dumps(document).encode()
