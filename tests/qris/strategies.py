"""Hypothesis strategies producing realistic merchant data for build()."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kotacerdas.qris import MerchantAccount

# Printable ASCII without "|" (forbidden by QRIS in names, cities, ids).
ANS = st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters="|")
CRITERIA = st.sampled_from(["UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"])
DIGITS = "0123456789"


def ans(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(ANS, min_size=min_size, max_size=max_size)


GUID = st.sampled_from(
    ["COM.GO-JEK.WWW", "ID.CO.SHOPEE.WWW", "ID.DANA.WWW", "CO.XENDIT.WWW", "ID.CO.ASTRAPAY.WWW"]
) | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ.-", min_size=1, max_size=32)


@st.composite
def accounts(draw: st.DrawFn) -> list[MerchantAccount]:
    tags = draw(st.lists(st.integers(26, 45), max_size=3, unique=True))
    return [
        MerchantAccount(
            tag=str(tag),
            guid=draw(GUID),
            pan=draw(st.text(DIGITS, min_size=8, max_size=19)),
            merchant_id=draw(ans(1, 15)),
            criteria=draw(st.none() | CRITERIA),
        )
        for tag in tags
    ]


@st.composite
def build_kwargs(draw: st.DrawFn, *, dynamic: bool | None = None) -> dict[str, Any]:
    with_amount = draw(st.booleans()) if dynamic is None else dynamic
    return {
        "merchant_name": draw(ans(1, 25)),
        "merchant_city": draw(ans(1, 15)),
        "postal_code": draw(st.text(DIGITS, min_size=5, max_size=5) | ans(1, 10)),
        "mcc": draw(st.text(DIGITS, min_size=4, max_size=4)),
        "nmid": "ID" + draw(st.text(DIGITS, min_size=13, max_size=13)),
        "merchant_accounts": draw(accounts()),
        "amount": draw(st.integers(1, 10**12)) if with_amount else None,
        "reference": draw(st.none() | ans(1, 25)),
        "terminal_label": draw(st.none() | ans(1, 25)),
        "criteria": draw(CRITERIA),
    }
