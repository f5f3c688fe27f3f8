from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.forms.models import model_to_dict

from kotacerdas.core.context import current_source_ip
from kotacerdas.core.models import AuditLog, Regency, User


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a row for the before/after columns (dates, decimals and
    UUIDs become strings; secrets must simply not be listed in ``fields``)."""
    data = model_to_dict(obj, fields=fields)
    encoded: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))
    return encoded


def audit_record(
    *,
    regency: Regency,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditLog:
    """Append one audit record. Call it inside the caller's transaction, so the record
    exists exactly when the change does."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    label = actor_label or (actor.get_username() if actor is not None else "sistem")
    with transaction.atomic():
        return AuditLog.objects.create(
            regency=regency,
            actor=actor if actor is not None and actor.pk else None,
            actor_label=label[:150],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=str(obj)[:200] if obj is not None else "",
            before=before,
            after=after,
            source_ip=current_source_ip(),
        )


def audit_record_many(
    *,
    regency: Regency,
    actor: User | None,
    action: str,
    entries: list[tuple[models.Model, dict[str, Any]]],
) -> list[AuditLog]:
    """One audit record per (object, after) pair, written with one bulk insert: for
    batch operations (issuing a class's certificates) where a row-by-row insert would
    dominate. Call it inside the caller's transaction, like ``audit_record``."""
    label = (actor.get_username() if actor is not None else "sistem")[:150]
    source_ip = current_source_ip()
    rows = [
        AuditLog(
            regency=regency,
            actor=actor if actor is not None and actor.pk else None,
            actor_label=label,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            after=after,
            source_ip=source_ip,
        )
        for obj, after in entries
    ]
    with transaction.atomic():
        return AuditLog.objects.bulk_create(rows, batch_size=500)
