"""Back office for the parking registry, tariffs, attendants and concessions. Parking
events and deposits are written only by services, so they are read-only here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import AuditedAdmin, ReadOnlyAdmin, ScopedInline
from kotacerdas.core.tenancy import acting_user
from kotacerdas.parking.models import (
    Assignment,
    Attendant,
    CashDeposit,
    ConcessionContract,
    ConcessionInstalment,
    DepositCorrection,
    LeakageAlert,
    ParkingEvent,
    Pengelola,
    RevenueShareRule,
    RevenueTarget,
    Spot,
    SpotCapacity,
    SpotSurvey,
    Tariff,
    Zone,
)
from kotacerdas.parking.selectors import PARKING_OPDS
from kotacerdas.parking.services.attendants import attendant_deactivate, mask_nik

# Parking is read by the agencies that own the levy (Dishub, Bapenda), administrators
# and auditors, as on the ``/parking/`` pages; other offices' officers see none of it.
_OWNERS = PARKING_OPDS


@admin.register(Pengelola)
class PengelolaAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = ["name", "contact", "is_active"]


@admin.register(Zone)
class ZoneAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = ["code", "name", "kecamatan", "operating_model", "pengelola", "legal_basis"]
    list_filter = ["operating_model"]


@admin.register(Spot)
class SpotAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = ["code", "name", "street", "zone", "kelurahan", "lat", "lon", "is_active"]
    list_filter = ["zone", "is_active"]
    search_fields = ["code", "name", "street"]


@admin.register(Tariff)
class TariffAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = [
        "vehicle_class",
        "amount",
        "effective_from",
        "effective_to",
        "is_event",
        "event_name",
        "spot",
        "legal_reference",
    ]
    list_filter = ["vehicle_class", "is_event"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A tariff that charges already used is history: close it with a new row instead.
        if obj is not None and ParkingEvent.objects.filter(tariff=obj).exists():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and ParkingEvent.objects.filter(tariff=obj).exists():
            return False
        return super().has_delete_permission(request, obj)


class AttendantForm(forms.ModelForm):
    """The NIK is typed once and only its masked form is stored."""

    nik = forms.CharField(
        label=_("NIK (16 digit)"),
        required=False,
        max_length=16,
        help_text=_("Hanya versi tersamar yang disimpan."),
    )

    class Meta:
        model = Attendant
        fields = ["regency", "user", "code", "name", "photo", "coordinator", "is_active"]

    def clean_nik(self) -> str:
        nik = self.cleaned_data.get("nik", "").strip()
        if not nik:
            return ""
        try:
            return mask_nik(nik)
        except ValueError as exc:
            raise forms.ValidationError(_("NIK harus tepat 16 digit angka.")) from exc

    def save(self, commit: bool = True) -> Attendant:
        attendant: Attendant = super().save(commit=False)
        if self.cleaned_data.get("nik"):
            attendant.nik_masked = self.cleaned_data["nik"]
        if commit:
            attendant.save()
        return attendant


class AssignmentInline(ScopedInline):
    model = Assignment
    extra = 0
    fields = ["regency", "spot", "start_date", "end_date"]


@admin.register(Attendant)
class AttendantAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    form = AttendantForm
    list_display = ["code", "name", "nik_masked", "coordinator", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    readonly_fields = ["nik_masked", "deactivated_at", "deactivation_reason"]
    inlines = [AssignmentInline]
    actions = ["deactivate"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Read-only visitors see the masked NIK only: the write-only NIK field would
        read "None" for them."""
        fields = list(super().get_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            fields = [f for f in fields if f != "nik"]
        return fields

    @admin.action(description=_("Nonaktifkan juru parkir terpilih"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: Any) -> None:
        for attendant in queryset:
            attendant_deactivate(
                attendant=attendant,
                reason="dinonaktifkan dari back office",
                actor=acting_user(request),
            )
        self.message_user(request, _("Juru parkir dinonaktifkan."), messages.SUCCESS)


@admin.register(RevenueShareRule)
class RevenueShareRuleAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = [
        "operating_model",
        "channel",
        "regency_pct",
        "attendant_pct",
        "pengelola_pct",
        "effective_from",
    ]


class InstalmentInline(ScopedInline):
    model = ConcessionInstalment
    extra = 0
    fields = ["regency", "due_date", "amount", "paid_amount", "paid_at", "reference"]
    readonly_fields = ["paid_amount", "paid_at", "reference"]


@admin.register(ConcessionContract)
class ConcessionContractAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = ["number", "zone", "pengelola", "start_date", "end_date", "bid_amount"]
    inlines = [InstalmentInline]


@admin.register(ParkingEvent)
class ParkingEventAdmin(ReadOnlyAdmin):
    owner_opds = _OWNERS
    list_display = [
        "order_id",
        "created_at",
        "spot",
        "attendant",
        "vehicle_class",
        "channel",
        "status",
        "amount",
        "paid_amount",
    ]
    list_filter = ["channel", "status", "vehicle_class", "business_date"]
    search_fields = ["order_id", "plate", "attendant__code"]
    date_hierarchy = "created_at"
    exclude = ["receipt_token"]


@admin.register(CashDeposit)
class CashDepositAdmin(ReadOnlyAdmin):
    owner_opds = _OWNERS
    list_display = [
        "business_date",
        "attendant",
        "expected_amount",
        "deposited_amount",
        "recorded_by",
    ]
    list_filter = ["business_date"]


@admin.register(DepositCorrection)
class DepositCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["deposit", "amount", "status", "requested_by", "decided_by", "created_at"]
    list_filter = ["status"]


@admin.register(SpotCapacity)
class SpotCapacityAdmin(AuditedAdmin):
    list_display = ["spot", "vehicle_class", "capacity", "turnover_x100", "source", "updated_at"]
    list_filter = ["vehicle_class", "source"]


@admin.register(SpotSurvey)
class SpotSurveyAdmin(ReadOnlyAdmin):
    list_display = ["spot", "started_at", "minutes", "surveyor"]


@admin.register(RevenueTarget)
class RevenueTargetAdmin(AuditedAdmin):
    list_display = ["year", "month", "amount", "legal_reference"]


@admin.register(LeakageAlert)
class LeakageAlertAdmin(ReadOnlyAdmin):
    list_display = ["day", "kind", "spot", "attendant", "observed", "expected", "status"]
    list_filter = ["kind", "status"]
