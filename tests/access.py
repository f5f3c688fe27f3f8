"""Vocabulary for access-matrix specs. Each domain app's tests may hold an
``access_matrix.py`` with ``PAGES`` and ``API`` dicts in the shape used by
``tests/core/test_role_matrix.py``; that test merges them and walks every entry as every
role, and fails when a URL or API operation exists that no spec mentions.

PAGES: url name -> (method, path, allowed roles[, form data])
    ``path`` may be a callable returning the path; it runs inside the test's database,
    so it can create the object the URL needs (with the factories).
API: (method, openapi path) -> allowed roles, or -> (allowed roles, concrete path[, json
    body]) when the path has parameters (a callable is accepted there too).
"""

from __future__ import annotations

from kotacerdas.core.models import Role

ANONYMOUS = None
ROLES: list[Role | None] = [None, *Role]
EVERYONE: set[Role | None] = set(ROLES)
SIGNED_IN: set[Role | None] = set(Role)
STAFF: set[Role | None] = {Role.OFFICER, Role.ADMIN, Role.AUDITOR}
