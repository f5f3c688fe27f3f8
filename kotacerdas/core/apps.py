from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kotacerdas.core"
    label = "core"
    verbose_name = _("Inti platform")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kotacerdas.core import hub
        from kotacerdas.core.groups import ensure_role_groups

        hub.register_core_tiles()
        post_migrate.connect(ensure_role_groups, dispatch_uid="kotacerdas-role-groups")
        from kotacerdas.core.rls import apply_if_enabled

        post_migrate.connect(apply_if_enabled, dispatch_uid="kotacerdas-rls")

        from django.db.models.signals import post_save

        from kotacerdas.core.services.tokens import tokens_revoke_on_password_change

        post_save.connect(
            tokens_revoke_on_password_change,
            sender="core.User",
            dispatch_uid="kotacerdas-tokens-password",
        )
