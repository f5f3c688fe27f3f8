"""Bookkeeping for periodic jobs, shared by every process through the database."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    """One row per job name: when it last ran and whether it worked. ``lease_until`` is a
    lease taken with a conditional UPDATE, so two job runners never run a job at once."""

    name = models.CharField(max_length=80, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=12, blank=True)
    last_result = models.TextField(blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
