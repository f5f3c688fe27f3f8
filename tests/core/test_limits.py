"""Client address behind proxies, login lockout keys, webhook budgets and stale tokens
(findings of the security probe, one regression test each)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from kotacerdas.core.middleware import client_ip
from kotacerdas.core.models import ApiToken, AuditLog, Role
from kotacerdas.core.services.users import user_set_password
from kotacerdas.payments.models import WebhookDelivery
from tests.factories import PASSWORD
from tests.payments.factories import make_charge, midtrans_body, post_midtrans

pytestmark = pytest.mark.django_db


# -- client address -----------------------------------------------------------------


def _request(forwarded: str | None, remote: str = "10.0.0.5"):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "6.6.6.6, 36.1.2.3", "10.0.0.5"),  # no proxy: the header is anyone's
        (1, "36.1.2.3", "36.1.2.3"),
        (1, "6.6.6.6, 36.1.2.3", "36.1.2.3"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 36.1.2.3, 10.1.1.1", "36.1.2.3"),  # CDN then nginx
        (2, "36.1.2.3", "10.0.0.5"),  # shorter than the chain: bypassed a proxy
        (1, "not-an-ip", "10.0.0.5"),
        (1, None, "10.0.0.5"),
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(
    settings, count: int, forwarded: str | None, expected: str
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded)) == expected


def test_spoofed_leftmost_entry_does_not_reach_the_audit_log(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_TRUSTED_PROXY_COUNT = 1
    user = make_user(Role.WARGA)
    Client().post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 36.1.2.3",
    )
    entry = AuditLog.objects.get(action="core.auth.login", actor=user)
    assert entry.source_ip == "36.1.2.3"


# -- login lockout ------------------------------------------------------------------


def _api_login(username: str, password: str, ip: str):  # type: ignore[no-untyped-def]
    return Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def test_a_stranger_guessing_does_not_lock_out_the_owner(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 3
    user = make_user(Role.JUKIR)
    for _ in range(3):
        assert _api_login(user.username, "salah", "6.6.6.6").status_code == 401
    assert _api_login(user.username, PASSWORD, "6.6.6.6").status_code == 429
    assert _api_login(user.username, PASSWORD, "36.1.2.3").status_code == 201


def test_rotating_a_forged_header_does_not_reset_the_limit(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 3
    settings.KOTACERDAS_TRUSTED_PROXY_COUNT = 1
    user = make_user(Role.WARGA)
    for n in range(3):
        Client().post(
            "/accounts/login/",
            {"username": user.username, "password": "salah"},
            HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 36.1.2.3",
        )
    locked = Client().post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="9.9.9.9, 36.1.2.3",
    )
    assert locked.status_code == 429


def test_one_address_has_a_coarse_ceiling_over_all_usernames(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 5
    settings.KOTACERDAS_LOGIN_IP_CEILING = 8
    for n in range(8):
        assert _api_login(f"tebakan{n}", "salah", "36.1.2.3").status_code == 401
    user = make_user(Role.JUKIR)
    assert _api_login(user.username, PASSWORD, "36.1.2.3").status_code == 429
    assert _api_login(user.username, PASSWORD, "36.9.9.9").status_code == 201


def test_honest_logins_do_not_use_up_the_address_ceiling(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_IP_CEILING = 3
    users = [make_user(Role.JUKIR) for _ in range(5)]
    for user in users:  # five phones behind one carrier NAT, all signing in correctly
        assert _api_login(user.username, PASSWORD, "36.1.2.3").status_code == 201


def test_a_right_password_forgives_earlier_mistakes(make_user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_LOGIN_MAX_FAILURES = 3
    user = make_user(Role.JUKIR)
    for _ in range(2):
        _api_login(user.username, "salah", "36.1.2.3")
    assert _api_login(user.username, PASSWORD, "36.1.2.3").status_code == 201
    for _ in range(2):
        assert _api_login(user.username, "salah", "36.1.2.3").status_code == 401
    assert _api_login(user.username, PASSWORD, "36.1.2.3").status_code == 201


# -- webhooks -----------------------------------------------------------------------


def test_forged_flood_from_the_gateways_address_does_not_block_it(regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP = 5
    client = Client(REMOTE_ADDR="103.10.1.1")
    for _ in range(5):
        assert post_midtrans(client, {"order_id": "x"}).status_code == 401
    assert post_midtrans(client, {"order_id": "x"}).status_code == 429
    charge = make_charge()
    genuine = post_midtrans(client, midtrans_body(charge))
    assert genuine.status_code == 200
    assert WebhookDelivery.objects.filter(verified=True).count() == 1
    assert WebhookDelivery.objects.filter(verified=False).count() == 5


def test_forgeries_under_a_spoofed_forwarded_address_do_not_block_the_gateway(
    regency, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_TRUSTED_PROXY_COUNT = 1
    settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP = 5
    for _ in range(8):
        Client().post(
            "/payments/webhooks/midtrans",
            data='{"order_id": "x"}',
            content_type="application/json",
            HTTP_X_FORWARDED_FOR="103.10.1.1, 6.6.6.6",
        )
    charge = make_charge()
    genuine = Client().post(
        "/payments/webhooks/midtrans",
        data=__import__("json").dumps(midtrans_body(charge)),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="103.10.1.1",
    )
    assert genuine.status_code == 200


def test_a_global_ceiling_bounds_forgeries_spread_over_addresses(regency, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP = 100
    settings.KOTACERDAS_WEBHOOK_UNVERIFIED_CEILING = 6
    for n in range(10):
        post_midtrans(Client(REMOTE_ADDR=f"6.6.6.{n}"), {"order_id": "x"})
    assert WebhookDelivery.objects.count() == 6
    genuine = post_midtrans(Client(REMOTE_ADDR="103.10.1.1"), midtrans_body(make_charge()))
    assert genuine.status_code == 200


# -- stale credentials --------------------------------------------------------------


def _token_for(user) -> str:  # type: ignore[no-untyped-def]
    response = _api_login(user.username, PASSWORD, "36.1.2.3")
    assert response.status_code == 201
    return response.json()["token"]


def _me(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_password_reset_by_an_administrator_revokes_api_tokens(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.JUKIR)
    raw = _token_for(user)
    assert _me(raw) == 200
    user_set_password(user=user, password="sandi-baru-Kotim-2027", actor=None)
    assert _me(raw) == 401
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert AuditLog.objects.filter(action="core.token.revoke_all", object_id=str(user.pk)).exists()


def test_password_change_in_the_admin_revokes_tokens_and_sessions(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.JUKIR)
    raw = _token_for(user)
    browser = Client()
    browser.force_login(user)
    assert browser.get("/jukir/").status_code == 200
    admin = Client()
    admin.force_login(make_user(Role.ADMIN, is_superuser=True))
    response = admin.post(
        f"/admin/core/user/{user.pk}/password/",
        {"password1": "sandi-baru-Kotim-2027", "password2": "sandi-baru-Kotim-2027"},
    )
    assert response.status_code == 302, response.content[:500]
    assert _me(raw) == 401
    assert browser.get("/jukir/").status_code == 302  # back to the login page


def test_saving_a_user_without_a_new_password_keeps_tokens(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.JUKIR)
    raw = _token_for(user)
    user.first_name = "Budi"
    user.save()
    assert _me(raw) == 200
