"""Payment URLs (mounted at the root). The simulator is mounted only when enabled."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path

from kotacerdas.payments import views, webhooks

app_name = "payments"

urlpatterns: list[URLPattern | URLResolver] = [
    path("payments/", views.dashboard, name="dashboard"),
    path("payments/charges/<int:charge_id>/", views.charge_detail, name="charge-detail"),
    path("payments/flags/<int:flag_id>/resolve", views.flag_resolve_view, name="flag-resolve"),
    path("payments/webhooks/midtrans", webhooks.midtrans, name="webhook-midtrans"),
    path("payments/webhooks/xendit", webhooks.xendit, name="webhook-xendit"),
    path(
        "payments/webhooks/snap/v1.0/qr/qr-mpm-notify",
        webhooks.snap_notify,
        name="webhook-snap-notify",
    ),
]

if settings.KOTACERDAS_SIMULATOR_ENABLED:
    urlpatterns.append(path("", include("kotacerdas.payments.simulator.urls")))
