"""Connection profiles and the filters that pick invitees (issue 18, Build 2
and 3)."""

import pytest

from carekit import InvalidValue
from carekit.events import ANYONE, Connection, ConnectionFilter

PEOPLE = [
    Connection(
        "ada", 1, location="Berlin", company="Acme", industry="Banking", school="ETH"
    ),
    Connection(
        "bob", 1, location="Paris", company="Acme", industry="Retail", school="ETH"
    ),
    Connection(
        "cy", 2, location="Berlin", company="Initech", industry="Banking", school="ETH"
    ),
    Connection(
        "di", 1, location="Berlin", company="Acme", industry="Banking", school="MIT"
    ),
    Connection("ed", 1),
]


def test_a_filter_by_school_and_industry_returns_exactly_the_matching_connections() -> (
    None
):
    """LinkedIn Events (2019): connections "can be invited using filters such
    as location, company, industry, and school"; issue 18: "all filters
    combine"."""
    where = ConnectionFilter(schools=["ETH"], industries=["Banking"])
    assert ["ada", "cy"] == [c.member for c in where.select(PEOPLE)]


def test_values_within_a_facet_are_alternatives() -> None:
    where = ConnectionFilter(locations=["Paris", "Berlin"], companies=["Acme"])
    assert ["ada", "bob", "di"] == [c.member for c in where.select(PEOPLE)]


def test_every_facet_combines() -> None:
    where = ConnectionFilter(
        locations=["Berlin"],
        companies=["Acme"],
        industries=["Banking"],
        schools=["MIT"],
    )
    assert ["di"] == [c.member for c in where.select(PEOPLE)]


def test_a_profile_without_the_fact_does_not_match_a_facet_that_asks_for_it() -> None:
    assert not ConnectionFilter(schools=["ETH"]).matches(PEOPLE[-1])


def test_no_facet_accepts_everyone() -> None:
    assert PEOPLE == list(ANYONE.select(PEOPLE))


def test_facets_are_sets() -> None:
    assert ConnectionFilter(schools=["MIT", "ETH", "MIT"]) == ConnectionFilter(
        schools=("ETH", "MIT")
    )


@pytest.mark.parametrize("bad", ["ETH", [""], [3]])
def test_a_facet_is_a_collection_of_names(bad: object) -> None:
    with pytest.raises(InvalidValue) as info:
        ConnectionFilter(schools=bad)  # type: ignore[arg-type]
    assert "schools" == info.value.field


def test_select_refuses_what_is_not_a_connection() -> None:
    with pytest.raises(InvalidValue) as info:
        ANYONE.select([PEOPLE[0], "bob"])  # type: ignore[list-item]
    assert "connections[1]" == info.value.field


@pytest.mark.parametrize("degree", [0, -1, True, 1.0])
def test_a_degree_is_one_or_more(degree: object) -> None:
    with pytest.raises(InvalidValue) as info:
        Connection("ada", degree)  # type: ignore[arg-type]
    assert "degree" == info.value.field


def test_first_degree_means_a_direct_connection() -> None:
    assert [True, True, False] == [c.is_first_degree for c in PEOPLE[:3]]
