"""Server-side access rules for pages. Every view declares who may read and who may
write through ``access``; the role matrix test reads the same declarations and walks
every URL as every role."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from kotacerdas.core.models import Role
from kotacerdas.core.selectors import user_roles

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.OFFICER, Role.ADMIN, Role.AUDITOR})


@dataclass(frozen=True)
class Rule:
    """``read``/``write`` are role sets; ``None`` means anyone (logged in or not)."""

    read: frozenset[str] | None
    write: frozenset[str] | None

    def allows(self, roles: Iterable[str], method: str, authenticated: bool) -> bool:
        wanted = self.read if method in SAFE_METHODS else self.write
        if wanted is None:
            return True
        if not authenticated:
            return False
        return bool(set(roles) & wanted)

    @property
    def public(self) -> bool:
        return self.read is None


PUBLIC = Rule(read=None, write=None)


def roles_rule(read: Iterable[str], write: Iterable[str] | None = None) -> Rule:
    """Auditors read wherever staff read and never write, so they are added to reads."""
    read_set = frozenset(read)
    write_set = frozenset(write) if write is not None else read_set - {Role.AUDITOR}
    if read_set & {Role.OFFICER, Role.ADMIN}:
        read_set = read_set | {Role.AUDITOR}
    return Rule(read=read_set, write=write_set - {Role.AUDITOR})


V = TypeVar("V", bound=Callable[..., HttpResponse])


def access(rule: Rule) -> Callable[[V], V]:
    def decorate(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            authed = bool(user.is_authenticated)
            roles = user_roles(user) if authed else frozenset()
            if not rule.allows(roles, request.method or "GET", authed):
                if not authed:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate
