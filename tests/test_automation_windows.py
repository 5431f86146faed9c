"""Messaging windows (carekit.automation.windows)."""

import datetime as dt

import pytest

from carekit.automation import MESSENGER_2020, MessageTag, MessagingWindow
from carekit.conversations import Channel
from carekit.errors import InvalidValue

T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_a_standard_send_within_24_hours() -> None:
    """ "Messenger and Instagram allow a standard reply within 24 h of the
    customer's last message" (the end itself included)."""
    for channel in (Channel.MESSENGER, Channel.INSTAGRAM_DIRECT):
        decision = MESSENGER_2020.decide(channel, T0, T0 + 24 * HOUR, human=False)
        assert decision.open
        assert None is decision.tag
        assert T0 + 24 * HOUR == decision.closes_at


def test_human_agent_extends_a_human_reply_to_7_days() -> None:
    """ "The HUMAN_AGENT tag extends a human reply to 7 days"."""
    decision = MESSENGER_2020.decide(Channel.MESSENGER, T0, T0 + 25 * HOUR, human=True)
    assert decision.open
    assert MessageTag.HUMAN_AGENT is decision.tag


def test_closed_to_a_bot_after_24_hours_naming_no_tag() -> None:
    """WindowClosed names the tag that would allow *the send*; "the
    HUMAN_AGENT tag extends a human reply to 7 days", so it allows no
    automated send: no tag, and the reason says a human still could."""
    decision = MESSENGER_2020.decide(Channel.MESSENGER, T0, T0 + 25 * HOUR, human=False)
    assert not decision.open
    assert None is decision.tag
    assert "HUMAN_AGENT" in decision.reason


def test_closed_to_everyone_after_7_days() -> None:
    later = T0 + dt.timedelta(days=7) + dt.timedelta(seconds=1)
    decision = MESSENGER_2020.decide(Channel.MESSENGER, T0, later, human=True)
    assert not decision.open
    assert None is decision.tag


def test_closed_when_the_customer_never_wrote() -> None:
    assert not MESSENGER_2020.decide(Channel.MESSENGER, None, T0, human=True).open


def test_channels_without_a_window_are_always_open() -> None:
    decision = MESSENGER_2020.decide(Channel.EMAIL, None, T0, human=False)
    assert decision.open
    assert None is decision.closes_at


def test_window_settings_are_validated() -> None:
    with pytest.raises(InvalidValue, match="human_agent"):
        MessagingWindow(standard=48 * HOUR, human_agent=24 * HOUR)
    with pytest.raises(InvalidValue, match="standard"):
        MessagingWindow(standard=dt.timedelta(0))
    with pytest.raises(InvalidValue, match="now"):
        MESSENGER_2020.decide(
            Channel.MESSENGER, T0, dt.datetime(2024, 3, 1), human=True
        )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: MessagingWindow(standard=dt.timedelta.max), "standard"),
        (lambda: MessagingWindow(human_agent=dt.timedelta(days=367)), "human_agent"),
        (lambda: MessagingWindow(channels=5), "channels"),
        (lambda: MessagingWindow(channels="messenger"), "channels"),
        (
            lambda: MESSENGER_2020.decide("messenger", T0, T0, human=False),  # type: ignore[arg-type]
            "channel",
        ),
        (lambda: MESSENGER_2020.decide(None, T0, T0, human=False), "channel"),  # type: ignore[arg-type]
        (lambda: MESSENGER_2020.decide(Channel.MESSENGER, T0, T0, human=1), "human"),  # type: ignore[arg-type]
        (
            lambda: MESSENGER_2020.decide(Channel.MESSENGER, T0, T0, human="no"),  # type: ignore[arg-type]
            "human",
        ),
    ],
)
def test_bad_calls_raise_naming_the_field(call: object, field: str) -> None:
    """Bad input raises InvalidValue naming the field: a window is at most
    366 days (no datetime overflow), *human* is a bool, not a number."""
    with pytest.raises(InvalidValue) as info:
        call()  # type: ignore[operator]
    assert field == info.value.field
