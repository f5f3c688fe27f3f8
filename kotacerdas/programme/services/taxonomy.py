"""Seeds the taxonomy tables from ``kotacerdas.programme.taxonomy`` (idempotent)."""

from __future__ import annotations

from django.db import transaction

from kotacerdas.programme import taxonomy
from kotacerdas.programme.models import Dimension, DimensionSynonym, Element


def taxonomy_seed() -> int:
    """Creates or refreshes the six dimensions, 18 elements and the synonyms; returns
    how many rows were created. National reference data: no regency, no audit row."""
    created = 0
    with transaction.atomic():
        for d_order, dim in enumerate(taxonomy.DIMENSIONS, start=1):
            row, made = Dimension.objects.update_or_create(
                code=dim.code,
                defaults={
                    "version": taxonomy.VERSION,
                    "name_id": dim.name_id,
                    "name_en": dim.name_en,
                    "goal_id": dim.goal_id,
                    "goal_en": dim.goal_en,
                    "order": d_order,
                },
            )
            created += made
            for e_order, element in enumerate(dim.elements, start=1):
                _, made = Element.objects.update_or_create(
                    code=element.code,
                    defaults={
                        "version": taxonomy.VERSION,
                        "dimension": row,
                        "name_id": element.name_id,
                        "name_en": element.name_en,
                        "topics": element.topics,
                        "order": d_order * 10 + e_order,
                    },
                )
                created += made
        for text, code in taxonomy.SYNONYMS.items():
            _, made = DimensionSynonym.objects.get_or_create(
                text=text, defaults={"dimension_id": code}
            )
            created += made
    return created


def dimension_for_text(text: str) -> Dimension | None:
    """Maps imported text (a name, a synonym, a code) to a canonical dimension, using
    the synonyms kept in the database as well as the built-in ones."""
    extra = dict(DimensionSynonym.objects.values_list("text", "dimension_id"))
    code = taxonomy.canonical_dimension(text, extra)
    return Dimension.objects.filter(code=code).first() if code else None
