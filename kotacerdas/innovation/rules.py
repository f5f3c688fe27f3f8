"""IID rule sets as data: one JSON or YAML file per year holding the aspects, variables,
indicators with their levels and scores, the aspect weights, the divisor constant, the
maximum total, the mandatory indicators and the predicate bands.

Django-free. ``ruleset_parse`` checks everything and reports every problem at once, in
Indonesian, with the place in the file; nothing is returned unless the whole file is
sound, so an import is all or nothing. The file format is documented in
docs/innovation.md."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from kotacerdas.innovation.formula import Band
from kotacerdas.innovation.rule_fields import (
    read_date,
    read_integer,
    read_list,
    read_number,
    read_text,
)

SCOPES = ("region", "innovation")
MAX_FILE_BYTES = 512 * 1024
TOLERANCE = 0.005


class RuleSetInvalid(ValueError):
    """The file cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Level:
    level: int
    label: str
    score: float


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    aspect: str
    variable: str
    scope: str
    levels: tuple[Level, ...]

    @property
    def max_score(self) -> float:
        return max(lvl.score for lvl in self.levels)

    def score_of(self, level: int) -> float:
        for lvl in self.levels:
            if lvl.level == level:
                return lvl.score
        raise KeyError(level)


@dataclass(frozen=True)
class Variable:
    code: str
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Aspect:
    code: str
    name: str
    weight: float
    scope: str
    variables: tuple[Variable, ...]

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for v in self.variables for i in v.indicators)


@dataclass(frozen=True)
class CountLevel:
    level: int
    label: str
    min_innovations: int
    score: float


@dataclass(frozen=True)
class RuleSet:
    code: str
    year: int
    name: str
    source: str
    max_total: float
    divisor_min: int
    aspects: tuple[Aspect, ...]
    count_name: str
    count_aspect: str
    count_levels: tuple[CountLevel, ...]
    mandatory: frozenset[str]
    bands: tuple[Band, ...]
    window_opens: date | None
    window_closes: date | None

    @property
    def indicators(self) -> dict[str, Indicator]:
        return {i.code: i for a in self.aspects for i in a.indicators}

    def scoped(self, scope: str) -> list[Indicator]:
        return [i for a in self.aspects if a.scope == scope for i in a.indicators]

    def count_score(self, n: int) -> float:
        """Score of the innovation-count indicator for ``n`` reported innovations."""
        reached = [c.score for c in self.count_levels if n >= c.min_innovations]
        return max(reached) if reached else 0.0

    @property
    def empty_band(self) -> str:
        """The band for an index of 0 (the disclaimer predicate)."""
        for name, lower, _upper in self.bands:
            if lower <= 0:
                return name
        return self.bands[-1][0]


def _levels(raw: Any, where: str, errors: list[str]) -> tuple[Level, ...]:
    levels: list[Level] = []
    for k, item in enumerate(read_list(raw, where, errors)):
        at = f"{where}[{k + 1}]"
        if not isinstance(item, Mapping):
            errors.append(f"{at}: harus berupa objek.")
            continue
        levels.append(
            Level(
                level=read_integer(item.get("level"), f"{at}.level", errors, 1, 20),
                label=read_text(item.get("label"), f"{at}.label", errors),
                score=read_number(item.get("score"), f"{at}.score", errors),
            )
        )
    numbers = [lvl.level for lvl in levels]
    if len(set(numbers)) != len(numbers):
        errors.append(f"{where}: nomor level ganda.")
    return tuple(sorted(levels, key=lambda lvl: lvl.level))


def _aspects(raw: Any, errors: list[str], seen: set[str]) -> list[Aspect]:
    aspects: list[Aspect] = []
    for a, item in enumerate(read_list(raw, "aspects", errors)):
        at = f"aspects[{a + 1}]"
        if not isinstance(item, Mapping):
            errors.append(f"{at}: harus berupa objek.")
            continue
        code = read_text(item.get("code"), f"{at}.code", errors, 20)
        scope = item.get("scope")
        if scope not in SCOPES:
            errors.append(f"{at}.scope: harus 'region' (daerah) atau 'innovation' (per inovasi).")
            scope = "region"
        variables: list[Variable] = []
        for v, var in enumerate(read_list(item.get("variables"), f"{at}.variables", errors)):
            vat = f"{at}.variables[{v + 1}]"
            if not isinstance(var, Mapping):
                errors.append(f"{vat}: harus berupa objek.")
                continue
            vcode = read_text(var.get("code"), f"{vat}.code", errors, 40)
            indicators: list[Indicator] = []
            for i, ind in enumerate(read_list(var.get("indicators"), f"{vat}.indicators", errors)):
                iat = f"{vat}.indicators[{i + 1}]"
                if not isinstance(ind, Mapping):
                    errors.append(f"{iat}: harus berupa objek.")
                    continue
                icode = read_text(ind.get("code"), f"{iat}.code", errors, 20)
                if icode in seen:
                    errors.append(f"{iat}.code: kode indikator '{icode}' sudah dipakai.")
                seen.add(icode)
                indicators.append(
                    Indicator(
                        code=icode,
                        name=read_text(ind.get("name"), f"{iat}.name", errors),
                        aspect=code,
                        variable=vcode,
                        scope=str(scope),
                        levels=_levels(ind.get("levels"), f"{iat}.levels", errors),
                    )
                )
            variables.append(
                Variable(
                    code=vcode,
                    name=read_text(var.get("name"), f"{vat}.name", errors),
                    indicators=tuple(indicators),
                )
            )
        aspects.append(
            Aspect(
                code=code,
                name=read_text(item.get("name"), f"{at}.name", errors),
                weight=read_number(item.get("weight"), f"{at}.weight", errors),
                scope=str(scope),
                variables=tuple(variables),
            )
        )
    return aspects


def _bands(raw: Any, errors: list[str]) -> list[Band]:
    bands: list[Band] = []
    for b, item in enumerate(read_list(raw, "predicates", errors)):
        at = f"predicates[{b + 1}]"
        if not isinstance(item, Mapping):
            errors.append(f"{at}: harus berupa objek.")
            continue
        lower = read_number(item.get("lower"), f"{at}.lower", errors)
        upper = read_number(item.get("upper"), f"{at}.upper", errors)
        if lower > upper or upper > 100:
            errors.append(f"{at}: batas bawah harus ≤ batas atas ≤ 100.")
        bands.append((read_text(item.get("name"), f"{at}.name", errors, 60), lower, upper))
    ordered = sorted(bands, key=lambda band: band[1])
    for (n1, _l1, u1), (n2, l2, _u2) in itertools.pairwise(ordered):
        if l2 <= u1:
            errors.append(f"predicates: rentang '{n1}' dan '{n2}' bertumpang tindih.")
        elif round(l2 - u1, 6) > 0.01:
            errors.append(f"predicates: ada celah antara '{n1}' dan '{n2}'.")
    if ordered and (ordered[0][1] != 0 or ordered[-1][2] != 100):
        errors.append("predicates: rentang harus mencakup 0 sampai 100.")
    return bands


def ruleset_from_dict(data: Any) -> RuleSet:
    """Validate a decoded file (or a stored copy) and build the rule set."""
    errors: list[str] = []
    if not isinstance(data, Mapping):
        raise RuleSetInvalid(["Berkas aturan harus berupa objek JSON/YAML di tingkat teratas."])
    code = read_text(data.get("code"), "code", errors, 40)
    year = read_integer(data.get("year"), "year", errors, 2000, 2100)
    max_total = read_number(data.get("max_total"), "max_total", errors, minimum=0.01)
    divisor_min = read_integer(data.get("divisor_min"), "divisor_min", errors, 1, 1000)
    seen: set[str] = set()
    aspects = _aspects(data.get("aspects"), errors, seen)
    count = data.get("count_indicator")
    count_levels: list[CountLevel] = []
    count_name, count_aspect = "", ""
    if not isinstance(count, Mapping):
        errors.append("count_indicator: wajib ada (indikator jumlah inovasi).")
    else:
        count_name = read_text(count.get("name"), "count_indicator.name", errors)
        count_aspect = read_text(count.get("aspect"), "count_indicator.aspect", errors, 20)
        for k, item in enumerate(read_list(count.get("levels"), "count_indicator.levels", errors)):
            at = f"count_indicator.levels[{k + 1}]"
            if not isinstance(item, Mapping):
                errors.append(f"{at}: harus berupa objek.")
                continue
            count_levels.append(
                CountLevel(
                    level=read_integer(item.get("level"), f"{at}.level", errors, 1, 20),
                    label=read_text(item.get("label"), f"{at}.label", errors),
                    min_innovations=read_integer(
                        item.get("min_innovations"), f"{at}.min_innovations", errors, 1, 100000
                    ),
                    score=read_number(item.get("score"), f"{at}.score", errors),
                )
            )
    mandatory = data.get("mandatory", [])
    if not isinstance(mandatory, list) or not all(isinstance(m, str) for m in mandatory):
        errors.append("mandatory: harus berupa daftar kode indikator.")
        mandatory = []
    structural_ok = not errors
    for ref in mandatory:
        if ref not in seen:
            errors.append(f"mandatory: indikator '{ref}' dirujuk tetapi tidak didefinisikan.")
    aspect_codes = [a.code for a in aspects]
    if len(set(aspect_codes)) != len(aspect_codes):
        errors.append("aspects: kode aspek ganda.")
    if count_aspect and count_aspect not in aspect_codes:
        errors.append(f"count_indicator.aspect: aspek '{count_aspect}' tidak didefinisikan.")
    elif count_aspect and next(a for a in aspects if a.code == count_aspect).scope != "innovation":
        errors.append("count_indicator.aspect: harus aspek per inovasi (scope 'innovation').")
    if aspects and {a.scope for a in aspects} != set(SCOPES):
        errors.append("aspects: perlu satu aspek daerah dan satu aspek per inovasi.")
    bands = _bands(data.get("predicates"), errors)
    window = data.get("window") or {}
    if not isinstance(window, Mapping):
        errors.append("window: harus berupa objek dengan 'opens' dan 'closes'.")
        window = {}
    opens = read_date(window.get("opens"), "window.opens", errors)
    closes = read_date(window.get("closes"), "window.closes", errors)
    if opens and closes and opens > closes:
        errors.append("window: tanggal buka setelah tanggal tutup.")
    if structural_ok and count_aspect in aspect_codes:
        _check_weights(aspects, count_aspect, count_levels, max_total, errors)
    if errors:
        raise RuleSetInvalid(errors)
    return RuleSet(
        code=code,
        year=year,
        name=read_text(data.get("name"), "name", errors),
        source=str(data.get("source") or "")[:500],
        max_total=max_total,
        divisor_min=divisor_min,
        aspects=tuple(aspects),
        count_name=count_name,
        count_aspect=count_aspect,
        count_levels=tuple(sorted(count_levels, key=lambda c: c.min_innovations)),
        mandatory=frozenset(mandatory),
        bands=tuple(bands),
        window_opens=opens,
        window_closes=closes,
    )


def _check_weights(
    aspects: list[Aspect],
    count_aspect: str,
    count_levels: list[CountLevel],
    max_total: float,
    errors: list[str],
) -> None:
    """Weights must add up to 100 % and match the maximum scores: an aspect of weight w
    can reach exactly w % of the maximum total."""
    total_weight = sum(a.weight for a in aspects)
    if abs(total_weight - 100) > TOLERANCE:
        errors.append(f"aspects: jumlah bobot {total_weight:g}% (harus 100%).")
    count_max = max((c.score for c in count_levels), default=0.0)
    reachable = 0.0
    for a in aspects:
        top = sum(i.max_score for i in a.indicators) + (count_max if a.code == count_aspect else 0)
        reachable += top
        expected = a.weight / 100 * max_total
        if abs(top - expected) > TOLERANCE:
            errors.append(
                f"aspek {a.code}: skor maksimum {top:g} tidak sama dengan bobot {a.weight:g}% "
                f"× skor total maksimum {max_total:g} = {expected:g}."
            )
    if abs(reachable - max_total) > TOLERANCE:
        errors.append(
            f"max_total: {max_total:g} tidak sama dengan jumlah skor maksimum {reachable:g}."
        )


def ruleset_decode(raw: bytes, filename: str) -> dict[str, Any]:
    """Decode a .json, .yaml or .yml file; errors carry the line number."""
    if len(raw) > MAX_FILE_BYTES:
        raise RuleSetInvalid([f"Berkas terlalu besar (maks. {MAX_FILE_BYTES // 1024} KB)."])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSetInvalid(["Berkas harus ber-encoding UTF-8."]) from exc
    if "\x00" in text:
        raise RuleSetInvalid(["Berkas memuat karakter NUL."])
    lower = filename.lower()
    try:
        if lower.endswith(".json"):
            data = json.loads(text)
        elif lower.endswith((".yaml", ".yml")):
            data = yaml.safe_load(text)
        else:
            raise RuleSetInvalid(["Berkas aturan harus berakhiran .json, .yaml atau .yml."])
    except json.JSONDecodeError as exc:
        raise RuleSetInvalid([f"baris {exc.lineno}: JSON tidak sah ({exc.msg})."]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"baris {mark.line + 1}: " if mark is not None else ""
        raise RuleSetInvalid([f"{line}YAML tidak sah."]) from exc
    if not isinstance(data, dict):
        raise RuleSetInvalid(["Berkas aturan harus berupa objek di tingkat teratas."])
    return _jsonable(data)


def _jsonable(data: Any) -> Any:
    """YAML dates become ISO strings so the stored copy is plain JSON."""
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if isinstance(data, date):
        return data.isoformat()
    return data


def ruleset_parse(raw: bytes, filename: str) -> tuple[RuleSet, dict[str, Any]]:
    """Decode and validate a rule-set file; returns the rule set and its stored form."""
    data = ruleset_decode(raw, filename)
    return ruleset_from_dict(data), data
