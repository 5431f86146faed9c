"""Knowledge-base articles: "title, body, tags, language, and a suggested
answer with placeholders" (issue 17), validated at construction."""

import pytest

from carekit.errors import CarekitError, InvalidValue
from carekit.knowledge import Article, KnowledgeBase, Suggestion


def article(**changes: object) -> Article:
    fields: dict[str, object] = {
        "body": "Refunds reach your card in 5 days.",
        "answer": "Hi {name}, the refund for {order} is on its way, {name}.",
        "language": "en",
        "tags": ["billing", "billing", "account"],
    }
    fields.update(changes)
    return Article("refunds", "How do I get a refund?", **fields)  # type: ignore[arg-type]


def test_placeholders_are_named_in_order_of_first_use() -> None:
    assert ("name", "order") == article().placeholders


def test_tags_are_a_sorted_set() -> None:
    assert ("account", "billing") == article().tags


def test_the_indexed_text_is_title_tags_and_body() -> None:
    expected = (
        "How do I get a refund?\naccount\nbilling\nRefunds reach your card in 5 days."
    )
    assert expected == article().indexed_text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"answer": "  "}, "answer"),
        ({"answer": "Hi {}"}, "answer"),
        ({"answer": "Hi {0}"}, "answer"),
        ({"answer": "Hi {user.name}"}, "answer"),
        ({"answer": "Hi {name!r}"}, "answer"),
        ({"answer": "Hi {name:>9}"}, "answer"),
        ({"answer": "Hi {name"}, "answer"),
        ({"answer": "Hi name}"}, "answer"),
        ({"language": "english please"}, "language"),
        ({"body": None}, "body"),
        ({"tags": "billing"}, "tags"),
        ({"tags": [""]}, "tags"),
    ],
)
def test_bad_articles_are_refused_naming_the_field(
    changes: dict[str, object], field: str
) -> None:
    """Placeholders are ``{name}`` only, so filling can only insert strings."""
    with pytest.raises(InvalidValue) as caught:
        article(**changes)
    assert field == caught.value.field


def test_blank_ids_and_titles_are_refused() -> None:
    with pytest.raises(InvalidValue, match="id"):
        Article(" ", "t", body="", answer="a")
    with pytest.raises(InvalidValue, match="title"):
        Article("a", "", body="", answer="a")


def test_braces_can_be_written_doubled() -> None:
    filled = article(answer="Use code {{SAVE}} now, {name}").fill({"name": "Ann"})
    assert "Use code {SAVE} now, Ann" == filled


def suggestion() -> Suggestion:
    others = [
        Article(topic, topic, body=f"All about {topic}.", answer="-")
        for topic in ("shipping", "passwords", "hours")
    ]
    found = KnowledgeBase.of([article(), *others]).suggest("refund", language="en")
    assert "refunds" == found[0].article.id
    return found[0]


def test_the_answer_fills_every_placeholder() -> None:
    filled = suggestion().answer(name="Ann", order="#12", unused="x")
    assert "Hi Ann, the refund for #12 is on its way, Ann." == filled


def test_values_are_inserted_as_they_are() -> None:
    """A value holding braces is not read as a placeholder."""
    filled = suggestion().answer(name="{order}", order="{{x}}")
    assert "Hi {order}, the refund for {{x}} is on its way, {order}." == filled


def test_a_missing_placeholder_is_a_carekit_error_naming_it() -> None:
    """ "A missing one is a carekit error naming it.\""""
    with pytest.raises(CarekitError) as caught:
        suggestion().answer(name="Ann")
    assert isinstance(caught.value, InvalidValue)
    assert "order" == caught.value.field
    assert "{order}" in str(caught.value)


def test_values_must_be_strings() -> None:
    with pytest.raises(InvalidValue) as caught:
        suggestion().answer(name="Ann", order=12)  # type: ignore[arg-type]
    assert "order" == caught.value.field


@pytest.mark.parametrize("values", [None, "name", 5, ["name"]])
def test_fill_takes_a_mapping_of_values(values: object) -> None:
    """Placeholders are filled from a mapping of names to strings; anything
    else is refused naming ``values``."""
    with pytest.raises(InvalidValue) as caught:
        article(answer="Hi {name}").fill(values)  # type: ignore[arg-type]
    assert "values" == caught.value.field
