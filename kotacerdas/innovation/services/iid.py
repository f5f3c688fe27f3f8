"""Rule-set imports, reporting years and indicator levels. A rule set used by a
finalised year is frozen; an import is all or nothing."""

from __future__ import annotations

import hashlib
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.innovation.models import (
    IidRuleSet,
    IidYear,
    IndicatorEntry,
    Innovation,
    ReviewStatus,
)
from kotacerdas.innovation.rules import RuleSet, RuleSetInvalid, ruleset_from_dict, ruleset_parse
from kotacerdas.innovation.services import cleaning as c
from kotacerdas.innovation.services.evidence import evidence_store
from kotacerdas.innovation.services.innovations import Invalid

_CACHE: dict[tuple[int, str], RuleSet] = {}


def rules_of(ruleset: IidRuleSet) -> RuleSet:
    """The parsed rules of a stored set (cached per content hash)."""
    key = (ruleset.pk, ruleset.sha256)
    if key not in _CACHE:
        _CACHE[key] = ruleset_from_dict(ruleset.spec)
    return _CACHE[key]


def ruleset_import(
    *, regency: Regency, raw: bytes, filename: str, actor: User | None
) -> IidRuleSet:
    """Import (or replace) a rule set from a JSON/YAML file. Raises ``RuleSetInvalid``."""
    rules, stored = ruleset_parse(raw, filename)
    digest = hashlib.sha256(raw).hexdigest()
    with transaction.atomic():
        existing = (
            IidRuleSet.objects.select_for_update().filter(regency=regency, code=rules.code).first()
        )
        if existing is not None:
            if existing.years.filter(finalised_at__isnull=False).exists():
                raise RuleSetInvalid(
                    [
                        f"Aturan '{rules.code}' dipakai oleh tahun yang sudah difinalkan dan tidak "
                        "dapat diubah. Impor dengan kode baru."
                    ]
                )
            _check_entries_fit(existing, rules)
            existing.year, existing.name, existing.spec = rules.year, rules.name, stored
            existing.filename, existing.sha256, existing.imported_by = filename[:160], digest, actor
            existing.save()
            ruleset = existing
            action = "innovation.ruleset.replace"
        else:
            ruleset = IidRuleSet.objects.create(
                regency=regency,
                code=rules.code,
                year=rules.year,
                name=rules.name,
                spec=stored,
                filename=filename[:160],
                sha256=digest,
                imported_by=actor,
            )
            action = "innovation.ruleset.import"
        audit_record(
            regency=regency,
            actor=actor,
            action=action,
            obj=ruleset,
            after={"code": rules.code, "sha256": digest, "filename": filename[:160]},
        )
    return ruleset


def _check_entries_fit(ruleset: IidRuleSet, rules: RuleSet) -> None:
    indicators = rules.indicators
    problems: list[str] = []
    rows = IndicatorEntry.objects.filter(year__ruleset=ruleset).values_list("indicator", "level")
    for code, level in rows.distinct():
        ind = indicators.get(code)
        if ind is None:
            problems.append(f"indikator '{code}' sudah diisi tetapi tidak ada di berkas baru.")
        elif level is not None and level not in {lvl.level for lvl in ind.levels}:
            problems.append(f"level {level} indikator '{code}' sudah diisi tetapi tidak ada lagi.")
    if problems:
        raise RuleSetInvalid(sorted(set(problems))[:20])


def year_open(
    *, regency: Regency, year: int, ruleset: IidRuleSet | None, deadline: date | None, actor: User
) -> IidYear:
    e: dict[str, str] = {}
    if ruleset is None:
        e["ruleset"] = f"Tahun {year} belum memiliki aturan IID: pilih atau impor aturan dulu."
    if not 2000 <= year <= 2100:
        e["year"] = "Tahun harus 2000–2100."
    if IidYear.objects.filter(regency=regency, year=year).exists():
        e["year"] = f"Tahun {year} sudah dibuka."
    if e:
        raise Invalid(e)
    assert ruleset is not None
    rules = rules_of(ruleset)
    if deadline is None and rules.window_closes is not None:
        closes = rules.window_closes
        deadline = (
            closes.replace(year=year) if not (closes.month == 2 and closes.day == 29) else closes
        )
    if deadline is None:
        raise Invalid({"deadline": "Batas pelaporan wajib diisi (aturan tidak memuatnya)."})
    opens = rules.window_opens.replace(year=year) if rules.window_opens else None
    if opens and opens > deadline:
        opens = None
    with transaction.atomic():
        made = IidYear.objects.create(
            regency=regency, year=year, ruleset=ruleset, window_opens=opens, deadline=deadline
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="innovation.iid.year_open",
            obj=made,
            after={"year": year, "ruleset": ruleset.code, "deadline": str(deadline)},
        )
    return made


def entry_record(
    *,
    year: IidYear,
    innovation: Innovation | None,
    indicator: str,
    level: str,
    evidence_url: str,
    upload: UploadedFile | None,
    actor: User,
) -> IndicatorEntry:
    """Record the level and evidence of one indicator (upsert)."""
    rules = rules_of(year.ruleset)
    ind = rules.indicators.get(indicator)
    e: dict[str, str] = {}
    if IidYear.objects.filter(pk=year.pk, finalised_at__isnull=False).exists():
        e["year"] = f"Tahun {year.year} sudah difinalkan; nilai tidak dapat diubah."
    if ind is None or ind.scope != ("region" if innovation is None else "innovation"):
        e["indicator"] = "Indikator tidak ada pada aturan tahun ini."
    chosen: int | None = None
    if level.strip():
        if not (level.isascii() and level.isdigit() and len(level) <= 2):
            e["level"] = "Level harus berupa angka."
        else:
            chosen = int(level)
            if ind is not None and chosen not in {lvl.level for lvl in ind.levels}:
                allowed = ", ".join(str(lvl.level) for lvl in ind.levels)
                e["level"] = f"Level {chosen} tidak ada pada aturan (pilihan: {allowed})."
    if innovation is not None and (
        innovation.regency_id != year.regency_id or innovation.status != ReviewStatus.DITERIMA
    ):
        e["innovation"] = "Hanya inovasi yang sudah diterima yang dapat dinilai."
    url = c.url(evidence_url, "evidence_url", "Tautan bukti", e)
    if e:
        raise Invalid(e)
    with transaction.atomic():
        # Serialise with year_finalise: a finalised year never gains a late change.
        if IidYear.objects.select_for_update().get(pk=year.pk).finalised_at is not None:
            raise Invalid(
                {"year": f"Tahun {year.year} sudah difinalkan; nilai tidak dapat diubah."}
            )
        entry, _ = IndicatorEntry.objects.select_for_update().get_or_create(
            regency=year.regency, year=year, innovation=innovation, indicator=indicator
        )
        before = {"level": entry.level, "evidence": entry.has_evidence}
        entry.level = chosen
        if upload is not None:
            entry.evidence = evidence_store(
                regency=year.regency, upload=upload, innovation=innovation, actor=actor
            )
        if url or upload is not None:
            entry.evidence_url = url
        entry.recorded_by = actor
        entry.save()
        audit_record(
            regency=year.regency,
            actor=actor,
            action="innovation.iid.entry",
            obj=entry,
            before=before,
            after={"level": entry.level, "evidence": entry.has_evidence, "year": year.year},
        )
    return entry


def year_finalise(*, year: IidYear, actor: User) -> IidYear:
    with transaction.atomic():
        locked = IidYear.objects.select_for_update().get(pk=year.pk)
        if locked.finalised_at is not None:
            raise Invalid({"year": "Tahun ini sudah difinalkan."})
        locked.finalised_at = timezone.now()
        locked.save(update_fields=["finalised_at"])
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="innovation.iid.finalise",
            obj=locked,
            after={"year": locked.year, "ruleset": locked.ruleset.code},
        )
    return locked
