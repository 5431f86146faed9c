"""The webhook helpers: the subscription GET and the X-Hub-Signature-256
check ("HMAC-SHA256 of the raw body with the app secret, compared in
constant time")."""

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.adapters.webhooks import (
    SubscriptionAccepted,
    SubscriptionRefused,
    signature_header,
    signature_is_valid,
    verify_subscription,
)
from carekit.errors import InvalidValue

SECRET = "8a2bd1d5c6f0e6f0a0b1"
BODY = b'{"object":"page","entry":[{"id":"1","time":1458692752478,"messaging":[]}]}'


def test_the_right_hmac_is_accepted() -> None:
    expected = "sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert expected == signature_header(BODY, app_secret=SECRET)
    assert signature_is_valid(BODY, expected, app_secret=SECRET)
    assert signature_is_valid(
        BODY, expected.upper().replace("SHA256=", "sha256="), app_secret=SECRET.encode()
    )


@given(
    position=st.integers(min_value=0, max_value=len(BODY) - 1),
    flip=st.integers(min_value=1, max_value=255),
)
def test_a_one_byte_change_is_refused(position: int, flip: int) -> None:
    header = signature_header(BODY, app_secret=SECRET)
    changed = bytearray(BODY)
    changed[position] ^= flip
    assert not signature_is_valid(bytes(changed), header, app_secret=SECRET)


@pytest.mark.parametrize(
    "header", [None, "", "sha256=", "sha1=abc", "sha256=zz", "sha256=é", 42]
)
def test_missing_or_malformed_signatures_are_refused(header: object) -> None:
    assert not signature_is_valid(BODY, header, app_secret=SECRET)  # type: ignore[arg-type]


def test_a_wrong_secret_is_refused() -> None:
    header = signature_header(BODY, app_secret="other")
    assert not signature_is_valid(BODY, header, app_secret=SECRET)


def test_bad_arguments_raise_carekit_errors_without_the_secret() -> None:
    with pytest.raises(InvalidValue, match=r"^body: "):
        signature_is_valid("text", "sha256=00", app_secret=SECRET)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^app_secret: ") as caught:
        signature_header(BODY, app_secret="")
    assert SECRET not in str(caught.value)


def test_verification_returns_the_challenge() -> None:
    """ "given hub.mode, hub.verify_token and hub.challenge and the expected
    token, return the challenge or a refusal" """
    assert SubscriptionAccepted("1158201444") == verify_subscription(
        "subscribe", "my-token", "1158201444", expected_token="my-token"
    )


@pytest.mark.parametrize(
    ("mode", "token", "challenge", "reason"),
    [
        ("subscribe", "wrong", "1", "hub.verify_token does not match"),
        ("subscribe", None, "1", "hub.verify_token does not match"),
        ("unsubscribe", "my-token", "1", "hub.mode must be 'subscribe'"),
        (None, "my-token", "1", "hub.mode must be 'subscribe'"),
        ("subscribe", "my-token", None, "hub.challenge is missing"),
    ],
)
def test_verification_refuses(
    mode: str | None, token: str | None, challenge: str | None, reason: str
) -> None:
    assert SubscriptionRefused(reason) == verify_subscription(
        mode, token, challenge, expected_token="my-token"
    )


def test_verification_refuses_non_string_queries() -> None:
    with pytest.raises(InvalidValue, match=r"^hub\.verify_token: "):
        verify_subscription("subscribe", ["a"], "1", expected_token="a")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^expected_token: "):
        verify_subscription("subscribe", "a", "1", expected_token="")
