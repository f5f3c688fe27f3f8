"""SLA jobs: escalate requests past their working-day deadline, and close resolved
requests the reporter did not answer within the close period (LAPOR!: 10 working
days)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.jobs import register_job
from kotacerdas.core.services.audit import audit_record
from kotacerdas.services.models import RequestUpdate, ServiceRequest, Status, UpdateKind
from kotacerdas.services.selectors import auto_close_due, overdue_requests
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.workflow import Actor, TransitionRefused

# One escalation per level: level 1 at the deadline, level 2 one day after, and so on
# up to the Diskominfo administrator (level 3).
MAX_LEVEL = 3


def escalate_overdue() -> int:
    now = timezone.now()
    escalated = 0
    for row in overdue_requests(now=now):
        assert row.due_at is not None
        level = min(1 + (now - row.due_at).days, MAX_LEVEL)
        if level <= row.escalation_level:
            continue
        with transaction.atomic():
            changed = ServiceRequest.objects.filter(
                pk=row.pk, escalation_level=row.escalation_level, status=row.status
            ).update(escalation_level=level, escalated_at=now, sla_breached=True)
            if not changed:
                continue
            RequestUpdate.objects.create(
                regency=row.regency,
                request=row,
                created_at=now,
                kind=UpdateKind.ESCALATION,
                note=(
                    f"Melewati tenggat SLA ({row.get_status_display()}); eskalasi tingkat {level}."
                ),
                is_public=False,
            )
            audit_record(
                regency=row.regency,
                actor=None,
                actor_label="sistem",
                action="services.request.escalate",
                obj=row,
                after={"level": level, "status": row.status, "opd": row.opd.code},
            )
        escalated += 1
    return escalated


def close_unanswered() -> int:
    closed = 0
    for row in auto_close_due(now=timezone.now()):
        try:
            request_transition(
                request=row,
                target=Status.DITUTUP,
                actor=None,
                as_actor=Actor.SYSTEM,
                note="Ditutup otomatis: tidak ada tanggapan pelapor dalam masa konfirmasi.",
            )
        except TransitionRefused:
            continue
        closed += 1
    return closed


@register_job("services.sla", every=timedelta(minutes=15))
def sla_job() -> str:
    return f"escalated {escalate_overdue()}, closed {close_unanswered()}"
