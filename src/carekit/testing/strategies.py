"""Hypothesis strategies for every public carekit model.

Conventions (after hypothesis and xarray): names are plural, bounds are
keyword-only, arguments that shape a part take a strategy, and examples shrink
toward simple values: UTC, 2000-01-01, zero, empty collections.

Install with the ``testing`` extra. Importing this module needs Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from carekit.away import AwaySchedule
from carekit.business_hours import BusinessCalendar, OpeningHours, Weekday
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    MessageKind,
    MessageLog,
    Visibility,
)
from carekit.customers import Consent, CrmId, CustomerProfile, Note, ProfileFact
from carekit.intervals import Interval, IntervalSet
from carekit.money import CURRENCIES, ROUNDING_MODES, Money
from carekit.payments import (
    BankAccount,
    Card,
    CardBrand,
    EntryKind,
    FeeKept,
    FeePolicy,
    FeeQuote,
    FeeRule,
    FeeTier,
    FixedPlusPercentageFee,
    MethodKind,
    PageAccount,
    Party,
    PartyKind,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    Payout,
    PayoutAccount,
    PayPal,
    PercentageFee,
    ProRataFeeReturn,
    Refund,
    RefundFeePolicy,
    Statement,
    StatementEntry,
    SupportObligation,
    TieredFee,
)
from carekit.responsiveness import (
    ALL_DATA,
    BADGE_2015,
    BADGE_2016,
    Aggregate,
    AwayRule,
    BadgePolicy,
    Comparison,
    DisplayPolicy,
    EvaluationWindow,
    FastestMean,
    Mean,
    Median,
    Percentile,
    ResponsePolicy,
    ResponseStats,
    from_rows,
)
from carekit.roles import TeamRole

__all__ = [
    "aggregates",
    "aware_datetimes",
    "away_periods",
    "away_schedules",
    "badge_policies",
    "business_calendars",
    "by_type",
    "consents",
    "conversations",
    "crm_ids",
    "currencies",
    "customer_profiles",
    "display_policies",
    "evaluation_windows",
    "identifiers",
    "interval_sets",
    "intervals",
    "languages",
    "message_logs",
    "messages",
    "monies",
    "notes",
    "opening_hours",
    "profile_facts",
    "ratios",
    "response_policies",
    "response_rows",
    "response_stats",
    "team_roles",
    "timezones",
]

#: Zones that exercise DST in both hemispheres, a half-hour offset and none.
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

_EPOCH = dt.datetime(2000, 1, 1)
_LAST = dt.datetime(2100, 1, 1)


def timezones() -> st.SearchStrategy[dt.tzinfo]:
    """IANA timezones, shrinking to UTC."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = _EPOCH,
    max_value: dt.datetime = _LAST,
    zones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes that exist on the wall clock, shrinking to
    2000-01-01 00:00 UTC.

    Args:
        min_value: Naive lower bound (local wall time).
        max_value: Naive upper bound (local wall time).
        zones: Strategy for the zone; default :func:`timezones`.
    """
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=zones if zones is not None else timezones(),
        allow_imaginary=False,
    )


def intervals(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    max_duration: dt.timedelta = dt.timedelta(days=7),
) -> st.SearchStrategy[Interval]:
    """Half-open intervals of up to *max_duration*, shrinking to empty.

    The length is elapsed time: the end is computed by instant, because
    ``start + length`` is wall-clock arithmetic that drops ``fold`` and can
    land before a start in the second occurrence of a DST fold.
    """
    return st.builds(
        lambda start, length: Interval(start, _elapsed(start, length)),
        starts if starts is not None else aware_datetimes(),
        st.timedeltas(min_value=dt.timedelta(0), max_value=max_duration),
    )


def _elapsed(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """The instant *length* of elapsed time after *start*, in *start*'s zone."""
    return (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)


def interval_sets(
    *,
    elements: st.SearchStrategy[Interval] | None = None,
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets built from up to *max_size* intervals, shrinking to empty."""
    return st.lists(
        elements if elements is not None else intervals(), max_size=max_size
    ).map(IntervalSet)


_MINUTES_PER_DAY = 24 * 60


def _wall(minute: int) -> dt.time:
    """Minute of the day as a wall time; 1440 (the day's end) is 00:00."""
    return dt.time((minute // 60) % 24, minute % 60)


def opening_hours(
    *, weekdays: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[OpeningHours]:
    """Single openings at minute resolution, shrinking to Monday 00:00–00:01.

    An end at the day's end is written 00:00, as :class:`OpeningHours` asks.

    Args:
        weekdays: Strategy for the weekday (0–6); default every day.
    """

    def build(day: int, start: int, length: int) -> OpeningHours:
        end = min(start + length, _MINUTES_PER_DAY)
        return OpeningHours(day, _wall(start), end=_wall(end))

    return st.builds(
        build,
        weekdays if weekdays is not None else st.sampled_from(list(Weekday)),
        st.integers(min_value=0, max_value=_MINUTES_PER_DAY - 1),
        st.integers(min_value=1, max_value=_MINUTES_PER_DAY),
    )


def _day_openings(
    day: int, max_intervals: int
) -> st.SearchStrategy[list[OpeningHours]]:
    """Up to *max_intervals* disjoint openings on one weekday."""

    def build(marks: list[int]) -> list[OpeningHours]:
        ordered = sorted(marks)[: len(marks) // 2 * 2]
        return [
            OpeningHours(day, _wall(start), end=_wall(end))
            for start, end in zip(ordered[::2], ordered[1::2], strict=True)
        ]

    bounds = st.integers(min_value=0, max_value=_MINUTES_PER_DAY)
    return st.lists(bounds, unique=True, max_size=2 * max_intervals).map(build)


def business_calendars(
    *,
    zones: st.SearchStrategy[str] | None = None,
    max_intervals_per_day: int = 3,
    holidays: st.SearchStrategy[dt.date] | None = None,
    max_holidays: int = 3,
) -> st.SearchStrategy[BusinessCalendar]:
    """Weekly calendars at minute resolution, shrinking to UTC with no
    opening hours and no holidays.

    Openings of one day never overlap; one that ends at midnight is written
    with ``end`` 00:00, so openings that reach across midnight appear too.

    Args:
        zones: Strategy for the IANA zone name; default :data:`ZONES`.
        max_intervals_per_day: Most openings on one weekday.
        holidays: Strategy for holiday dates; default 2000–2099.
        max_holidays: Most holidays.
    """
    week = st.tuples(*(_day_openings(day, max_intervals_per_day) for day in Weekday))
    return st.builds(
        lambda zone, days, closed: BusinessCalendar(
            zone, [h for day in days for h in day], holidays=closed
        ),
        zones if zones is not None else st.sampled_from(ZONES),
        week,
        st.lists(
            holidays if holidays is not None else st.dates(_EPOCH.date(), _LAST.date()),
            max_size=max_holidays,
        ),
    )


def away_schedules(
    *,
    manual: st.SearchStrategy[IntervalSet] | None = None,
    calendars: st.SearchStrategy[BusinessCalendar | None] | None = None,
) -> st.SearchStrategy[AwaySchedule]:
    """Away schedules, shrinking to no manual periods and no calendar.

    Args:
        manual: Strategy for the manual away periods; default
            :func:`interval_sets`.
        calendars: Strategy for the calendar or ``None``; default ``None`` or
            :func:`business_calendars`.
    """
    return st.builds(
        AwaySchedule,
        manual if manual is not None else interval_sets(),
        calendars if calendars is not None else st.none() | business_calendars(),
    )


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes carekit knows, shrinking to USD."""
    codes = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
    return st.sampled_from(codes)


def monies(
    *,
    codes: st.SearchStrategy[str] | None = None,
    min_minor: int = -(10**12),
    max_minor: int = 10**12,
) -> st.SearchStrategy[Money]:
    """Money values between *min_minor* and *max_minor* minor units, shrinking
    to zero USD."""
    return st.builds(
        Money.from_minor,
        st.integers(min_value=min_minor, max_value=max_minor),
        codes if codes is not None else currencies(),
    )


def ratios(*, max_size: int = 8) -> st.SearchStrategy[list[Decimal]]:
    """Non-empty lists of non-negative Decimal ratios with a positive sum."""
    weights = st.decimals(
        min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4
    )
    return st.lists(weights, min_size=1, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


# -- conversations and customers ---------------------------------------------


def identifiers() -> st.SearchStrategy[str]:
    """Short non-blank ids, shrinking to ``"a"``."""
    return st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


def languages() -> st.SearchStrategy[str]:
    """BCP 47 language tags, shrinking to ``"en"``."""
    return st.sampled_from(["en", "en-GB", "es", "pt-BR", "de", "ja", "ar", "zh-Hant"])


def messages(
    *,
    ids: st.SearchStrategy[str] | None = None,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Message]:
    """Valid messages, inbound from customers or outbound of every kind.

    Shrinks to an inbound customer reply at 2000-01-01 UTC with empty text.
    """
    author = st.sampled_from(list(AuthorKind))

    def build(
        ident: str, when: dt.datetime, who: AuthorKind, draw: st.DrawFn
    ) -> Message:
        inbound = who is AuthorKind.CUSTOMER
        kinds = [MessageKind.REPLY] if inbound else list(MessageKind)
        return Message(
            ident,
            when,
            Direction.INBOUND if inbound else Direction.OUTBOUND,
            who,
            kind=draw(st.sampled_from(kinds)),
            visibility=draw(st.sampled_from([Visibility.PRIVATE, Visibility.PUBLIC])),
            text=draw(st.text(max_size=40)),
            language=draw(st.none() | languages()),
            author_id=None if inbound else draw(st.none() | identifiers()),
        )

    @st.composite
    def strategy(draw: st.DrawFn) -> Message:
        return build(
            draw(ids if ids is not None else identifiers()),
            draw(timestamps if timestamps is not None else aware_datetimes()),
            draw(author),
            draw,
        )

    return strategy()


def message_logs(
    *,
    max_messages: int = 10,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[MessageLog]:
    """Message logs of up to *max_messages* messages (ids ``m0``, ``m1``...),
    given in any order. Shrinks to the empty log."""

    @st.composite
    def strategy(draw: st.DrawFn) -> MessageLog:
        count = draw(st.integers(min_value=0, max_value=max_messages))
        return MessageLog(
            draw(messages(ids=st.just(f"m{index}"), timestamps=timestamps))
            for index in range(count)
        )

    return strategy()


def conversations(
    *,
    max_messages: int = 10,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Conversation]:
    """Conversations with up to *max_messages* messages (unique ids).

    Shrinks to an open Messenger conversation with no messages.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> Conversation:
        items = draw(message_logs(max_messages=max_messages, timestamps=timestamps))
        return Conversation(
            draw(identifiers()),
            draw(st.sampled_from(list(Channel))),
            customer_id=draw(identifiers()),
            messages=items,
            assignee=draw(st.none() | identifiers()),
            tags=draw(st.lists(identifiers(), max_size=3)),
            status=draw(st.sampled_from(list(ConversationStatus))),
        )

    return strategy()


def team_roles() -> st.SearchStrategy[TeamRole]:
    """Team roles, shrinking to ``MONITOR``."""
    return st.sampled_from(list(TeamRole))


def profile_facts() -> st.SearchStrategy[ProfileFact]:
    """Public profile facts such as the current city."""
    return st.builds(
        ProfileFact,
        st.sampled_from(["current_city", "hometown", "work", "education"]),
        st.sampled_from(["Lisbon", "Berlin", "New York", "Osaka", "Acme Corp"]),
    )


def notes() -> st.SearchStrategy[Note]:
    """Admin notes about a customer."""
    return st.builds(
        Note, st.text(min_size=1, max_size=40).filter(str.strip), identifiers(),
        aware_datetimes(),
    )  # fmt: skip


def consents(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Consent]:
    """Recorded consents to CRM matching."""
    return st.builds(
        Consent, systems if systems is not None else _crm_systems(), aware_datetimes()
    )


def crm_ids(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[CrmId]:
    """External CRM ids."""
    return st.builds(
        CrmId, systems if systems is not None else _crm_systems(), identifiers()
    )


def _crm_systems() -> st.SearchStrategy[str]:
    return st.sampled_from(["salesforce", "hubspot", "zendesk"])


def customer_profiles() -> st.SearchStrategy[CustomerProfile]:
    """Customer profiles whose CRM ids always have a consent for their system."""

    @st.composite
    def strategy(draw: st.DrawFn) -> CustomerProfile:
        granted = draw(st.lists(consents(), max_size=3, unique_by=lambda c: c.system))
        systems = [consent.system for consent in granted]
        ids = (
            draw(st.lists(crm_ids(systems=st.sampled_from(systems)), max_size=3))
            if systems
            else []
        )
        facts = draw(st.lists(profile_facts(), max_size=3, unique_by=lambda f: f.name))
        return CustomerProfile(
            draw(identifiers()),
            display_name=draw(st.none() | st.sampled_from(["Ana", "Bo", "Chen"])),
            public_facts=facts,
            conversation_ids=draw(st.lists(identifiers(), max_size=3)),
            notes=draw(st.lists(notes(), max_size=2)),
            tags=draw(st.lists(identifiers(), max_size=3)),
            consents=granted,
            crm_ids=ids,
        )

    return strategy()


def by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each public model, for ``st.register_type_strategy``."""
    return {
        AwaySchedule: away_schedules(),
        BusinessCalendar: business_calendars(),
        Interval: intervals(),
        IntervalSet: interval_sets(),
        Money: monies(),
        Message: messages(),
        MessageLog: message_logs(),
        Conversation: conversations(),
        ProfileFact: profile_facts(),
        Note: notes(),
        Consent: consents(),
        CrmId: crm_ids(),
        CustomerProfile: customer_profiles(),
        OpeningHours: opening_hours(),
        # responsiveness
        ResponsePolicy: response_policies(),
        ResponseStats: response_stats(),
        EvaluationWindow: evaluation_windows(),
        BadgePolicy: badge_policies(),
        DisplayPolicy: display_policies(),
        Median: st.builds(Median),
        Mean: st.builds(Mean),
        Percentile: st.builds(Percentile, st.integers(0, 100).map(float)),
        FastestMean: st.builds(FastestMean, st.sampled_from((0.9, 0.5, 1.0))),
        **_payment_types(),
    }


# --- responsiveness (carekit.responsiveness) ---------------------------------
# Kept together at the end of the file; other sections are edited by others.

#: 2000-01-01 00:00 UTC in epoch seconds: the base of generated rows.
EPOCH_2000 = 946_684_800.0

#: Gaps (seconds) that sit on the rule boundaries of SPEC §3: the 24 h silence
#: and reply window, the 5 and 15 minute badge thresholds, the display bounds.
_BOUNDARY_GAPS = (
    0, 1, 60, 299, 300, 301, 900, 901, 3599, 3600, 43200,
    86340, 86399, 86400, 86401, 172800,
)  # fmt: skip


def response_policies(
    *,
    windows: st.SearchStrategy[dt.timedelta] | None = None,
    silences: st.SearchStrategy[dt.timedelta] | None = None,
) -> st.SearchStrategy[ResponsePolicy]:
    """Response policies, shrinking to the SPEC defaults (24 h, 24 h, no bots,
    away excluded)."""
    day = dt.timedelta(hours=24)
    spans = st.just(day) | st.timedeltas(
        min_value=dt.timedelta(minutes=1), max_value=dt.timedelta(days=3)
    ).map(lambda span: dt.timedelta(seconds=span // dt.timedelta(seconds=1)))
    return st.builds(
        ResponsePolicy,
        windows if windows is not None else spans,
        silences if silences is not None else spans,
        count_bots=st.booleans(),
        away=st.sampled_from(AwayRule),
    )


def away_periods(
    *,
    min_value: float = EPOCH_2000,
    max_value: float = EPOCH_2000 + 7 * 86400,
    max_size: int = 4,
) -> st.SearchStrategy[list[tuple[float, float]]]:
    """Lists of ``(start, end)`` away periods in whole epoch seconds, possibly
    overlapping, touching or empty, shrinking to no period."""
    lo, hi = int(min_value), int(max_value)

    def pair(start: int, length: int) -> tuple[float, float]:
        return float(start), float(start + length)

    period = st.builds(
        pair,
        st.integers(min_value=lo, max_value=hi),
        st.sampled_from((0, 3600, 32400, 86400)) | st.integers(0, 2 * 86400),
    )
    return st.lists(period, max_size=max_size)


@st.composite
def response_rows(
    draw: st.DrawFn,
    *,
    roles: st.SearchStrategy[int] | None = None,
    max_conversations: int = 5,
    max_messages: int = 8,
    start: float = EPOCH_2000,
) -> list[tuple[int, float, int]]:
    """Rows ``(conversation_id, epoch_seconds, role)`` for
    :func:`carekit.responsiveness.from_rows`.

    Each conversation's rows are in time order, with gaps drawn around the
    rule boundaries (24 h, 5 and 15 minutes) and equal times allowed;
    conversations are interleaved in global time order. Shrinks to no rows.

    Args:
        roles: Strategy for each row's role; default every :class:`Role`,
            customers most often.
        max_conversations: Upper bound on distinct conversation ids.
        max_messages: Upper bound on rows per conversation.
        start: Earliest time, in epoch seconds.
    """
    role_values = (
        roles if roles is not None else st.sampled_from((0, 1, 0, 1, 3, 2, 4)).map(int)
    )
    gaps = st.sampled_from(_BOUNDARY_GAPS) | st.integers(0, 3 * 86400)
    rows: list[tuple[int, float, int]] = []
    for cid in range(draw(st.integers(0, max_conversations))):
        t = start + draw(st.integers(0, 3 * 86400))
        for _ in range(draw(st.integers(1, max_messages))):
            t += draw(gaps)
            rows.append((cid, float(t), draw(role_values)))
    # A stable sort by time interleaves conversations and keeps each one's
    # order (ties included).
    rows.sort(key=lambda row: row[1])
    return rows


def response_stats(
    *,
    rows: st.SearchStrategy[list[tuple[int, float, int]]] | None = None,
    policies: st.SearchStrategy[ResponsePolicy] | None = None,
) -> st.SearchStrategy[ResponseStats]:
    """Statistics computed from generated rows, shrinking to empty stats."""
    return st.builds(
        lambda found, policy: from_rows(found, policy=policy),
        rows if rows is not None else response_rows(),
        policies if policies is not None else st.just(ResponsePolicy()),
    )


def aggregates() -> st.SearchStrategy[Aggregate]:
    """Response-time aggregates, shrinking to the median."""
    return st.one_of(
        st.builds(Median),
        st.builds(Mean),
        st.builds(Percentile, st.integers(0, 100).map(float)),
        st.builds(FastestMean, st.sampled_from((0.9, 0.5, 1.0, 0.75))),
    )


def evaluation_windows() -> st.SearchStrategy[EvaluationWindow]:
    """Evaluation windows, shrinking to all data."""
    trailing = st.builds(EvaluationWindow, st.integers(1, 30), st.integers(0, 10))
    return st.just(ALL_DATA) | trailing


def badge_policies(
    *,
    responses: st.SearchStrategy[ResponsePolicy] | None = None,
    windows: st.SearchStrategy[EvaluationWindow] | None = None,
) -> st.SearchStrategy[BadgePolicy]:
    """Badge policies, shrinking to the 2015 preset (the seed rule)."""
    custom = st.builds(
        BadgePolicy,
        st.sampled_from((0.9, 0.0, 0.5, 0.95, 1.0)),
        st.integers(1, 86400).map(lambda s: dt.timedelta(seconds=s)),
        comparison=st.sampled_from(Comparison),
        aggregate=aggregates(),
        window=windows if windows is not None else evaluation_windows(),
        response=responses if responses is not None else response_policies(),
    )
    return st.sampled_from((BADGE_2015, BADGE_2016)) | custom


def display_policies() -> st.SearchStrategy[DisplayPolicy]:
    """Display policies with increasing bounds, shrinking to the SPEC defaults."""

    def build(bounds: list[int], aggregate: Aggregate) -> DisplayPolicy:
        minutes, hours, day = (dt.timedelta(seconds=s) for s in sorted(bounds))
        return DisplayPolicy(minutes, hours, day, aggregate=aggregate)

    custom = st.builds(
        build,
        st.lists(st.integers(1, 3 * 86400), min_size=3, max_size=3),
        aggregates(),
    )
    return st.just(DisplayPolicy()) | custom


# == payments (issue 4) ========================================================
# Strategies for carekit.payments models. Kept together in this section so
# that parallel changes to the file stay apart.


__all__ += [
    "bank_accounts",
    "cards",
    "fee_policies",
    "fee_quotes",
    "fee_rules",
    "fee_tiers",
    "fixed_plus_percentage_fees",
    "page_accounts",
    "parties",
    "payment_methods",
    "payment_purposes",
    "payments",
    "payout_accounts",
    "payouts",
    "paypal_accounts",
    "percentage_fees",
    "rates",
    "refund_fee_policies",
    "refunds",
    "rounding_modes",
    "statement_entries",
    "statements",
    "support_obligations",
    "tiered_fees",
]

_IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_LAST4 = st.text(alphabet="0123456789", min_size=4, max_size=4)


_EnumT = TypeVar("_EnumT", bound=enum.Enum)


def _enum_subsets(kind: type[_EnumT]) -> st.SearchStrategy[tuple[_EnumT, ...]]:
    return st.lists(st.sampled_from(list(kind)), unique=True, max_size=2).map(tuple)


def payment_purposes() -> st.SearchStrategy[PaymentPurpose]:
    """Payment purposes, shrinking to a fundraiser."""
    return st.sampled_from(PaymentPurpose)


def cards() -> st.SearchStrategy[Card]:
    """Cards (brand and last four digits), shrinking to Visa 0000."""
    return st.builds(Card, st.sampled_from(CardBrand), _LAST4)


def bank_accounts() -> st.SearchStrategy[BankAccount]:
    """Masked bank accounts."""
    return st.builds(BankAccount, _IDS, _LAST4)


def paypal_accounts() -> st.SearchStrategy[PayPal]:
    """PayPal accounts."""
    return st.builds(PayPal, _IDS)


def payment_methods() -> st.SearchStrategy[PaymentMethod]:
    """Any payment method, shrinking to a card."""
    return st.one_of(cards(), bank_accounts(), paypal_accounts())


def parties(
    *, kinds: st.SearchStrategy[PartyKind] | None = None
) -> st.SearchStrategy[Party]:
    """Persons and pages, shrinking to a person."""
    return st.builds(
        Party, kinds if kinds is not None else st.sampled_from(PartyKind), _IDS
    )


def payout_accounts() -> st.SearchStrategy[PayoutAccount]:
    """Payout accounts to a bank or PayPal account."""
    return st.builds(PayoutAccount, _IDS, st.one_of(bank_accounts(), paypal_accounts()))


def page_accounts(
    *,
    qualifies: st.SearchStrategy[bool] | None = None,
    accounts: st.SearchStrategy[PayoutAccount | None] | None = None,
) -> st.SearchStrategy[PageAccount]:
    """Pages, eligible or not, shrinking to one that does not qualify and
    has no payout account.

    Args:
        qualifies: Strategy for the qualification (default: either).
        accounts: Strategy for the payout account (default: none or one).
    """
    return st.builds(
        PageAccount,
        _IDS,
        qualifies if qualifies is not None else st.booleans(),
        payout_account=(
            accounts if accounts is not None else st.none() | payout_accounts()
        ),
    )


def refunds(
    *, amounts: st.SearchStrategy[Money] | None = None
) -> st.SearchStrategy[Refund]:
    """Refund records on their own (a payment's refunds come from
    :func:`payments`)."""
    return st.builds(
        Refund,
        _IDS,
        _IDS,
        amount=amounts if amounts is not None else monies(min_minor=1),
        refunded_at=aware_datetimes(),
    )


_SETTLE: dict[PaymentStatus, Callable[[Payment], Payment]] = {
    PaymentStatus.PENDING: lambda p: p,
    PaymentStatus.SUCCEEDED: Payment.succeed,
    PaymentStatus.FAILED: Payment.fail,
}


@st.composite
def _payments(
    draw: st.DrawFn,
    grosses: st.SearchStrategy[Money] | None,
    purposes: st.SearchStrategy[PaymentPurpose] | None,
    payees: st.SearchStrategy[Party] | None,
    statuses: st.SearchStrategy[PaymentStatus] | None,
    created: st.SearchStrategy[dt.datetime] | None,
    max_refunds: int,
) -> Payment:
    payee = draw(payees if payees is not None else parties())
    allowed = [
        p
        for p in PaymentPurpose
        if payee.kind is PartyKind.PERSON or p is not PaymentPurpose.PERSON_TO_PERSON
    ]
    purpose = draw(purposes if purposes is not None else st.sampled_from(allowed))
    assume(purpose in allowed)
    payer = Party.person(draw(_IDS))
    if payer == payee:
        payer = Party.person(payer.id + "-payer")
    payment = Payment(
        draw(_IDS),
        payer,
        payee=payee,
        purpose=purpose,
        method=draw(payment_methods()),
        gross=draw(grosses if grosses is not None else monies(min_minor=1)),
        created_at=draw(created if created is not None else aware_datetimes()),
    )
    status = draw(statuses if statuses is not None else st.sampled_from(PaymentStatus))
    if status in _SETTLE:
        return _SETTLE[status](payment)
    return _draw_refunds(draw, payment.succeed(), status, max_refunds)


def _draw_refunds(
    draw: st.DrawFn, payment: Payment, status: PaymentStatus, max_refunds: int
) -> Payment:
    """Refund *payment* partially 1..max_refunds times (or 0.. if it ends
    refunded), then in full if *status* is ``refunded``."""
    full = status is PaymentStatus.REFUNDED
    count = draw(st.integers(min_value=0 if full else 1, max_value=max(1, max_refunds)))
    at = payment.created_at
    for index in range(count):
        left = payment.remaining.minor
        if left < 2:
            break
        units = draw(st.integers(min_value=1, max_value=left - 1))
        at = at + draw(st.timedeltas(min_value=dt.timedelta(0), max_value=_MONTH))
        payment, _ = payment.refund(
            Money.from_minor(units, payment.gross.currency),
            refund_id=f"{payment.id}-r{index}",
            at=at,
        )
    if full:
        payment, _ = payment.refund(refund_id=f"{payment.id}-rest", at=at + _MONTH)
    else:
        assume(bool(payment.refunds))
    return payment


_MONTH = dt.timedelta(days=30)


def payments(
    *,
    grosses: st.SearchStrategy[Money] | None = None,
    purposes: st.SearchStrategy[PaymentPurpose] | None = None,
    payees: st.SearchStrategy[Party] | None = None,
    statuses: st.SearchStrategy[PaymentStatus] | None = None,
    created: st.SearchStrategy[dt.datetime] | None = None,
    max_refunds: int = 3,
) -> st.SearchStrategy[Payment]:
    """Payments in any status, with refunds that match it.

    A ``partially_refunded`` payment gets 1..*max_refunds* partial refunds; a
    ``refunded`` one gets up to *max_refunds* partial refunds and a final one
    for the rest. Refunds follow the payment by up to 30 days each. Shrinks
    to a pending payment of 0.01 USD to a person.

    Args:
        grosses: Strategy for the gross (default: positive :func:`monies`).
        purposes: Strategy for the purpose (default: any the payee allows).
        payees: Strategy for the payee (default: :func:`parties`).
        statuses: Strategy for the status (default: any).
        created: Strategy for the creation time (default:
            :func:`aware_datetimes`).
        max_refunds: Most partial refunds per payment.
    """
    return _payments(grosses, purposes, payees, statuses, created, max_refunds)


def rates(*, max_value: Decimal = Decimal(1)) -> st.SearchStrategy[Decimal]:
    """Decimal fee rates with up to four places, shrinking to zero."""
    return st.decimals(min_value=0, max_value=max_value, places=4)


def rounding_modes() -> st.SearchStrategy[str]:
    """:mod:`decimal` rounding modes carekit accepts, shrinking to half-up."""
    modes = sorted(ROUNDING_MODES, key=lambda mode: (mode != "ROUND_HALF_UP", mode))
    return st.sampled_from(modes)


def fee_rules() -> st.SearchStrategy[FeeRule]:
    """Fee rules over any purposes, methods and payee kinds."""
    return st.builds(
        FeeRule,
        st.sampled_from(["rule a", "rule b"]),
        rates(),
        purposes=_enum_subsets(PaymentPurpose),
        methods=_enum_subsets(MethodKind),
        payees=_enum_subsets(PartyKind),
    )


@st.composite
def _bounds(
    draw: st.DrawFn, codes: st.SearchStrategy[str]
) -> tuple[tuple[Money, ...], tuple[Money, ...]]:
    """Optional minimum and maximum fees, per currency, minimum ≤ maximum."""
    minimum: list[Money] = []
    maximum: list[Money] = []
    for code in draw(st.lists(codes, unique=True, max_size=2)):
        low, high = sorted(draw(st.lists(_MINOR, min_size=2, max_size=2)))
        if draw(st.booleans()):
            minimum.append(Money.from_minor(low, code))
        if draw(st.booleans()):
            maximum.append(Money.from_minor(high, code))
    return tuple(minimum), tuple(maximum)


_MINOR = st.integers(min_value=0, max_value=10**6)


@st.composite
def _percentage_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str], max_rules: int
) -> PercentageFee:
    minimum, maximum = draw(_bounds(codes))
    return PercentageFee(
        draw(rates()),
        rounding=draw(rounding_modes()),
        rules=tuple(draw(st.lists(fee_rules(), max_size=max_rules))),
        minimum=minimum,
        maximum=maximum,
    )


def percentage_fees(
    *, codes: st.SearchStrategy[str] | None = None, max_rules: int = 3
) -> st.SearchStrategy[PercentageFee]:
    """Percentage fees with up to *max_rules* rules and optional bounds in
    currencies drawn from *codes*."""
    return _percentage_fees(codes if codes is not None else currencies(), max_rules)


@st.composite
def _fixed_plus_percentage_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str]
) -> FixedPlusPercentageFee:
    fixed = tuple(
        Money.from_minor(draw(_MINOR), code)
        for code in draw(st.lists(codes, unique=True, min_size=1, max_size=3))
    )
    minimum, maximum = draw(_bounds(codes))
    return FixedPlusPercentageFee(
        draw(rates()),
        fixed,
        rounding=draw(rounding_modes()),
        minimum=minimum,
        maximum=maximum,
    )


def fixed_plus_percentage_fees(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[FixedPlusPercentageFee]:
    """Rate-plus-fixed fees with a fixed part for one to three currencies
    drawn from *codes*."""
    return _fixed_plus_percentage_fees(codes if codes is not None else currencies())


def fee_tiers(
    *, bounds: st.SearchStrategy[Money | None] | None = None
) -> st.SearchStrategy[FeeTier]:
    """Single fee tiers (a :class:`TieredFee` needs increasing bounds; see
    :func:`tiered_fees`)."""
    return st.builds(
        FeeTier,
        bounds if bounds is not None else st.none() | monies(min_minor=1),
        rates(),
    )


@st.composite
def _tiered_fees(
    draw: st.DrawFn, codes: st.SearchStrategy[str], max_tiers: int
) -> TieredFee:
    code = draw(codes)
    limits = sorted(
        draw(
            st.lists(
                st.integers(min_value=1, max_value=10**9),
                unique=True,
                max_size=max_tiers - 1,
            )
        )
    )
    ups: list[Money | None] = [Money.from_minor(limit, code) for limit in limits]
    tiers = tuple(FeeTier(up, draw(rates())) for up in [*ups, None])
    minimum, maximum = draw(_bounds(st.just(code)))
    return TieredFee(
        tiers, rounding=draw(rounding_modes()), minimum=minimum, maximum=maximum
    )


def tiered_fees(
    *, codes: st.SearchStrategy[str] | None = None, max_tiers: int = 4
) -> st.SearchStrategy[TieredFee]:
    """Tiered fees in one currency drawn from *codes*, 1..*max_tiers* tiers."""
    return _tiered_fees(codes if codes is not None else currencies(), max_tiers)


def fee_policies(
    *, codes: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[FeePolicy]:
    """Any of carekit's fee policies, with amounts in currencies from *codes*.

    To quote a payment, draw its currency from the same *codes* (a fixed part
    or tiers exist only for the currencies drawn).
    """
    return st.one_of(
        percentage_fees(codes=codes),
        fixed_plus_percentage_fees(codes=codes),
        tiered_fees(codes=codes),
    )


@st.composite
def _fee_quotes(draw: st.DrawFn) -> FeeQuote:
    code = draw(currencies())
    policy = draw(fee_policies(codes=st.just(code)))
    payment = draw(payments(grosses=monies(codes=st.just(code), min_minor=1)))
    return policy.quote(payment)


def fee_quotes() -> st.SearchStrategy[FeeQuote]:
    """Quotes of :func:`fee_policies` on :func:`payments`."""
    return _fee_quotes()


def refund_fee_policies() -> st.SearchStrategy[RefundFeePolicy]:
    """Pro-rata fee return (with any rounding) or fee kept."""
    return st.one_of(st.builds(ProRataFeeReturn, rounding_modes()), st.just(FeeKept()))


@st.composite
def _statement_entries(draw: st.DrawFn) -> StatementEntry:
    amount = draw(monies(min_minor=1))
    return StatementEntry(
        draw(st.sampled_from(EntryKind)),
        draw(_IDS),
        payment_id=draw(_IDS),
        at=draw(aware_datetimes()),
        purpose=draw(payment_purposes()),
        amount=amount,
        fee=Money.from_minor(
            draw(st.integers(min_value=0, max_value=amount.minor)), amount.currency
        ),
        rule=draw(st.sampled_from(["rule a", "rule b"])),
    )


def statement_entries() -> st.SearchStrategy[StatementEntry]:
    """Single statement lines with ``0 ≤ fee ≤ amount``."""
    return _statement_entries()


@st.composite
def _statements(
    draw: st.DrawFn,
    policies: st.SearchStrategy[FeePolicy] | None,
    refund_policies: st.SearchStrategy[RefundFeePolicy] | None,
    max_payments: int,
) -> Statement:
    code = draw(currencies())
    page = draw(page_accounts(accounts=payout_accounts()))
    period = draw(intervals(max_duration=dt.timedelta(days=31)))
    offsets = st.timedeltas(min_value=dt.timedelta(0), max_value=period.duration)
    given = draw(
        st.lists(
            payments(
                grosses=monies(codes=st.just(code), min_minor=1, max_minor=10**9),
                payees=st.just(page.party),
                created=offsets.map(lambda offset: period.start + offset),
            ),
            unique_by=lambda payment: payment.id,
            max_size=max_payments,
        )
    )
    policy = draw(
        policies
        if policies is not None
        else percentage_fees(codes=st.just(code)) | tiered_fees(codes=st.just(code))
    )
    refund_policy = draw(
        refund_policies if refund_policies is not None else refund_fee_policies()
    )
    return Statement.build(
        page,
        given,
        period=period,
        currency=code,
        fees=policy,
        refund_fees=refund_policy,
    )


def statements(
    *,
    policies: st.SearchStrategy[FeePolicy] | None = None,
    refund_policies: st.SearchStrategy[RefundFeePolicy] | None = None,
    max_payments: int = 5,
) -> st.SearchStrategy[Statement]:
    """Statements of a page with a payout account over a period of up to 31
    days, from up to *max_payments* payments made in it, shrinking to an empty
    USD statement.

    Args:
        policies: Fee policies able to quote the drawn currency (default:
            percentage or tiered fees in it).
        refund_policies: Refund-fee policies (default:
            :func:`refund_fee_policies`).
        max_payments: Most payments per statement.
    """
    return _statements(policies, refund_policies, max_payments)


def payouts() -> st.SearchStrategy[Payout]:
    """Payouts of a positive amount to a payout account."""
    return st.builds(
        Payout,
        _IDS,
        _IDS,
        account=payout_accounts(),
        amount=monies(min_minor=1),
        period=intervals(),
    )


def support_obligations(
    *, targets: st.SearchStrategy[dt.timedelta] | None = None
) -> st.SearchStrategy[SupportObligation]:
    """Support obligations of a page to a buyer, with a positive target."""
    return st.builds(
        SupportObligation,
        _IDS,
        parties(kinds=st.just(PartyKind.PERSON)),
        page_id=_IDS,
        conversation_id=_IDS,
        opened_at=aware_datetimes(),
        target=(
            targets
            if targets is not None
            else st.timedeltas(
                min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=1)
            )
        ),
    )


def _payment_types() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each payment model (merged into :func:`by_type`)."""
    return {
        BankAccount: bank_accounts(),
        Card: cards(),
        FeeKept: st.just(FeeKept()),
        FeeQuote: fee_quotes(),
        FeeRule: fee_rules(),
        FeeTier: fee_tiers(),
        FixedPlusPercentageFee: fixed_plus_percentage_fees(),
        PageAccount: page_accounts(),
        Party: parties(),
        PayPal: paypal_accounts(),
        Payment: payments(),
        Payout: payouts(),
        PayoutAccount: payout_accounts(),
        PercentageFee: percentage_fees(),
        ProRataFeeReturn: st.builds(ProRataFeeReturn, rounding_modes()),
        Refund: refunds(),
        Statement: statements(),
        StatementEntry: statement_entries(),
        SupportObligation: support_obligations(),
        TieredFee: tiered_fees(),
    }


# == end of payments ===========================================================
