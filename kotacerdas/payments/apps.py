from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "kotacerdas.payments"
    label = "payments"
    verbose_name = _("Pembayaran")

    def ready(self) -> None:
        from kotacerdas.core import hub
        from kotacerdas.core.models import Role
        from kotacerdas.payments.views import PAYMENT_OPDS

        hub.register_tile(
            hub.HubTile(
                key="payments.backoffice",
                audience="staf",
                title=_("Pembayaran QRIS"),
                description=_(
                    "Transaksi, buku besar, notifikasi gateway dan tanda untuk ditinjau."
                ),
                url="/payments/",
                order=40,
                roles=frozenset({Role.OFFICER, Role.ADMIN, Role.AUDITOR}),
                opds=PAYMENT_OPDS,
            )
        )
