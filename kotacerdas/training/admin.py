"""Back office for competency development. ASN records, enrolments, JP and credentials
change only through services (audited there), so the admin reads them (NIPs masked).
Courses and classes with their sessions and quotas are kept here by administrators,
with every save audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import AuditedAdmin, ReadOnlyAdmin
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.core.tenancy import acting_user
from kotacerdas.training.models import (
    Asn,
    AsnImport,
    Course,
    Credential,
    Enrolment,
    ExternalCertificate,
    JpEntry,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)

# Officers of other offices see none of this in the back office:
# BKPSDM runs the ASN register and Diskominfo the digital-skills programme.
OWNERS = frozenset({"bkpsdm", "diskominfo"})


@admin.register(Asn)
class AsnAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
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
    owner_opds = OWNERS
    list_display = ["filename", "created_at", "status", "total_rows", "new_count"]
    exclude = ["rows", "errors"]


class _AuditedInlinesAdmin(AuditedAdmin):
    """Sessions and quotas are edited inline with their class; each inline save and
    delete is audited like the class itself."""

    owner_opds = OWNERS

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                audit_record(
                    regency=obj.regency,
                    actor=acting_user(request),
                    action=f"{obj._meta.label_lower}.delete",
                    obj=obj,
                    before=snapshot(obj),
                )
                obj.delete()
            for obj in instances:
                parent = form.instance
                obj.regency_id = parent.regency_id
                obj.save()
                audit_record(
                    regency=parent.regency,
                    actor=acting_user(request),
                    action=f"{obj._meta.label_lower}.save",
                    obj=obj,
                    after=snapshot(obj),
                )
            formset.save_m2m()


class SessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 1
    exclude = ["regency"]


class QuotaInline(admin.TabularInline):
    model = NominationQuota
    extra = 1
    exclude = ["regency"]


@admin.register(Course)
class CourseAdmin(AuditedAdmin):
    owner_opds = OWNERS
    list_display = ["title", "provider", "competency_type", "mode", "jp", "is_active"]
    list_filter = ["competency_type", "mode", "is_active"]
    search_fields = ["title", "code"]


@admin.register(TrainingClass)
class TrainingClassAdmin(_AuditedInlinesAdmin):
    owner_opds = OWNERS
    list_display = ["course", "name", "year", "capacity", "lecturer", "status"]
    list_filter = ["year", "status"]
    readonly_fields = ["status"]
    inlines = [SessionInline, QuotaInline]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["asn", "training_class", "status", "pre_score", "post_score"]
    list_filter = ["status"]


@admin.register(Credential)
class CredentialAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["public_id", "title", "asn", "issued_at", "status"]
    list_filter = ["status"]
    exclude = ["payload", "jwt"]


@admin.register(JpEntry)
class JpEntryAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["asn", "title", "jp", "earned_on", "source"]


@admin.register(ExternalCertificate)
class ExternalCertificateAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["asn", "title", "jp", "completed_on", "status"]
    exclude = ["file_name"]
