"""JP and compliance reads: per ASN, per OPD and for the regency, built from the JP
ledger and the pure rules in ``rules.py``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from kotacerdas.core.kpis import KpiResult
from kotacerdas.core.models import Regency
from kotacerdas.training.models import Asn, JpEntry
from kotacerdas.training.rules import Compliance, compliance


def _pppk_target() -> int:
    return int(getattr(settings, "KOTACERDAS_TRAINING_PPPK_TARGET_JP", 20))


@dataclass(frozen=True)
class AsnCompliance:
    asn: Asn
    result: Compliance


def jp_summary_for(*, asn: Asn, year: int, as_of: date) -> Compliance:
    entries = JpEntry.objects.filter(regency_id=asn.regency_id, asn=asn).values_list(
        "earned_on", "jp"
    )
    return compliance(
        kind=asn.kind,
        entries=list(entries),
        year=year,
        as_of=as_of,
        contract_start=asn.contract_start,
        pppk_target=_pppk_target(),
    )


def compliance_rows(
    *, regency: Regency, year: int, as_of: date, opd_id: int | None = None
) -> list[AsnCompliance]:
    people = Asn.objects.filter(regency=regency, is_active=True).select_related("opd")
    if opd_id is not None:
        people = people.filter(opd_id=opd_id)
    # A PPPK contract year can reach back into the previous calendar year.
    ledger = JpEntry.objects.filter(
        regency=regency, earned_on__gte=date(year - 1, 1, 1), earned_on__lte=date(year, 12, 31)
    )
    if opd_id is not None:
        ledger = ledger.filter(asn__opd_id=opd_id)
    by_asn: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for asn_id, earned_on, jp in ledger.values_list("asn_id", "earned_on", "jp"):
        by_asn[asn_id].append((earned_on, jp))
    target = _pppk_target()
    return [
        AsnCompliance(
            asn,
            compliance(
                kind=asn.kind,
                entries=by_asn.get(asn.pk, []),
                year=year,
                as_of=as_of,
                contract_start=asn.contract_start,
                pppk_target=target,
            ),
        )
        for asn in people.order_by("opd__short_name", "name")
    ]


@dataclass(frozen=True)
class OpdCompliance:
    opd_id: int
    opd_name: str
    total: int
    met: int

    @property
    def share(self) -> int:
        return self.met * 100 // self.total if self.total else 0


def compliance_by_opd(rows: list[AsnCompliance]) -> list[OpdCompliance]:
    totals: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for row in rows:
        bucket = totals.setdefault(row.asn.opd_id, [0, 0])
        bucket[0] += 1
        bucket[1] += int(row.result.met)
        names[row.asn.opd_id] = row.asn.opd.short_name
    return sorted(
        (OpdCompliance(pk, names[pk], t, m) for pk, (t, m) in totals.items()),
        key=lambda o: (o.share, o.opd_name),
    )


def kpi_share_meeting_jp(regency: Regency, start: date, end: date) -> KpiResult:
    """Share of active ASN whose JP for the year of ``end`` reach the target, as of
    ``end``."""
    rows = compliance_rows(regency=regency, year=end.year, as_of=end)
    if not rows:
        return KpiResult(value=None, formula="ASN memenuhi target JP / ASN aktif × 100")
    met = sum(1 for r in rows if r.result.met)
    value = (Decimal(met) * 100 / Decimal(len(rows))).quantize(Decimal("0.01"))
    return KpiResult(
        value=value,
        formula="ASN memenuhi target JP / ASN aktif × 100",
        numerator=Decimal(met),
        denominator=Decimal(len(rows)),
        inputs={"year": end.year, "as_of": end.isoformat(), "pns_min_jp": 20},
    )
