"""Fixed-window counters in the database, so every app process behind the proxy sees
the same count (an in-process cache would let N processes allow N times the limit)."""

from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_unique_window"),
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%H:%M}: {self.count}"
