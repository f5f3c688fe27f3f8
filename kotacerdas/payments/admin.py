"""Back office: gateway configuration (audited edits), read-only charges, ledger and
inbox, and flags resolved with a note through the audited service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.admin import AuditedAdmin, ReadOnlyAdmin, RegencyScopedAdmin, ScopedInline
from kotacerdas.core.tenancy import acting_user
from kotacerdas.payments.models import (
    Charge,
    ChargeFlag,
    GatewayConfig,
    OwnerNotice,
    PaymentEvent,
    WebhookDelivery,
)
from kotacerdas.payments.services.flags import FlagAlreadyResolved, flag_resolve
from kotacerdas.payments.views import PAYMENT_OPDS

# Payments are read by the agencies that collect (Dishub) and account for (Bapenda)
# levies, by administrators and by auditors, exactly as on ``/payments/``.
_OWNERS = PAYMENT_OPDS


@admin.register(GatewayConfig)
class GatewayConfigAdmin(AuditedAdmin):
    owner_opds = _OWNERS
    list_display = ["regency", "provider", "base_url", "server_key_env", "updated_at"]


class EventInline(ScopedInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "raw_status", "amount", "currency", "counted", "source"]
    readonly_fields = [
        "created_at",
        "kind",
        "raw_status",
        "amount",
        "currency",
        "counted",
        "source",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Charge)
class ChargeAdmin(ReadOnlyAdmin):
    owner_opds = _OWNERS
    list_display = [
        "order_id",
        "owner_type",
        "owner_id",
        "amount",
        "status",
        "paid_amount",
        "provider",
        "gateway_state",
        "expires_at",
        "created_at",
    ]
    list_filter = ["status", "gateway_state", "provider"]
    search_fields = ["order_id", "owner_id", "provider_reference"]
    date_hierarchy = "created_at"
    inlines = [EventInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    owner_opds = _OWNERS
    list_display = [
        "created_at",
        "charge",
        "provider",
        "kind",
        "raw_status",
        "amount",
        "counted",
        "source",
        "provider_event_key",
    ]
    list_filter = ["kind", "counted", "source", "provider"]
    search_fields = ["provider_event_key", "charge__order_id"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """Raw gateway bodies (signatures included): payments readers of the regency only.
    Calls that could not be attributed to a regency (forged, unknown order) are shown
    to the deployment's operators alone, since they may name any regency's orders."""

    owner_opds = _OWNERS
    list_display = [
        "received_at",
        "provider",
        "order_id",
        "verified",
        "status",
        "outcome",
        "source_ip",
    ]
    list_filter = ["provider", "verified", "status"]
    search_fields = ["order_id", "event_key", "body_sha256"]
    date_hierarchy = "received_at"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FlagResolveForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Catatan penyelesaian"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = ChargeFlag
        fields: list[str] = []


@admin.register(ChargeFlag)
class ChargeFlagAdmin(RegencyScopedAdmin):
    owner_opds = _OWNERS
    form = FlagResolveForm
    list_display = ["created_at", "kind", "charge", "detail", "resolved_at", "resolved_by"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["charge__order_id", "detail"]
    readonly_fields = [
        "kind",
        "charge",
        "delivery",
        "event",
        "detail",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution_note",
    ]
    fields = [
        "kind",
        "charge",
        "delivery",
        "event",
        "detail",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution_note",
        "note",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        note = form.cleaned_data.get("note", "")
        if not note.strip():
            messages.warning(request, _("Tidak ada perubahan: tulis catatan untuk menyelesaikan."))
            return
        try:
            flag_resolve(flag=obj, actor=acting_user(request), note=note)
        except FlagAlreadyResolved:
            messages.info(request, _("Tanda ini sudah diselesaikan."))


@admin.register(OwnerNotice)
class OwnerNoticeAdmin(ReadOnlyAdmin):
    """The outbox of owner notices: read-only, for finding why an owner lagged."""

    owner_opds = _OWNERS

    list_display = ["created_at", "kind", "charge", "state", "attempts", "next_attempt_at"]
    list_filter = ["state", "kind"]
    search_fields = ["charge__order_id", "last_error"]
