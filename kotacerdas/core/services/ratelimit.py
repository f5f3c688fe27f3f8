"""Fixed-window rate limits shared by every process through the database."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kotacerdas.core.models import RateLimitCounter


@dataclass(frozen=True)
class RateState:
    count: int
    limit: int
    retry_after: int

    @property
    def exceeded(self) -> bool:
        return self.count >= self.limit


def _window(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    start = epoch - epoch % seconds
    return datetime.fromtimestamp(start, tz=now.tzinfo)


def rate_peek(*, key: str, limit: int, window_seconds: int) -> RateState:
    now = timezone.now()
    start = _window(now, window_seconds)
    row = RateLimitCounter.objects.filter(key=key, window_start=start).first()
    retry = math.ceil((start + timedelta(seconds=window_seconds) - now).total_seconds())
    return RateState(count=row.count if row else 0, limit=limit, retry_after=max(retry, 1))


def rate_hit(*, key: str, limit: int, window_seconds: int) -> RateState:
    """Count one event and return the state after it. Atomic under concurrency: the
    counter row is created once (unique constraint) and incremented in SQL."""
    now = timezone.now()
    start = _window(now, window_seconds)
    try:
        with transaction.atomic():
            RateLimitCounter.objects.get_or_create(key=key, window_start=start)
    except IntegrityError:
        pass  # a concurrent request created the row first
    RateLimitCounter.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
    count = RateLimitCounter.objects.get(key=key, window_start=start).count
    retry = math.ceil((start + timedelta(seconds=window_seconds) - now).total_seconds())
    return RateState(count=count, limit=limit, retry_after=max(retry, 1))


def _ensure_row(key: str, start: datetime) -> None:
    try:
        with transaction.atomic():
            RateLimitCounter.objects.get_or_create(key=key, window_start=start)
    except IntegrityError:
        pass  # a concurrent request created the row first


def rate_acquire(*, key: str, limit: int, window_seconds: int) -> RateState | None:
    """Take one of ``limit`` slots of the current window, or None when all are taken.

    Check and increment are one conditional UPDATE (``count < limit``), so N concurrent
    callers can never take more than ``limit`` slots: on PostgreSQL the row lock makes
    each UPDATE re-check the condition against the committed count. Used where the
    expensive or dangerous work (a password check) must be bounded, not merely counted
    after the fact."""
    now = timezone.now()
    start = _window(now, window_seconds)
    _ensure_row(key, start)
    taken = RateLimitCounter.objects.filter(key=key, window_start=start, count__lt=limit).update(
        count=F("count") + 1
    )
    retry = math.ceil((start + timedelta(seconds=window_seconds) - now).total_seconds())
    if not taken:
        return None
    count = RateLimitCounter.objects.get(key=key, window_start=start).count
    return RateState(count=count, limit=limit, retry_after=max(retry, 1))


def rate_retry_after(*, window_seconds: int) -> int:
    now = timezone.now()
    start = _window(now, window_seconds)
    return max(math.ceil((start + timedelta(seconds=window_seconds) - now).total_seconds()), 1)


def rate_release(*, key: str, window_seconds: int) -> None:
    """Give back a slot taken by ``rate_acquire`` (the attempt turned out honest)."""
    start = _window(timezone.now(), window_seconds)
    RateLimitCounter.objects.filter(key=key, window_start=start, count__gt=0).update(
        count=F("count") - 1
    )


def rate_reset(*, key: str) -> None:
    RateLimitCounter.objects.filter(key=key).delete()


def rate_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    deleted, _ = RateLimitCounter.objects.filter(
        window_start__lt=timezone.now() - older_than
    ).delete()
    return deleted
