"""Instagram Graph API responses, loaded into carekit's insights.

One table per endpoint maps the Graph API's current metric names to
carekit's fields (:data:`MEDIA_METRICS`, :data:`ACCOUNT_METRICS`), so a
response loads as Meta returns it::

    {"data": [{"name": "views", "period": "lifetime",
               "values": [{"value": 1200}], "title": "Views", "id": "..."}]}

A value is read from ``values[0].value`` (one lifetime value) or from
``total_value.value``. Story ``navigation`` is read from its breakdown by
``story_navigation_action_type`` (``tap_forward``, ``tap_back``, ``tap_exit``,
``swipe_forward``; any letter case), as the API returns it since v18 under
``total_value.breakdowns[0].results``. ``follower_demographics`` is read from
its ``age``, ``gender``, ``country`` and ``city`` breakdowns.

The names are Graph API v22.0's (2025-01-21): ``views`` replaced
``impressions`` and ``plays``, "deprecated for v22.0 and ... for all versions
on April 21, 2025" (Meta for Developers). ``impressions`` still loads, for
media posted before 2025-04-21.

Loading is strict: an unknown metric, a metric given twice, a value that is
not a count, or a breakdown total that does not match its parts raises
:class:`~carekit.errors.InvalidValue` whose ``field`` is the path into the
payload (``$.data[1].values[0].value``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from carekit.errors import InvalidValue
from carekit.posts._checks import require_count
from carekit.posts.insights import (
    ActivityCounts,
    AudienceInsights,
    FollowerCount,
    PageInsights,
    PostInsights,
    StoryNavigation,
)
from carekit.posts.post import PostKind

__all__ = [
    "ACCOUNT_METRICS",
    "AUDIENCE_DIMENSIONS",
    "MEDIA_METRICS",
    "NAVIGATION_ACTIONS",
    "load_audience_insights",
    "load_page_insights",
    "load_post_insights",
]

MEDIA_METRICS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "total_interactions": "interactions",
        "profile_visits": "profile_visits",
        "reach": "reach",
        "follows": "follows",
        "views": "views",
        "impressions": "impressions",
        "website_clicks": "website_clicks",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "saved": "saves",
        "replies": "replies",
        "navigation": "navigation",
    }
)
"""Media insights (``GET /<IG_MEDIA_ID>/insights``): Graph API metric name ->
:class:`~carekit.posts.PostInsights` field."""

NAVIGATION_ACTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "tap_forward": "taps_forward",
        "tap_back": "taps_back",
        "tap_exit": "exits",
        "swipe_forward": "swipes_forward",
    }
)
"""``story_navigation_action_type`` value -> :class:`~carekit.posts.StoryNavigation`
field."""

ACCOUNT_METRICS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "total_interactions": "interactions",
        "reach": "reach",
        "views": "views",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "saves": "saves",
        "replies": "replies",
        "profile_views": "profile_visits",
        "profile_links_taps": "website_clicks",
    }
)
"""Account insights over a range (``GET /<IG_USER_ID>/insights`` with
``metric_type=total_value``): Graph API metric name -> field of
:class:`~carekit.posts.PageInsights` (``reach``) or of its counts."""

AUDIENCE_DIMENSIONS: Final[Mapping[str, str]] = MappingProxyType(
    {"age": "age_ranges", "gender": "genders", "country": "countries", "city": "cities"}
)
"""``follower_demographics`` breakdown -> :class:`~carekit.posts.AudienceInsights`
field."""


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidValue(path, value, "must be a JSON object")
    return value


def _array(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidValue(path, value, "must be a JSON array")
    return value


def _entries(payload: object) -> list[tuple[str, str, Mapping[str, Any]]]:
    """``(path, name, entry)`` for each metric of *payload*, names unique."""
    data = _array(_object(payload, "$").get("data"), "$.data")
    seen: set[str] = set()
    found = []
    for index, raw in enumerate(data):
        path = f"$.data[{index}]"
        entry = _object(raw, path)
        name = entry.get("name")
        if not isinstance(name, str):
            raise InvalidValue(f"{path}.name", name, "must be a metric name")
        if name in seen:
            raise InvalidValue(f"{path}.name", name, "each metric appears once")
        seen.add(name)
        found.append((path, name, entry))
    return found


def _known(name: str, path: str, table: Mapping[str, str]) -> str:
    if name not in table:
        known = ", ".join(sorted(table))
        raise InvalidValue(f"{path}.name", name, f"unknown metric; known: {known}")
    return table[name]


def _value(entry: Mapping[str, Any], path: str) -> int | None:
    """The single value of a metric: ``values[0].value`` or ``total_value.value``."""
    if "values" in entry:
        values = _array(entry["values"], f"{path}.values")
        if len(values) != 1:
            raise InvalidValue(f"{path}.values", values, "must hold one lifetime value")
        point = _object(values[0], f"{path}.values[0]")
        return require_count(point.get("value"), f"{path}.values[0].value")
    total = _object(entry.get("total_value"), f"{path}.total_value")
    if "value" not in total:
        return None
    return require_count(total["value"], f"{path}.total_value.value")


def _breakdown(
    entry: Mapping[str, Any], path: str, dimension: Callable[[str, str], str]
) -> dict[str, dict[str, int]]:
    """Tallies per dimension from ``total_value.breakdowns``.

    *dimension* maps a ``dimension_keys`` item (and its path) to carekit's
    name for it; a dimension covered by two breakdowns is refused.
    """
    total = _object(entry.get("total_value"), f"{path}.total_value")
    breakdowns = _array(total.get("breakdowns"), f"{path}.total_value.breakdowns")
    tallies: dict[str, dict[str, int]] = {}
    for b_index, raw in enumerate(breakdowns):
        b_path = f"{path}.total_value.breakdowns[{b_index}]"
        keys = _array(
            _object(raw, b_path).get("dimension_keys"), f"{b_path}.dimension_keys"
        )
        names = [dimension(str(key), f"{b_path}.dimension_keys") for key in keys]
        for name in names:
            if name in tallies:
                raise InvalidValue(
                    f"{b_path}.dimension_keys", keys, "a dimension twice"
                )
            tallies[name] = {}
        results = _array(raw.get("results"), f"{b_path}.results")
        for r_index, result in enumerate(results):
            _tally(result, f"{b_path}.results[{r_index}]", names, tallies)
    return tallies


def _tally(
    raw: object, path: str, names: list[str], tallies: dict[str, dict[str, int]]
) -> None:
    result = _object(raw, path)
    values = _array(result.get("dimension_values"), f"{path}.dimension_values")
    if len(values) != len(names) or not all(isinstance(v, str) and v for v in values):
        raise InvalidValue(
            f"{path}.dimension_values", values, "one non-empty string per dimension key"
        )
    amount = require_count(result.get("value"), f"{path}.value")
    for name, group in zip(names, values, strict=True):
        tallies[name][group] = tallies[name].get(group, 0) + amount


# -- media ---------------------------------------------------------------------


def _navigation_key(key: str, path: str) -> str:
    if key != "story_navigation_action_type":
        raise InvalidValue(
            path, key, "navigation breaks down by story_navigation_action_type"
        )
    return "navigation"


def _navigation(entry: Mapping[str, Any], path: str) -> StoryNavigation:
    total = _value(entry, path)
    actions = _breakdown(entry, path, _navigation_key).get("navigation")
    if actions is None:
        raise InvalidValue(
            f"{path}.total_value.breakdowns",
            [],
            "navigation needs breakdown=story_navigation_action_type",
        )
    fields: dict[str, int] = {}
    for action, amount in actions.items():
        key = action.lower()
        if key not in NAVIGATION_ACTIONS:
            known = ", ".join(NAVIGATION_ACTIONS)
            raise InvalidValue(
                path, action, f"unknown navigation action; known: {known}"
            )
        fields[NAVIGATION_ACTIONS[key]] = (
            fields.get(NAVIGATION_ACTIONS[key], 0) + amount
        )
    navigation = StoryNavigation(**fields)
    if total is not None and total != navigation.total:
        raise InvalidValue(
            f"{path}.total_value.value",
            total,
            f"the navigation total is the sum of its actions ({navigation.total})",
        )
    return navigation


def load_post_insights(
    payload: object, *, post_id: str, kind: PostKind, posted_at: dt.datetime
) -> PostInsights:
    """The :class:`~carekit.posts.PostInsights` in a media insights response.

    Args:
        payload: The decoded JSON of ``GET /<IG_MEDIA_ID>/insights``; several
            responses' ``data`` arrays may be joined into one.
        post_id: The caller's id for the post.
        kind: The post's kind.
        posted_at: When the post was published (timezone-aware).

    Raises:
        InvalidValue: The payload breaks its shape (``field`` is the path) or
            the insights break their rules.
    """
    fields: dict[str, Any] = {}
    for path, name, entry in _entries(payload):
        target = _known(name, path, MEDIA_METRICS)
        if target == "navigation":
            fields[target] = _navigation(entry, path)
        else:
            fields[target] = _value(entry, path)
    return PostInsights(post_id, kind, posted_at=posted_at, **fields)


# -- account -------------------------------------------------------------------


def load_page_insights(
    payload: object, *, as_of: dt.date, posts_made: int
) -> PageInsights:
    """The :class:`~carekit.posts.PageInsights` for the 7 days before *as_of*,
    from an account insights response over exactly that range (``period=day``,
    ``metric_type=total_value``, ``since``/``until`` 7 days apart).

    The API reports ``reach`` over the range as unique accounts; it is kept as
    given. The API has no count of posts made, so the caller passes it
    (:func:`~carekit.posts.count_published` counts it from the library).

    Raises:
        InvalidValue: The payload breaks its shape (``field`` is the path) or
            the insights break their rules.
    """
    counts: dict[str, int] = {"posts": require_count(posts_made, "posts_made")}
    reach = None
    for path, name, entry in _entries(payload):
        target = _known(name, path, ACCOUNT_METRICS)
        value = _value(entry, path)
        if target == "reach":
            reach = value
        elif value is not None:
            counts[target] = value
    start = as_of - dt.timedelta(days=7)
    return PageInsights(start, as_of, counts=ActivityCounts(**counts), reach=reach)


def _audience_key(key: str, path: str) -> str:
    if key not in AUDIENCE_DIMENSIONS:
        known = ", ".join(AUDIENCE_DIMENSIONS)
        raise InvalidValue(path, key, f"unknown audience breakdown; known: {known}")
    return AUDIENCE_DIMENSIONS[key]


def load_audience_insights(payload: object) -> AudienceInsights:
    """The :class:`~carekit.posts.AudienceInsights` in a
    ``follower_demographics`` response (``metric_type=total_value``, broken
    down by ``age``, ``gender``, ``country`` and/or ``city``).

    A breakdown by two keys (``age,gender``) adds each result to both
    dimensions.

    Raises:
        InvalidValue: The payload breaks its shape (``field`` is the path), a
            metric other than ``follower_demographics``, or a dimension given
            by two breakdowns.
    """
    tallies: dict[str, dict[str, int]] = {}
    for path, name, entry in _entries(payload):
        if name != "follower_demographics":
            raise InvalidValue(f"{path}.name", name, "must be follower_demographics")
        tallies = _breakdown(entry, path, _audience_key)
    groups = {
        name: [FollowerCount(group, n) for group, n in tally.items()]
        for name, tally in tallies.items()
    }
    return AudienceInsights(**groups)
