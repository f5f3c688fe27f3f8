"""Back office view of the ASN registry. Records change only through the import and the
registry pages (audited there), so the admin reads; NIPs are shown masked."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.training.models import Asn, AsnImport


@admin.register(Asn)
class AsnAdmin(ReadOnlyAdmin):
    list_display = ["name", "masked", "kind", "opd", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    exclude = ["nip"]
    readonly_fields = ["masked"]

    @admin.display(description=_("NIP"))
    def masked(self, obj: Asn) -> str:
        return obj.masked_nip


@admin.register(AsnImport)
class AsnImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "created_at", "status", "total_rows", "new_count"]
    exclude = ["rows", "errors"]
