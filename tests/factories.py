"""Factories for test data. Users get roles through the real service, so tests see the
same groups, staff flags and audit rows as production."""

from __future__ import annotations

import factory

from kotacerdas.core.models import OPD, Regency, Role, User
from kotacerdas.core.seed import seed_regency
from kotacerdas.core.services.users import role_grant

PASSWORD = "sandi-uji-Kotim-2026"


def kotim() -> Regency:
    return seed_regency()[0]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Uji"
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    regency = factory.LazyFunction(kotim)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: object) -> None:
        self.save()
        for role in extracted or []:
            opd = None
            if role == Role.OFFICER:
                opd = self.opd or OPD.objects.get(regency=self.regency, code="dishub")
            role_grant(user=self, role=role, regency=self.regency, actor=None, opd=opd)


def user_with(role: Role | None, **kwargs: object) -> User:
    return UserFactory(roles=[role] if role else [], **kwargs)  # type: ignore[no-any-return]
