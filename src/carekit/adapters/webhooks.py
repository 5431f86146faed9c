"""Webhook helpers for Meta's platforms, as pure computations.

Two checks every Messenger or Instagram webhook server makes, with no I/O:

- **Verification** (the subscription ``GET``): Meta calls the callback URL
  with ``hub.mode=subscribe``, ``hub.verify_token`` (the token you typed in
  the app dashboard) and ``hub.challenge``; the server must answer with the
  challenge when the token matches, and refuse otherwise.
  :func:`verify_subscription` gives the answer.
- **Signature** (every ``POST``): "Meta signs all Event Notification payloads
  with a SHA256 signature and includes the signature in the request's
  ``X-Hub-Signature-256`` header, preceded with ``sha256=``" (Meta, Webhooks
  documentation, 2024), computed as HMAC-SHA256 of the raw body with the
  app secret. :func:`signature_is_valid` checks it in constant time.

>>> body = b'{"object": "page", "entry": []}'
>>> header = signature_header(body, app_secret="s3cret")
>>> signature_is_valid(body, header, app_secret="s3cret")
True
>>> signature_is_valid(body + b" ", header, app_secret="s3cret")
False
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, TypeAlias

import attrs
from attrs import field, frozen

from carekit._validate import non_empty_str
from carekit.errors import InvalidValue

__all__ = [
    "SIGNATURE_HEADER",
    "SubscriptionAccepted",
    "SubscriptionRefused",
    "SubscriptionVerification",
    "signature_header",
    "signature_is_valid",
    "verify_subscription",
]

SIGNATURE_HEADER = "X-Hub-Signature-256"
"""The HTTP header Meta signs each webhook ``POST`` with."""
_PREFIX = "sha256="


def _str(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str:
        raise InvalidValue(attribute.name, value, "must be a string")


@frozen
class SubscriptionAccepted:
    """The verification succeeded: answer ``200`` with :attr:`challenge` as
    the body.

    Attributes:
        challenge: The ``hub.challenge`` value, to echo back unchanged.
    """

    challenge: str = field(validator=_str)


@frozen
class SubscriptionRefused:
    """The verification failed: answer ``403``.

    Attributes:
        reason: Why, in words (never the token itself).
    """

    reason: str = field(validator=non_empty_str)


SubscriptionVerification: TypeAlias = SubscriptionAccepted | SubscriptionRefused
"""What :func:`verify_subscription` returns."""


def _query_value(value: object, name: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise InvalidValue(name, value, "must be the query value as a string, or None")


def _secret_bytes(secret: object, name: str) -> bytes:
    if type(secret) is str and secret:
        return secret.encode()
    if type(secret) is bytes and secret:
        return secret
    raise InvalidValue(name, "<redacted>", "must be a non-empty str or bytes")


def verify_subscription(
    mode: str | None,
    verify_token: str | None,
    challenge: str | None,
    *,
    expected_token: str,
) -> SubscriptionVerification:
    """Answer Meta's subscription ``GET``.

    Args:
        mode: The ``hub.mode`` query value; must be ``"subscribe"``.
        verify_token: The ``hub.verify_token`` query value.
        challenge: The ``hub.challenge`` query value.
        expected_token: The verify token configured for the webhook.

    Returns:
        :class:`SubscriptionAccepted` with the challenge when the mode is
        ``subscribe`` and the token matches (compared in constant time),
        else :class:`SubscriptionRefused` saying why.

    Raises:
        InvalidValue: A query value is neither a string nor ``None``, or the
            expected token is empty.

    >>> verify_subscription("subscribe", "tok", "1158201444", expected_token="tok")
    SubscriptionAccepted(challenge='1158201444')
    >>> verify_subscription("subscribe", "nope", "1158201444", expected_token="tok")
    SubscriptionRefused(reason='hub.verify_token does not match')
    """
    mode = _query_value(mode, "hub.mode")
    token = _query_value(verify_token, "hub.verify_token")
    challenge = _query_value(challenge, "hub.challenge")
    expected = _secret_bytes(expected_token, "expected_token")
    if mode != "subscribe":
        return SubscriptionRefused("hub.mode must be 'subscribe'")
    if token is None or not hmac.compare_digest(token.encode(), expected):
        return SubscriptionRefused("hub.verify_token does not match")
    if challenge is None:
        return SubscriptionRefused("hub.challenge is missing")
    return SubscriptionAccepted(challenge)


def signature_header(body: bytes, *, app_secret: str | bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with *body*:
    ``sha256=`` and the hex HMAC-SHA256 of the raw body under the app
    secret. Useful to sign test payloads.

    Raises:
        InvalidValue: *body* is not bytes, or the secret is empty.
    """
    if not isinstance(body, bytes | bytearray | memoryview):
        raise InvalidValue("body", type(body).__name__, "must be the raw bytes")
    key = _secret_bytes(app_secret, "app_secret")
    return _PREFIX + hmac.new(key, bytes(body), hashlib.sha256).hexdigest()


def signature_is_valid(
    body: bytes, header: str | None, *, app_secret: str | bytes
) -> bool:
    """Whether *header* is the right ``X-Hub-Signature-256`` for *body*.

    Args:
        body: The request body exactly as received, before any JSON parsing.
        header: The header's value (``sha256=<hex>``), or ``None`` if absent.
        app_secret: The app secret.

    Returns:
        True only for the exact HMAC-SHA256, compared in constant time; a
        missing, malformed or wrong signature is False.

    Raises:
        InvalidValue: *body* is not bytes, or the secret is empty.
    """
    expected = signature_header(body, app_secret=app_secret)
    if type(header) is not str or not header.isascii():
        return False
    given = header.strip()
    if given[: len(_PREFIX)].lower() == _PREFIX:
        given = _PREFIX + given[len(_PREFIX) :].lower()
    return hmac.compare_digest(given.encode(), expected.encode())
