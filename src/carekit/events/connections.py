"""An organizer's connections and the filters that pick whom to invite.

Rule ("How To Create A LinkedIn Event", a social-care newsletter, November
2019): "Once an event is created, personal connections can be invited using
filters such as location, company, industry, and school."

A :class:`ConnectionFilter` names the values it accepts for each of the four
facets. Within a facet any listed value matches; across facets every facet
must match (the filters combine); a facet with no values accepts everyone.
Values match exactly, as LinkedIn's facets are picked from a list, not typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._validate import non_empty_str, optional_non_empty_str, string_set
from carekit.errors import InvalidValue

__all__ = ["ANYONE", "FIRST_DEGREE", "Connection", "ConnectionFilter"]

FIRST_DEGREE = 1
"""The degree of a direct connection: the only one an event invitation reaches."""


def _check_degree(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < FIRST_DEGREE:
        raise InvalidValue(
            "degree", value, "must be an int of at least 1 (1 is a direct connection)"
        )


@frozen
class Connection:
    """A member's profile as the organizer sees it.

    Attributes:
        member: The member's id.
        degree: How far the member is from the organizer: 1 for a direct
            (first-degree) connection, 2 for a connection of a connection...
        location: Where the member is, if their profile says.
        company: Where they work, if their profile says.
        industry: Their industry, if their profile says.
        school: Their school, if their profile says.
    """

    member: str = field(validator=non_empty_str)
    degree: int = field(validator=_check_degree)
    location: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    company: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    industry: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    school: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )

    @property
    def is_first_degree(self) -> bool:
        """True for a direct connection of the organizer."""
        return self.degree == FIRST_DEGREE


def _locations(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "locations")


def _companies(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "companies")


def _industries(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "industries")


def _schools(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "schools")


def _accepts(allowed: tuple[str, ...], value: str | None) -> bool:
    return not allowed or value in allowed


@frozen
class ConnectionFilter:
    """Which connections to invite, by location, company, industry and school.

    Each facet holds the values it accepts (kept sorted and without
    duplicates); an empty facet accepts everyone. A connection matches when
    every facet accepts it.

    >>> alumni = ConnectionFilter(schools=["INSEAD"], industries=["Banking"])
    >>> alumni.matches(Connection("ada", 1, school="INSEAD", industry="Banking"))
    True
    >>> alumni.matches(Connection("bob", 1, school="INSEAD", industry="Retail"))
    False

    Attributes:
        locations: Accepted locations.
        companies: Accepted companies.
        industries: Accepted industries.
        schools: Accepted schools.

    Raises:
        InvalidValue: A facet is a bare string or holds a blank value.
    """

    locations: tuple[str, ...] = field(default=(), kw_only=True, converter=_locations)
    companies: tuple[str, ...] = field(default=(), kw_only=True, converter=_companies)
    industries: tuple[str, ...] = field(default=(), kw_only=True, converter=_industries)
    schools: tuple[str, ...] = field(default=(), kw_only=True, converter=_schools)

    def matches(self, connection: Connection) -> bool:
        """True when every facet accepts *connection*."""
        return (
            _accepts(self.locations, connection.location)
            and _accepts(self.companies, connection.company)
            and _accepts(self.industries, connection.industry)
            and _accepts(self.schools, connection.school)
        )

    def select(self, connections: Iterable[Connection]) -> tuple[Connection, ...]:
        """The connections that match, in their given order.

        Raises:
            InvalidValue: An item is not a :class:`Connection`.
        """
        chosen = []
        for index, connection in enumerate(connections):
            if not isinstance(connection, Connection):
                raise InvalidValue(
                    f"connections[{index}]", connection, "must be a Connection"
                )
            if self.matches(connection):
                chosen.append(connection)
        return tuple(chosen)


ANYONE = ConnectionFilter()
"""The filter with no facets: it accepts every connection."""
