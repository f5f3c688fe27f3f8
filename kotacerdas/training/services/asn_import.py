"""Importing BKPSDM's ASN list: a preview that checks every row, then an upsert keyed by
NIP that applies exactly the previewed rows. A file with any row error cannot be
applied (all or nothing); a file that cannot be read writes nothing at all."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import WIB
from kotacerdas.training.models import Asn, AsnImport, AsnKind, ImportStatus
from kotacerdas.training.nip import NipInvalid, parse_nip
from kotacerdas.training.tabular import LOST_DIGITS, read_table

REQUIRED = ["nip", "nama", "jenis", "pangkat_golongan", "jabatan", "opd"]
LIMITS = {"nama": 120, "pangkat_golongan": 60, "jabatan": 160}
YES = {"", "ya", "y", "aktif", "1", "true"}
NO = {"tidak", "t", "nonaktif", "0", "false"}
FIELDS = ["name", "kind", "rank", "position", "opd_id", "is_active", "contract_start"]


class ImportRefused(ValueError):
    """The batch cannot be applied; the message is Indonesian."""


@dataclass
class RowError:
    row: int
    column: str
    reason: str


def _opd_lookup(regency: Regency) -> dict[str, int]:
    lookup: dict[str, int] = {}
    for pk, code, short, name in OPD.objects.filter(regency=regency, is_active=True).values_list(
        "pk", "code", "short_name", "name"
    ):
        for key in (code, short, name):
            lookup[key.strip().lower()] = pk
    return lookup


def _check_row(
    number: int, cells: dict[str, str], opds: dict[str, int], today: date
) -> tuple[dict[str, Any] | None, list[RowError]]:
    errors: list[RowError] = []
    for column, text in cells.items():
        if "\x00" in text:
            errors.append(RowError(number, column, "Berisi karakter NUL."))
    nip = None
    if cells.get("nip") == LOST_DIGITS:
        errors.append(
            RowError(
                number,
                "nip",
                "NIP tersimpan sebagai angka di Excel sehingga digit akhirnya "
                "hilang; format kolom NIP sebagai teks lalu ekspor ulang.",
            )
        )
    else:
        try:
            nip = parse_nip(cells.get("nip", ""), today=today)
        except NipInvalid as exc:
            errors.append(RowError(number, "nip", str(exc)))
    name = cells.get("nama", "")
    if not name:
        errors.append(RowError(number, "nama", "Nama wajib diisi."))
    for column, limit in LIMITS.items():
        if len(cells.get(column, "")) > limit:
            errors.append(RowError(number, column, f"Terlalu panjang (maksimal {limit} karakter)."))
    kind = cells.get("jenis", "").strip().lower()
    if kind not in AsnKind.values:
        errors.append(RowError(number, "jenis", "Jenis kepegawaian harus PNS atau PPPK."))
    opd_id = opds.get(cells.get("opd", "").strip().lower())
    if opd_id is None:
        errors.append(RowError(number, "opd", f"OPD tidak dikenal: {cells.get('opd', '')[:60]}."))
    active_text = cells.get("aktif", "").strip().lower()
    if active_text not in YES | NO:
        errors.append(RowError(number, "aktif", "Isi 'ya' atau 'tidak'."))
    contract_start = None
    raw_start = cells.get("awal_kontrak", "").strip()
    if raw_start:
        try:
            contract_start = date.fromisoformat(raw_start)
        except ValueError:
            errors.append(RowError(number, "awal_kontrak", "Tanggal harus berformat TTTT-BB-HH."))
        else:
            if not date(1990, 1, 1) <= contract_start <= date(today.year + 1, 12, 31):
                errors.append(RowError(number, "awal_kontrak", "Tanggal tidak masuk akal."))
                contract_start = None
    if nip is not None and kind in AsnKind.values and nip.is_pppk != (kind == AsnKind.PPPK):
        errors.append(
            RowError(
                number, "jenis", "Jenis tidak cocok dengan NIP (kode 21 pada angka 13–14 = PPPK)."
            )
        )
    if kind == AsnKind.PPPK and not raw_start and not errors:
        errors.append(RowError(number, "awal_kontrak", "PPPK wajib mencantumkan awal kontrak."))
    if errors or nip is None:
        return None, errors
    return {
        "row": number,
        "nip": nip.value,
        "name": name,
        "kind": kind,
        "rank": cells.get("pangkat_golongan", ""),
        "position": cells.get("jabatan", ""),
        "opd_id": opd_id,
        "is_active": active_text not in NO,
        "contract_start": contract_start.isoformat() if contract_start else None,
    }, []


def _current(regency: Regency) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in Asn.objects.filter(regency=regency).values("nip", *FIELDS):
        start = row["contract_start"]
        row["contract_start"] = start.isoformat() if start else None
        found[row.pop("nip")] = row
    return found


def _differs(row: dict[str, Any], existing: dict[str, Any]) -> bool:
    return any(row[f] != existing[f] for f in FIELDS)


def asn_import_preview(
    *, regency: Regency, actor: User, filename: str, data: bytes, today: date | None = None
) -> AsnImport:
    """Raises ``FileMalformed`` (nothing written) or returns the stored preview."""
    today = today or timezone.now().astimezone(WIB).date()
    table = read_table(filename, data, REQUIRED)
    opds = _opd_lookup(regency)
    current = _current(regency)
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    new = changed = unchanged = 0
    for number, cells in table.rows:
        row, row_errors = _check_row(number, cells, opds, today)
        if row is not None and row["nip"] in first_line:
            row_errors = [
                RowError(
                    number,
                    "nip",
                    f"NIP ganda dalam berkas (sama dengan baris {first_line[row['nip']]}).",
                )
            ]
            row = None
        errors.extend(row_errors)
        if row is None:
            continue
        first_line[row["nip"]] = number
        rows.append(row)
        existing = current.get(row["nip"])
        if existing is None:
            new += 1
        elif _differs(row, existing):
            changed += 1
        else:
            unchanged += 1
    with transaction.atomic():
        batch = AsnImport.objects.create(
            regency=regency,
            created_by=actor,
            filename=filename[:200],
            total_rows=len(table.rows),
            new_count=new,
            changed_count=changed,
            unchanged_count=unchanged,
            rows=rows,
            errors=[e.__dict__ for e in errors],
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="training.asn_import.preview",
            obj=batch,
            after={"rows": len(table.rows), "errors": len(errors), "new": new, "changed": changed},
        )
    return batch


def asn_import_apply(*, batch: AsnImport, actor: User) -> AsnImport:
    """Upserts by NIP inside one transaction; a second apply of the same batch refuses."""
    with transaction.atomic():
        locked = AsnImport.objects.select_for_update().get(pk=batch.pk, regency=batch.regency)
        if locked.status != ImportStatus.PREVIEW:
            raise ImportRefused("Impor ini sudah diterapkan.")
        if locked.errors:
            raise ImportRefused("Perbaiki semua kesalahan dalam berkas lalu unggah ulang.")
        current = {a.nip: a for a in Asn.objects.filter(regency=locked.regency)}
        creates: list[Asn] = []
        updates: list[Asn] = []
        for row in locked.rows:
            values = {f: row[f] for f in FIELDS}
            if values["contract_start"]:
                values["contract_start"] = date.fromisoformat(values["contract_start"])
            existing = current.get(row["nip"])
            if existing is None:
                creates.append(Asn(regency=locked.regency, nip=row["nip"], **values))
                continue
            if any(getattr(existing, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(existing, f, v)
                existing.updated_at = timezone.now()
                updates.append(existing)
        Asn.objects.bulk_create(creates, batch_size=2000)
        Asn.objects.bulk_update(updates, [*FIELDS, "updated_at"], batch_size=2000)
        locked.status = ImportStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.save(update_fields=["status", "applied_at"])
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="training.asn_import.apply",
            obj=locked,
            after={"created": len(creates), "updated": len(updates)},
        )
    return locked


def error_report_csv(batch: AsnImport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["baris", "kolom", "alasan"])
    for error in batch.errors:
        writer.writerow([error["row"], error["column"], error["reason"]])
    return out.getvalue()
