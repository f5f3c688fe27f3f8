from __future__ import annotations

import pytest

from kotacerdas.programme import taxonomy
from kotacerdas.programme.models import Dimension, Element
from kotacerdas.programme.services.taxonomy import dimension_for_text, taxonomy_seed


def test_six_dimensions_eighteen_elements_with_canonical_codes() -> None:
    codes = taxonomy.element_codes()
    assert len(taxonomy.DIMENSIONS) == 6
    assert len(codes) == 18 == len(set(codes))
    assert [d.code for d in taxonomy.DIMENSIONS] == ["SG", "SB", "SE", "SL", "SS", "SV"]
    assert {"SG-PS", "SE-TR", "SS-SE", "SL-MO", "SV-EN"} <= set(codes)
    assert all(
        code.split("-")[0] == dim.code
        for dim in taxonomy.DIMENSIONS
        for code in (e.code for e in dim.elements)
    )
    assert taxonomy.dimension_of("SE-TR") == "SE"
    with pytest.raises(ValueError):
        taxonomy.dimension_of("SX-XX")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Smart People", "SS"),
        ("smart  people", "SS"),
        ("Smart Infrastructure", "SB"),
        ("SMART ECONOMY", "SE"),
        ("Ekonomi Cerdas", "SE"),
        ("sg", "SG"),
        ("Smart Environment", "SV"),
        ("Smart Living", "SL"),
        ("Smart Branding", "SB"),
        ("Smart Governance", "SG"),
        ("Smart Society", "SS"),
    ],
)
def test_synonyms_map_to_the_canonical_six(text: str, code: str) -> None:
    assert taxonomy.canonical_dimension(text) == code


def test_unknown_text_does_not_map() -> None:
    assert taxonomy.canonical_dimension("Smart Banana") is None
    assert taxonomy.canonical_dimension("") is None


@pytest.mark.django_db
def test_seed_is_versioned_and_idempotent() -> None:
    first = taxonomy_seed()
    assert first > 0
    assert taxonomy_seed() == 0
    assert Dimension.objects.count() == 6
    assert Element.objects.count() == 18
    assert set(Element.objects.values_list("version", flat=True)) == {taxonomy.VERSION}
    assert Element.objects.get(code="SE-TR").dimension_id == "SE"
    assert Element.objects.get(code="SG-PS").name_en == "Public Service"
    found = dimension_for_text("Smart People")
    assert found is not None and found.code == "SS"
