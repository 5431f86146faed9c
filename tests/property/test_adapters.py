"""Properties of the adapters: threading an export does not depend on row
order, every tweet is accounted for, and no payload or row, however
malformed, raises anything but a carekit error."""

import contextlib
import datetime as dt
import random
from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from carekit.adapters.messenger import parse_webhook
from carekit.adapters.twitter_export import COLUMNS, thread_tweets
from carekit.errors import CarekitError

START = dt.datetime(2017, 10, 1, tzinfo=dt.UTC)
CUSTOMERS = ["101", "102", "103"]
BRANDS = ["AcmeHelp", "ParcelCare"]


@st.composite
def reply_forests(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Export rows of a random reply forest: each tweet replies to an earlier
    one or to none, by a customer or a brand, at times with many ties."""
    size = draw(st.integers(min_value=0, max_value=16))
    ids = draw(
        st.lists(
            st.integers(min_value=1, max_value=10**6),
            min_size=size,
            max_size=size,
            unique=True,
        )
    )
    rows: list[dict[str, Any]] = []
    for i, ident in enumerate(ids):
        parent = (
            draw(st.none() | st.integers(min_value=0, max_value=i - 1)) if i else None
        )
        inbound = draw(st.booleans())
        author = draw(st.sampled_from(CUSTOMERS if inbound else BRANDS))
        when = START + dt.timedelta(minutes=draw(st.integers(min_value=0, max_value=8)))
        parent_id = (
            ""
            if parent is None
            else draw(st.sampled_from([str(ids[parent]), f"{ids[parent]}.0"]))
        )
        rows.append(
            dict(
                zip(
                    COLUMNS,
                    (
                        draw(st.sampled_from([ident, str(ident), float(ident)])),
                        author,
                        draw(st.sampled_from([inbound, str(inbound)])),
                        when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                        f"tweet {ident}",
                        "",
                        parent_id,
                    ),
                    strict=True,
                )
            )
        )
    return rows


@given(rows=reply_forests(), seed=st.integers())
def test_shuffled_rows_give_the_same_conversations(
    rows: list[dict[str, Any]], seed: int
) -> None:
    """ "rows generated as a random reply forest, then shuffled, give the same
    conversations" """
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)
    assert thread_tweets(rows) == thread_tweets(shuffled)


@given(rows=reply_forests())
def test_every_tweet_lands_in_a_conversation_or_is_reported(
    rows: list[dict[str, Any]],
) -> None:
    """ "every message of the input lands in exactly one conversation, or is
    reported": a brand tweet in exactly one conversation; a customer tweet in
    exactly one per brand it asked; never both placed and reported."""
    export = thread_tweets(rows)
    reported = [u.tweet_id for u in export.unthreaded]
    placed = Counter(
        (brand, ident)
        for convo, brand in zip(export.conversations, export.brands, strict=True)
        for ident in convo.messages.ids
    )
    everywhere = {ident for _, ident in placed}
    assert len(reported) == len(set(reported))
    assert set() == everywhere & set(reported)
    ids = {str(int(float(r["tweet_id"]))) for r in rows}
    assert ids == everywhere | set(reported)
    assert all(1 == n for n in placed.values())
    brands = {str(int(float(r["tweet_id"]))) for r in rows if r["author_id"] in BRANDS}
    for convo in export.conversations:
        for message in convo.messages:
            if message.id in brands:
                assert 1 == sum(n for (_, i), n in placed.items() if i == message.id)


@given(rows=reply_forests())
def test_ties_are_ordered_by_depth_then_id(rows: list[dict[str, Any]]) -> None:
    depth: dict[str, int] = {}
    ident = [str(int(float(r["tweet_id"]))) for r in rows]
    for i, r in enumerate(rows):
        parent = r["in_response_to_tweet_id"]
        depth[ident[i]] = 0 if not parent else depth[str(int(float(parent)))] + 1
    for convo in thread_tweets(rows).conversations:
        keys = [(m.timestamp, depth[m.id], int(m.id)) for m in convo.messages]
        assert sorted(keys) == keys


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
KEYS = [
    "object",
    "entry",
    "id",
    "time",
    "messaging",
    "standby",
    "sender",
    "recipient",
    "timestamp",
    "message",
    "mid",
    "text",
    "is_echo",
    "app_id",
    "is_deleted",
    "attachments",
    "type",
    "payload",
    "url",
    "quick_reply",
    "reply_to",
    "story",
    "postback",
    "referral",
    "read",
    "watermark",
    "delivery",
    "mids",
    "pass_thread_control",
    "take_thread_control",
    "new_owner_app_id",
    "metadata",
]


def _payload() -> dict[str, Any]:
    who = {"sender": {"id": "u"}, "recipient": {"id": "p"}, "timestamp": 1700000000000}
    events = [
        {
            **who,
            "message": {
                "mid": "m",
                "text": "hi",
                "quick_reply": {"payload": "Q"},
                "reply_to": {"mid": "r", "story": {"url": "s"}},
                "attachments": [{"type": "image", "payload": {"url": "u"}}],
            },
        },
        {**who, "message": {"mid": "e", "is_echo": True, "app_id": 1, "metadata": "x"}},
        {**who, "message": {"mid": "d", "is_deleted": True}},
        {**who, "postback": {"title": "t", "payload": "p", "referral": {"ref": "r"}}},
        {**who, "read": {"watermark": 1700000000000, "mid": "m"}},
        {**who, "delivery": {"watermark": 1700000000000, "mids": ["m"]}},
        {**who, "pass_thread_control": {"new_owner_app_id": "1", "metadata": "m"}},
        {**who, "take_thread_control": {"previous_owner_app_id": "1"}},
        {**who, "reaction": {"mid": "m"}},
    ]
    return {
        "object": "page",
        "entry": [
            {"id": "p", "time": 1, "messaging": events, "standby": [dict(events[0])]}
        ],
    }


def _mutate(value: Any, draw: st.DrawFn) -> Any:
    """*value* with one sub-value (chosen by walking down) replaced by
    arbitrary JSON, or one key added or dropped."""
    if isinstance(value, dict) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value)))
        copy = dict(value)
        action = draw(st.sampled_from(["descend", "replace", "drop", "add"]))
        if action == "descend":
            copy[key] = _mutate(value[key], draw)
        elif action == "replace":
            copy[key] = draw(JSON)
        elif action == "drop":
            del copy[key]
        else:
            copy[draw(st.sampled_from(KEYS))] = draw(JSON)
        return copy
    if isinstance(value, list) and value and draw(st.booleans()):
        i = draw(st.integers(min_value=0, max_value=len(value) - 1))
        return [*value[:i], _mutate(value[i], draw), *value[i + 1 :]]
    return draw(JSON)


@given(data=st.data())
def test_fuzzed_payloads_raise_only_carekit_errors(data: st.DataObject) -> None:
    """ "fuzzing arbitrary JSON-like payloads ... into each adapter raises only
    carekit.errors exceptions" """
    payload = data.draw(
        st.builds(_payload).flatmap(
            lambda p: st.composite(lambda draw: _mutate(p, draw))()
        )
        | JSON
    )
    with contextlib.suppress(CarekitError):
        parse_webhook(payload)


CELLS = (
    JSON
    | st.sampled_from(
        [
            "True",
            "False",
            "3.0",
            "3.5",
            "1,2",
            "",
            "nan",
            "Tue Oct 31 22:10:47 +0000 2017",
        ]
    )
    | st.floats()
)


@given(
    rows=st.lists(
        st.lists(CELLS, min_size=0, max_size=8).map(tuple)
        | st.dictionaries(st.sampled_from(COLUMNS), CELLS, min_size=5)
        | JSON,
        max_size=4,
    )
    | JSON
)
def test_fuzzed_rows_raise_only_carekit_errors(rows: Any) -> None:
    with contextlib.suppress(CarekitError):
        thread_tweets(rows)


@given(rows=reply_forests(), data=st.data())
def test_fuzzed_cells_of_valid_rows_raise_only_carekit_errors(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    if rows:
        i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
        rows[i] = {**rows[i], data.draw(st.sampled_from(COLUMNS)): data.draw(CELLS)}
    with contextlib.suppress(CarekitError):
        thread_tweets(rows)
