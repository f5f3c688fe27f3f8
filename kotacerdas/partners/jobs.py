"""Expiry alerts by e-mail, 90 and 30 days before an agreement ends. Each (agreement,
threshold) is recorded once in ``ExpiryAlert`` under a unique constraint, so two job
runners or a rerun never send the same alert twice; the e-mail goes out after commit."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from kotacerdas.core.jobs import register_job
from kotacerdas.core.models import Regency, Role, RoleAssignment
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import local_date
from kotacerdas.partners.models import Agreement, ExpiryAlert
from kotacerdas.partners.selectors import expiring

log = logging.getLogger("kotacerdas.partners")
ALERT_OPDS = ("diskominfo", "bkpsdm")


def _recipients(agreement: Agreement) -> list[str]:
    emails = (
        RoleAssignment.objects.filter(regency_id=agreement.regency_id)
        .filter(Q(role=Role.ADMIN) | Q(role=Role.OFFICER, opd__code__in=ALERT_OPDS))
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def _send(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
    except Exception:  # an outage must not undo the recorded alert; it is logged
        log.exception("expiry alert mail failed")


def send_expiry_alerts(*, today: date | None = None) -> int:
    """Runs regency by regency: each counts its days in its own time zone (a WITA
    regency's day starts an hour before Kotim's) and alerts only its own people."""
    sent = 0
    for regency in Regency.objects.filter(is_active=True).order_by("pk"):
        sent += _alerts_for(regency, today or local_date(regency))
    return sent


def _alerts_for(regency: Regency, today: date) -> int:
    sent = 0
    for warning in expiring(regency=regency, on=today):
        agreement = warning.agreement
        to = _recipients(agreement)
        try:
            with transaction.atomic():
                ExpiryAlert.objects.create(
                    regency=agreement.regency,
                    agreement=agreement,
                    days_before=warning.threshold,
                    recipients=len(to),
                )
                audit_record(
                    regency=agreement.regency,
                    actor=None,
                    action="partners.agreement.expiry_alert",
                    obj=agreement,
                    after={"days_before": warning.threshold, "recipients": len(to)},
                )
                subject = (
                    f"[Kota Cerdas] Perjanjian {agreement.number} berakhir "
                    f"dalam {warning.days_left} hari"
                )
                body = (
                    f"{agreement.get_kind_display()} {agreement.number} dengan "
                    f"{agreement.partner.name} ({agreement.title}) berlaku sampai "
                    f"{agreement.valid_until:%d-%m-%Y}. Siapkan perpanjangan atau penutupan."
                )
                if to:
                    transaction.on_commit(partial(_send, subject, body, to))
        except IntegrityError:
            continue  # this threshold was already alerted
        sent += 1
    return sent


@register_job("partners.expiry_alerts", every=timedelta(hours=6))
def expiry_alerts_job() -> str:
    return f"sent {send_expiry_alerts()} expiry alerts"
