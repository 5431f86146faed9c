"""The personal-data guard over public messages: card numbers (13–19 digits
with optional spaces or dashes, Luhn-checked), e-mail addresses and phone
numbers, with the ``phones`` extra and without it; move-to-private proposals
with the channel's deep link."""

import datetime as dt
import sys

import pytest

from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, Direction, Message, Visibility
from carekit.privacy import (
    FindingKind,
    LibphonenumberFinder,
    MoveToPrivate,
    PatternPhoneFinder,
    PhoneFinder,
    PrivateLinks,
    messenger_link,
    phone_finder,
    propose_move_to_private,
    scan,
    twitter_dm_link,
)

T0 = dt.datetime(2019, 11, 12, 9, 0, tzinfo=dt.UTC)


def tweet(text: str) -> Message:
    return Message(
        "t1", T0, Direction.INBOUND, AuthorKind.CUSTOMER,
        visibility=Visibility.PUBLIC, text=text,
    )  # fmt: skip


def kinds(text: str, phones: PhoneFinder | None = None) -> list[FindingKind]:
    return [finding.kind for finding in scan(text, phones=phones)]


@pytest.mark.parametrize("card", ["4242 4242 4242 4242", "4242-4242-4242-4242"])
def test_a_valid_card_number_in_a_public_tweet_is_detected(card: str) -> None:
    text = f"@acme my card {card} was charged twice"
    (finding,) = scan(text)
    assert FindingKind.CARD_NUMBER == finding.kind
    assert card == text[finding.start : finding.end]


def test_a_number_failing_the_luhn_check_is_not_a_card() -> None:
    assert [] == kinds("my card 4242 4242 4242 4241 was charged", PatternPhoneFinder())


@pytest.mark.parametrize(
    ("digits", "found"),
    [("378282246310005", True), ("4222222222222", True), ("6011111111111117", True),
     ("422222222222", False), ("42424242424242424242", False)],
)  # fmt: skip
def test_card_numbers_have_13_to_19_digits(digits: str, found: bool) -> None:
    """American Express (15), Visa (13 and 16), Discover (16); 12 or 20 digits
    are not card numbers."""
    cards = [
        k
        for k in kinds(f"n {digits} x", PatternPhoneFinder())
        if k.value == "card_number"
    ]
    assert found == bool(cards)


def test_a_card_followed_by_its_expiry_year_is_still_found() -> None:
    text = "card 4242 4242 4242 4242 2025"
    (finding, *_) = scan(text, phones=PatternPhoneFinder())
    assert "4242 4242 4242 4242" == text[finding.start : finding.end]


TEXTS = {
    "en": ("Please email me at john.smith@example.com or call +1 415-555-0132", "US"),
    "es": ("Escríbeme a maría.lópez@correo.es o llámame al +34 612 34 56 78", "ES"),
    "de": ("Schreiben Sie an jürgen@beispiel.de oder rufen Sie 030 12345678 an", "DE"),
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_emails_and_phones_are_found_with_the_phones_extra(language: str) -> None:
    text, region = TEXTS[language]
    assert [FindingKind.EMAIL, FindingKind.PHONE] == kinds(
        text, LibphonenumberFinder(region)
    )


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_emails_and_phones_are_found_without_the_extra(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``phonenumbers`` the default finder is the documented pattern."""
    monkeypatch.setitem(sys.modules, "phonenumbers", None)  # import fails
    finder = phone_finder(TEXTS[language][1])
    assert isinstance(finder, PatternPhoneFinder)
    assert [FindingKind.EMAIL, FindingKind.PHONE] == kinds(TEXTS[language][0])


def test_with_the_extra_the_default_finder_is_the_library() -> None:
    assert LibphonenumberFinder("DE") == phone_finder("DE")


def test_the_pattern_skips_iso_dates_and_short_numbers() -> None:
    assert [] == kinds("order 2019-10-18, room 1234, price 12.50", PatternPhoneFinder())


def test_findings_never_hold_the_matched_text() -> None:
    (finding,) = scan("4242424242424242")
    assert "4242" not in repr(finding)


def test_a_public_tweet_with_a_card_gets_a_twitter_dm_proposal() -> None:
    links = PrivateLinks(
        twitter_recipient_id="3805104374", messenger_handle="acme.store"
    )
    proposal = propose_move_to_private(
        tweet("card 4242 4242 4242 4242, mail ana@example.com"),
        Channel.TWITTER_PUBLIC,
        links,
    )
    assert MoveToPrivate(
        "t1", Channel.TWITTER_PUBLIC,
        kinds=(FindingKind.CARD_NUMBER, FindingKind.EMAIL),
        link="https://twitter.com/messages/compose?recipient_id=3805104374",
    ) == proposal  # fmt: skip


def test_a_facebook_comment_gets_the_pages_m_me_link() -> None:
    links = PrivateLinks(messenger_handle="acme.store")
    proposal = propose_move_to_private(
        tweet("call me +1 415-555-0132"), Channel.FACEBOOK_COMMENT, links
    )
    assert proposal is not None
    assert "https://m.me/acme.store" == proposal.link


def test_private_or_clean_messages_get_no_proposal() -> None:
    links = PrivateLinks(twitter_recipient_id="1")
    private = Message(
        "m", T0, Direction.INBOUND, AuthorKind.CUSTOMER, text="4242424242424242"
    )
    assert None is propose_move_to_private(private, Channel.TWITTER_DM, links)
    assert None is propose_move_to_private(
        tweet("thanks!"), Channel.TWITTER_PUBLIC, links
    )


def test_deep_links() -> None:
    assert (
        "https://twitter.com/messages/compose?recipient_id=12&text=Hola%20%C2%BFqu%C3%A9%3F"
        == twitter_dm_link("12", "Hola ¿qué?")
    )
    assert "https://m.me/acme.store" == messenger_link("acme.store")
    with pytest.raises(InvalidValue) as info:
        twitter_dm_link("@acme")
    assert "recipient_id" == info.value.field
    with pytest.raises(InvalidValue):
        PrivateLinks(messenger_handle="a b")


def test_scan_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidValue) as info:
        scan(4242424242424242)  # type: ignore[arg-type]
    assert "text" == info.value.field
    assert "4242" not in str(info.value)
