"""The "Customer Support on Twitter" export: one conversation per reply tree,
per brand, per customer."""

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from carekit import structure, unstructure
from carekit.adapters.twitter_export import (
    COLUMNS,
    ThreadedExport,
    UnthreadedReason,
    UnthreadedTweet,
    thread_tweets,
)
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, Direction, Visibility

SAMPLE = Path(__file__).parents[1] / "examples" / "data" / "twitter_support_sample.csv"
T0 = "Tue Oct 31 22:10:47 +0000 2017"


def row(
    tweet: object,
    author: str,
    inbound: object,
    *,
    at: str = T0,
    text: str = "",
    replies: object = "",
    parent: object = "",
) -> dict[str, Any]:
    return dict(
        zip(COLUMNS, (tweet, author, inbound, at, text, replies, parent), strict=True)
    )


def shape(export: ThreadedExport) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (brand, c.customer_id, c.messages.ids)
        for c, brand in zip(export.conversations, export.brands, strict=True)
    ]


def test_a_multi_reply_tree_is_one_conversation() -> None:
    export = thread_tweets(
        [
            row(1, "101", "True", at="Tue Oct 31 22:10:47 +0000 2017", replies="2"),
            row(
                2,
                "Acme",
                "False",
                at="Tue Oct 31 22:12:00 +0000 2017",
                parent=1,
                replies="3",
            ),
            row(
                3,
                "101",
                "True",
                at="Tue Oct 31 22:15:00 +0000 2017",
                parent=2,
                replies="4",
            ),
            row(4, "Acme", "False", at="Tue Oct 31 22:16:00 +0000 2017", parent=3),
        ]
    )
    assert [("Acme", "101", ("1", "2", "3", "4"))] == shape(export)
    (convo,) = export.conversations
    assert Channel.TWITTER_PUBLIC is convo.channel
    first, reply = convo.messages[0], convo.messages[1]
    assert (Direction.INBOUND, AuthorKind.CUSTOMER) == (first.direction, first.author)
    assert (Direction.OUTBOUND, AuthorKind.AGENT, "Acme") == (
        reply.direction,
        reply.author,
        reply.author_id,
    )
    assert Visibility.PUBLIC is reply.visibility
    assert dt.datetime(2017, 10, 31, 22, 10, 47, tzinfo=dt.UTC) == first.timestamp
    assert () == export.unthreaded


def test_a_two_brand_tree_is_one_conversation_per_brand() -> None:
    """ "a tree answered by several brands becomes one conversation per brand" """
    export = thread_tweets(
        [
            row(10, "102", True, replies="11,12"),
            row(11, "Acme", False, parent=10),
            row(12, "Parcel", False, parent=10, replies="13"),
            row(13, "102", True, parent=12),
        ]
    )
    assert [("Acme", "102", ("10", "11")), ("Parcel", "102", ("10", "12", "13"))] == (
        shape(export)
    )
    assert ("Acme", "Parcel") == export.brand_names()
    assert ("twitter:10:Parcel:102",) == tuple(c.id for c in export.for_brand("Parcel"))


def test_a_two_customer_tree_is_one_conversation_per_customer() -> None:
    """ "a tree with several customers becomes one conversation per customer,
    with the brand's replies to that customer" """
    export = thread_tweets(
        [
            row(20, "103", "True"),
            row(21, "Acme", "False", parent=20),
            row(22, "104", "True", parent=20),
            row(23, "Acme", "False", parent=22),
            row(24, "104", "True", parent=21),
        ]
    )
    assert [("Acme", "103", ("20", "21")), ("Acme", "104", ("22", "23", "24"))] == (
        shape(export)
    )


def test_float_ids_are_the_exact_id_and_fractions_are_refused() -> None:
    """ "ids may arrive as ints, or as floats written 3.0 by tools that loaded
    the file. Normalize them to the exact id and refuse 3.5." """
    export = thread_tweets(
        [
            row(3, "105", "True", replies="4.0"),
            row(4.0, "Acme", "False", parent=3.0),
            row("5.0", "Acme", "False", parent="4"),
        ]
    )
    assert [("Acme", "105", ("3", "4", "5"))] == shape(export)
    with pytest.raises(InvalidValue) as caught:
        thread_tweets([row(3, "105", "True"), row(6, "Acme", "False", parent=3.5)])
    assert "rows[1].in_response_to_tweet_id" == caught.value.field
    with pytest.raises(InvalidValue, match="too large to be exact"):
        thread_tweets([row(2.0**60, "105", "True")])


def test_an_equal_timestamp_pair_is_ordered_by_depth_then_id() -> None:
    """ "Ties: equal timestamps are ordered by reply depth, then id." """
    export = thread_tweets(
        [
            row(12, "Acme", "False", parent=9),
            row(11, "Acme", "False", parent=9),
            row(9, "106", "True"),
            row(100, "Acme", "False", parent=12),
        ]
    )
    assert [("Acme", "106", ("9", "11", "12", "100"))] == shape(export)


def test_a_brand_opened_tree_has_no_thread_until_the_customer_writes() -> None:
    """ "a tree a brand opened has no customer thread until the customer
    writes" """
    opened = [row(50, "Parcel", "False")]
    assert ThreadedExport(
        [], [], unthreaded=[UnthreadedTweet("50", UnthreadedReason.BRAND_OPENED)]
    ) == thread_tweets(opened)
    export = thread_tweets(
        [
            *opened,
            row(51, "107", "True", parent=50),
            row(52, "Parcel", "False", parent=51),
        ]
    )
    assert [("Parcel", "107", ("51", "52"))] == shape(export)


def test_an_unanswered_tweet_is_reported() -> None:
    export = thread_tweets([row(70, "109", "True")])
    assert (UnthreadedTweet("70", UnthreadedReason.UNANSWERED),) == export.unthreaded


def test_text_with_cr_emoji_and_html_entities_is_kept_verbatim() -> None:
    """A bare \\r inside a quoted cell stays in the text when the file is read
    with newline=""; emoji and Twitter's HTML entities are kept as written."""
    text = "order &amp; refund stuck \U0001f624\rhelp &lt;3"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow(["60", "108", "True", T0, text, "61", ""])
    writer.writerow(["61", "Acme", "False", T0, "DM us \U0001f64f", "", "60"])
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert 2 == len(rows)
    (convo,) = thread_tweets(rows).conversations
    assert text == convo.messages[0].text


def test_tuples_and_dicts_give_the_same_export() -> None:
    dicts = [row(1, "101", "True"), row(2, "Acme", "False", parent=1)]
    tuples = [tuple(d[c] for c in COLUMNS) for d in dicts]
    assert thread_tweets(dicts) == thread_tweets(tuples)


def test_a_parent_outside_the_export_starts_a_tree() -> None:
    export = thread_tweets(
        [row(90, "111", "True", parent=89), row(91, "Acme", "False", parent=90)]
    )
    assert [("Acme", "111", ("90", "91"))] == shape(export)


def test_response_ids_link_a_reply_without_a_parent() -> None:
    export = thread_tweets(
        [row(1, "101", "True", replies="2"), row(2, "Acme", "False")]
    )
    assert [("Acme", "101", ("1", "2"))] == shape(export)


def test_the_shipped_sample_reads_with_every_quirk() -> None:
    with SAMPLE.open(newline="", encoding="utf-8") as file:
        export = thread_tweets(csv.DictReader(file))
    assert ("AcmeHelp", "ParcelCare") == export.brand_names()
    assert {"50", "70"} == {u.tweet_id for u in export.unthreaded}
    texts = [m.text for c in export.conversations for m in c.messages]
    assert any("\r" in t and "&amp;" in t for t in texts)


@pytest.mark.parametrize(
    ("rows", "path"),
    [
        ([row(1, "a", "True"), "text"], "rows[1]"),
        ([(1, "a", "True")], "rows[0]"),
        ([{"tweet_id": 1}], "rows[0].author_id"),
        ([row(None, "a", "True")], "rows[0].tweet_id"),
        ([row("x1", "a", "True")], "rows[0].tweet_id"),
        ([row(-3, "a", "True")], "rows[0].tweet_id"),
        ([row(True, "a", "True")], "rows[0].tweet_id"),
        ([row(1, "", "True")], "rows[0].author_id"),
        ([row(1, "a", "yes")], "rows[0].inbound"),
        ([row(1, "a", "True", at="2017-10-31T22:10:47Z")], "rows[0].created_at"),
        (
            [row(1, "a", "True", at="Mon Oct 31 22:10:47 +0000 2017")],
            "rows[0].created_at",
        ),
        (
            [row(1, "a", "True", at="Tue Oct 31 25:10:47 +0000 2017")],
            "rows[0].created_at",
        ),
        (
            [row(1, "a", "True", at="Tue Oct 32 22:10:47 +0000 2017")],
            "rows[0].created_at",
        ),
        (
            [row(1, "a", "True", at="Tue Oct 31 22:10:47 0000 2017")],
            "rows[0].created_at",
        ),
        (
            [row(1, "a", "True", at="Fri Dec 31 23:59:59 -2359 9999")],
            "rows[0].created_at",
        ),
        (
            [row(1, "a", "True", at="Mon Jan 01 00:00:00 +0100 0001")],
            "rows[0].created_at",
        ),
        (None, "rows"),
        ({"tweet_id": 1}, "rows"),
        ([row(1, "a", "True", text=5)], "rows[0].text"),  # type: ignore[arg-type]
        ([row(1, "a", "True", replies="2,x")], "rows[0].response_tweet_id"),
        ([row(1, "a", "True"), row(1.0, "b", "False")], "rows[1].tweet_id"),
        (
            [row(1, "a", "True", parent=2), row(2, "b", "False", parent=1)],
            "rows[0].in_response_to_tweet_id",
        ),
    ],
)
def test_malformed_rows_name_their_path(rows: list[Any], path: str) -> None:
    """ "every malformed payload or row raises a carekit.errors error whose
    message gives the path (rows[41].created_at)" """
    with pytest.raises(InvalidValue) as caught:
        thread_tweets(rows)
    assert path == caught.value.field


def test_created_at_offsets_are_applied() -> None:
    export = thread_tweets(
        [
            row(1, "101", "True", at="Tue Oct 31 23:10:47 +0100 2017"),
            row(2, "Acme", "False", parent=1),
        ]
    )
    first = export.conversations[0].messages[0].timestamp
    assert dt.datetime(2017, 10, 31, 22, 10, 47, tzinfo=dt.UTC) == first


def test_nan_cells_from_pandas_are_empty() -> None:
    nan = float("nan")
    export = thread_tweets(
        [
            row(1, "101", "True", replies=nan, parent=nan),
            row(2, "Acme", "False", parent=1.0, replies=nan),
        ]
    )
    assert [("Acme", "101", ("1", "2"))] == shape(export)


def test_the_export_round_trips_through_plain_data() -> None:
    with SAMPLE.open(newline="", encoding="utf-8") as file:
        export = thread_tweets(csv.DictReader(file))
    assert export == structure(unstructure(export), ThreadedExport)


def test_an_export_needs_one_brand_per_conversation() -> None:
    with pytest.raises(InvalidValue, match=r"^brands: "):
        ThreadedExport([], ["Acme"])
