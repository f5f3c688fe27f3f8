"""Every translatable string has an English translation, and the compiled catalogues
match their sources (a stale .mo would show Indonesian to English readers)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "kotacerdas"
CATALOGUES = sorted(ROOT.glob("**/locale/en/LC_MESSAGES/django.po"))


def _entries(po: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (first msgstr, is a plural entry)."""
    text = po.read_text(encoding="utf-8")
    entries: dict[str, tuple[str, bool]] = {}
    for block in text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""' not in block:
            raise AssertionError(f"fuzzy entry in {po}: {block[:200]}")
        match = re.search(r'^msgid ((?:".*"\n)+)', block + "\n", re.M)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        if not msgid:
            continue
        strs = re.findall(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block + "\n", re.M)
        first = "".join(re.findall(r'"(.*)"', strs[0])) if strs else ""
        entries[msgid] = (first, "msgid_plural" in block)
    return entries


def test_there_is_at_least_one_catalogue() -> None:
    assert CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_compiled(po: Path) -> None:
    entries = _entries(po)
    untranslated = [k for k, (v, _plural) in entries.items() if not v]
    assert untranslated == []
    with po.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for msgid, (msgstr, plural) in entries.items():
        expected = msgstr.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        key = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        found = compiled.ngettext(key, key, 1) if plural else compiled.gettext(key)
        assert found == expected, f"stale .mo for {key!r}"
