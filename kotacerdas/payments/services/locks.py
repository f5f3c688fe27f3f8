"""Named row locks. The only lock in payments is the charge row; when several charges
must be locked at once, take them in ascending primary-key order (``lock_charges``).
Never call a gateway while holding one."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from kotacerdas.payments.models import Charge


def lock_charge(charge_id: int) -> Charge:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_charge must be called inside transaction.atomic()")
    return Charge.objects.select_for_update().get(pk=charge_id)


def lock_charges(charge_ids: Iterable[int]) -> list[Charge]:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_charges must be called inside transaction.atomic()")
    return list(Charge.objects.select_for_update().filter(pk__in=set(charge_ids)).order_by("pk"))
