"""Importing a settlement report or a bank statement: all or nothing, once. The same
file (same SHA-256) a second time returns the first import and changes nothing; a line
already imported from another file is counted as repeated if identical and refuses the
whole file if it differs (a provider does not silently rewrite a settled line)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import zone_of
from kotacerdas.treasury import parsers
from kotacerdas.treasury.models import BankCredit, ImportFile, ImportKind, SettlementLine


@dataclass
class ImportOutcome:
    file: ImportFile
    created: bool


def _parse(
    kind: str, data: bytes, regency: Regency
) -> list[parsers.SettlementRow] | list[parsers.CreditRow]:
    if kind == ImportKind.MIDTRANS:
        return parsers.parse_midtrans(data, zone_of(regency))
    if kind == ImportKind.XENDIT:
        return parsers.parse_xendit(data, zone_of(regency))
    if kind == ImportKind.MT940:
        return parsers.parse_mt940(data)
    if kind == ImportKind.BANK_CSV:
        return parsers.parse_bank_csv(data)
    raise parsers.FileRejected([(0, "jenis berkas tidak dikenal")])


def file_import(
    *, regency: Regency, kind: str, filename: str, data: bytes, actor: User | None
) -> ImportOutcome:
    digest = hashlib.sha256(data).hexdigest()
    existing = ImportFile.objects.filter(regency=regency, kind=kind, sha256=digest).first()
    if existing is not None:
        return ImportOutcome(existing, False)
    rows = _parse(kind, data, regency)
    try:
        with transaction.atomic():
            record = ImportFile.objects.create(
                regency=regency,
                kind=kind,
                sha256=digest,
                filename=filename[:200],
                imported_by=actor if actor is not None and actor.pk else None,
            )
            if kind in (ImportKind.MIDTRANS, ImportKind.XENDIT):
                new, repeated = _settlement(regency, record, rows)  # type: ignore[arg-type]
            else:
                new, repeated = _credits(regency, record, rows)  # type: ignore[arg-type]
            record.rows, record.repeated = new, repeated
            record.save(update_fields=["rows", "repeated"])
            audit_record(
                regency=regency,
                actor=actor,
                action="treasury.import",
                obj=record,
                after={"kind": kind, "sha256": digest, "rows": new, "repeated": repeated},
            )
    except IntegrityError:
        again = ImportFile.objects.filter(regency=regency, kind=kind, sha256=digest).first()
        if again is None:
            raise
        return ImportOutcome(again, False)
    from kotacerdas.treasury.services.recon import recon_run

    recon_run(regency=regency)
    return ImportOutcome(record, True)


def _settlement(
    regency: Regency, record: ImportFile, rows: list[parsers.SettlementRow]
) -> tuple[int, int]:
    provider = rows[0].provider
    known = {
        s.transaction_id: s
        for s in SettlementLine.objects.filter(
            regency=regency, provider=provider, transaction_id__in=[r.transaction_id for r in rows]
        )
    }
    errors, fresh, repeated, seen = [], [], 0, set()
    for row in rows:
        old = known.get(row.transaction_id)
        if row.transaction_id in seen:
            errors.append((row.line, f"Transaction ID {row.transaction_id} muncul dua kali"))
            continue
        seen.add(row.transaction_id)
        if old is not None:
            same = (old.order_id, old.gross, old.fee, old.settled_on) == (
                row.order_id,
                row.gross,
                row.fee,
                row.settled_on,
            )
            if not same:
                errors.append(
                    (row.line, f"transaksi {row.transaction_id} sudah diimpor dengan nilai berbeda")
                )
            repeated += 1
            continue
        fresh.append(
            SettlementLine(
                regency=regency,
                source=record,
                line_no=row.line,
                provider=row.provider,
                transaction_id=row.transaction_id,
                order_id=row.order_id,
                gross=row.gross,
                fee=row.fee,
                net=row.net,
                settled_on=row.settled_on,
            )
        )
    if errors:
        raise parsers.FileRejected(errors)
    SettlementLine.objects.bulk_create(fresh)
    return len(fresh), repeated


def _credits(
    regency: Regency, record: ImportFile, rows: list[parsers.CreditRow]
) -> tuple[int, int]:
    known = {
        (c.account, c.reference): c
        for c in BankCredit.objects.filter(
            regency=regency, reference__in=[r.reference for r in rows]
        )
    }
    errors, fresh, repeated, seen = [], [], 0, set()
    for row in rows:
        key = (row.account, row.reference)
        if key in seen:
            errors.append((row.line, f"referensi {row.reference} muncul dua kali"))
            continue
        seen.add(key)
        old = known.get(key)
        if old is not None:
            if (old.amount, old.value_date) != (row.amount, row.value_date):
                errors.append(
                    (row.line, f"referensi {row.reference} sudah diimpor dengan nilai berbeda")
                )
            repeated += 1
            continue
        fresh.append(
            BankCredit(
                regency=regency,
                source=record,
                line_no=row.line,
                account=row.account,
                reference=row.reference,
                value_date=row.value_date,
                amount=row.amount,
                description=row.description,
            )
        )
    if errors:
        raise parsers.FileRejected(errors)
    BankCredit.objects.bulk_create(fresh)
    return len(fresh), repeated
