"""Which adapter serves a regency, built from its GatewayConfig (or the defaults in
settings when the regency has none: Midtrans, pointed at the built-in simulator
whenever the simulator is enabled)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings

from kotacerdas.core.models import Regency
from kotacerdas.payments.models import GatewayConfig, Provider
from kotacerdas.payments.providers import midtrans, snap, xendit
from kotacerdas.payments.providers.base import (
    PaymentProvider,
    ProviderEvent,
    ProviderNotConfigured,
    secret_from_env,
)

WEBHOOK_PATHS = {
    Provider.MIDTRANS: "/payments/webhooks/midtrans",
    Provider.XENDIT: "/payments/webhooks/xendit",
    Provider.SNAP: "/payments/webhooks/snap/v1.0/qr/qr-mpm-notify",
}


def gateway_config(regency: Regency) -> GatewayConfig:
    found = GatewayConfig.objects.filter(regency=regency).first()
    if found is not None:
        return found
    return GatewayConfig(regency=regency, provider=settings.KOTACERDAS_PAYMENT_PROVIDER)


def simulator_base_url() -> str:
    return f"{settings.KOTACERDAS_PUBLIC_URL.rstrip('/')}/simulator/midtrans"


def midtrans_base_url(config: GatewayConfig) -> str:
    if config.base_url:
        return config.base_url
    if settings.KOTACERDAS_MIDTRANS_BASE_URL:
        return str(settings.KOTACERDAS_MIDTRANS_BASE_URL)
    if settings.KOTACERDAS_SIMULATOR_ENABLED:
        return simulator_base_url()
    return midtrans.SANDBOX_URL


def webhook_url(provider: str, regency: Regency | None = None) -> str:
    """Our notification URL. With a regency, ``?r=<code>`` tells the inbox whose keys
    verify the call and where to look the charge up (no cross-regency lookup)."""
    url = settings.KOTACERDAS_PUBLIC_URL.rstrip("/") + WEBHOOK_PATHS[Provider(provider)]
    return f"{url}?r={regency.code}" if regency is not None else url


def provider_for(regency: Regency, name: str | None = None) -> PaymentProvider:
    """The adapter for ``name`` (default: the regency's active provider)."""
    config = gateway_config(regency)
    name = name or config.provider
    if name == Provider.MIDTRANS:
        return midtrans.MidtransProvider(
            base_url=midtrans_base_url(config),
            server_key=secret_from_env(config.server_key_env or "KOTACERDAS_MIDTRANS_SERVER_KEY"),
        )
    if name == Provider.XENDIT:
        return xendit.XenditProvider(
            base_url=config.base_url,
            secret_key=secret_from_env(config.server_key_env),
            callback_token=secret_from_env(config.callback_token_env),
        )
    if name == Provider.SNAP:
        return snap.SnapProvider(
            base_url=config.base_url,
            client_id=config.snap_client_id,
            client_secret=secret_from_env(config.server_key_env),
            private_key_pem=secret_from_env(config.snap_private_key_env),
            provider_public_key_pem=secret_from_env(config.snap_public_key_env),
            merchant_id=config.snap_merchant_id,
            channel_id=config.snap_channel_id,
            notify_signature=config.snap_notify_signature,
        )
    raise ProviderNotConfigured(f"unknown provider {name!r}")


def _midtrans_order(data: Mapping[str, Any]) -> str:
    return str(data.get("order_id", ""))


def _xendit_order(data: Mapping[str, Any]) -> str:
    inner = data.get("data")
    if isinstance(inner, dict):
        return str(inner.get("reference_id", ""))
    qr = data.get("qr_code")
    return str(qr.get("external_id", "")) if isinstance(qr, dict) else ""


def _snap_order(data: Mapping[str, Any]) -> str:
    return str(data.get("originalPartnerReferenceNo", ""))


# Unverified peek at the order id (to choose whose key verifies the call) and the parser
# used to re-read a verified, stored body when the inbox retries it.
ORDER_ID_OF: dict[str, Callable[[Mapping[str, Any]], str]] = {
    Provider.MIDTRANS: _midtrans_order,
    Provider.XENDIT: _xendit_order,
    Provider.SNAP: _snap_order,
}
PARSE_VERIFIED: dict[str, Callable[[Mapping[str, Any]], ProviderEvent]] = {
    Provider.MIDTRANS: midtrans.event_from_body,
    Provider.XENDIT: xendit.event_from_callback,
    Provider.SNAP: snap.event_from_body,
}
