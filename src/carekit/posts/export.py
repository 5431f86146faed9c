"""Insights as plain rows: carekit exports what Creator Studio could not.

Creator Studio (2019): "Unlike Facebook post, page and audience insights,
Instagram analytics cannot be exported at this time." carekit turns each kind
of insights into rows of plain values (``str``, ``int`` or ``None``) under
documented, stable columns, ready for ``csv.DictWriter`` or a dataframe, and
reads the same rows back into equal models.

Columns (in this order, never renamed):

- :data:`POST_COLUMNS`: ``post_id``, ``kind``, ``posted_at``, the counts of
  :data:`~carekit.posts.insights.POST_COUNTS` (``None`` when not reported),
  then story navigation ``taps_forward``, ``taps_back``, ``exits``,
  ``swipes_forward`` (all ``None`` for a post without navigation);
- :data:`PAGE_COLUMNS`: ``start``, ``end`` (ISO dates), the additive counts of
  :data:`~carekit.posts.insights.ADDITIVE_METRICS`, then ``reach``;
- :data:`AUDIENCE_COLUMNS`: ``breakdown`` (``age_ranges``, ``genders``,
  ``countries`` or ``cities``), ``group``, ``followers``.

Times are ISO 8601 with their offset and, when they have one, the IANA zone
in brackets (``2019-08-01T09:00:00+02:00[Europe/Berlin]``), as in
:mod:`carekit.serialization`. Reading is strict: a row with a missing or extra
column, or a value of the wrong type, raises
:class:`~carekit.errors.InvalidValue` naming the row and column
(``rows[3].likes``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from carekit.errors import CarekitError, InvalidValue
from carekit.posts._checks import items_of
from carekit.posts.insights import (
    ADDITIVE_METRICS,
    POST_COUNTS,
    ActivityCounts,
    AudienceInsights,
    FollowerCount,
    PageInsights,
    PostInsights,
    StoryNavigation,
)
from carekit.posts.post import PostKind
from carekit.serialization import converter

__all__ = [
    "AUDIENCE_COLUMNS",
    "NAVIGATION_COLUMNS",
    "PAGE_COLUMNS",
    "POST_COLUMNS",
    "Row",
    "export_audience_insights",
    "export_page_insights",
    "export_post_insights",
    "import_audience_insights",
    "import_page_insights",
    "import_post_insights",
]

Row = dict[str, str | int | None]
"""One exported row: column name -> plain value."""

NAVIGATION_COLUMNS: Final = tuple(a.name for a in attrs.fields(StoryNavigation))
"""The story navigation columns of a post row, one per action type."""
POST_COLUMNS: Final = (
    "post_id",
    "kind",
    "posted_at",
    *POST_COUNTS,
    *NAVIGATION_COLUMNS,
)
"""The columns of an exported post-insights row, in order."""
PAGE_COLUMNS: Final = ("start", "end", *ADDITIVE_METRICS, "reach")
"""The columns of an exported page-insights row, in order."""
AUDIENCE_COLUMNS: Final = ("breakdown", "group", "followers")
"""The columns of an exported audience-insights row, in order."""
_BREAKDOWNS: Final = tuple(a.name for a in attrs.fields(AudienceInsights))


def _checked(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> Any:
    """Yield ``(path, row)`` for rows with exactly *columns*."""
    for index, row in enumerate(items_of(rows, object, "rows")):
        path = f"rows[{index}]"
        if not isinstance(row, Mapping):
            raise InvalidValue(path, row, "must be a mapping of column to value")
        missing = [c for c in columns if c not in row]
        extra = sorted(str(c) for c in row if c not in columns)
        if missing or extra:
            raise InvalidValue(
                path, sorted(row), f"columns must be {', '.join(columns)}"
            )
        yield path, row


def _text(row: Mapping[str, Any], column: str, path: str) -> str:
    value = row[column]
    if not isinstance(value, str):
        raise InvalidValue(f"{path}.{column}", value, "must be a string")
    return value


def _parse(value: str, kind: type, path: str) -> Any:
    try:
        return converter.structure(value, kind)
    except (CarekitError, ValueError) as exc:
        raise InvalidValue(path, value, f"not an ISO 8601 {kind.__name__}") from exc


def _kind(value: str, path: str) -> PostKind:
    try:
        return PostKind(value)
    except ValueError:
        known = ", ".join(k.value for k in PostKind)
        raise InvalidValue(path, value, f"must be a post kind ({known})") from None


def _build(path: str, build: Any, *args: Any, **kwargs: Any) -> Any:
    """Call *build*, naming the row in any error it raises."""
    try:
        return build(*args, **kwargs)
    except InvalidValue as exc:
        raise InvalidValue(f"{path}.{exc.field}", exc.value, exc.rule) from exc


# -- post insights ---------------------------------------------------------------


def export_post_insights(insights: Iterable[PostInsights]) -> list[Row]:
    """One row per post, under :data:`POST_COLUMNS`."""
    rows: list[Row] = []
    for item in items_of(insights, PostInsights, "insights"):
        row: Row = {
            "post_id": item.post_id,
            "kind": item.kind.value,
            "posted_at": converter.unstructure(item.posted_at, dt.datetime),
        }
        row.update({name: getattr(item, name) for name in POST_COUNTS})
        nav = item.navigation
        row.update(
            {c: None if nav is None else getattr(nav, c) for c in NAVIGATION_COLUMNS}
        )
        rows.append(row)
    return rows


def import_post_insights(rows: Iterable[Mapping[str, Any]]) -> tuple[PostInsights, ...]:
    """The post insights in rows written by :func:`export_post_insights`.

    Raises:
        InvalidValue: A row breaks the columns or a value its rule; ``field``
            names the row and column.
    """
    result = []
    for path, row in _checked(rows, POST_COLUMNS):
        kind = _kind(_text(row, "kind", path), f"{path}.kind")
        posted_at = _parse(
            _text(row, "posted_at", path), dt.datetime, f"{path}.posted_at"
        )
        navigation = None
        if any(row[c] is not None for c in NAVIGATION_COLUMNS):
            for column in NAVIGATION_COLUMNS:
                if row[column] is None:
                    raise InvalidValue(
                        f"{path}.{column}",
                        None,
                        "story navigation columns are all set or all empty",
                    )
            navigation = _build(
                path, StoryNavigation, **{c: row[c] for c in NAVIGATION_COLUMNS}
            )
        counts = {name: row[name] for name in POST_COUNTS}
        result.append(
            _build(
                path,
                PostInsights,
                row["post_id"],
                kind,
                posted_at=posted_at,
                navigation=navigation,
                **counts,
            )
        )
    return tuple(result)


# -- page insights ---------------------------------------------------------------


def export_page_insights(insights: Iterable[PageInsights]) -> list[Row]:
    """One row per week, under :data:`PAGE_COLUMNS`."""
    rows: list[Row] = []
    for item in items_of(insights, PageInsights, "insights"):
        row: Row = {"start": item.start.isoformat(), "end": item.end.isoformat()}
        row.update({name: getattr(item.counts, name) for name in ADDITIVE_METRICS})
        row["reach"] = item.reach
        rows.append(row)
    return rows


def import_page_insights(rows: Iterable[Mapping[str, Any]]) -> tuple[PageInsights, ...]:
    """The page insights in rows written by :func:`export_page_insights`.

    Raises:
        InvalidValue: A row breaks the columns or a value its rule; ``field``
            names the row and column.
    """
    result = []
    for path, row in _checked(rows, PAGE_COLUMNS):
        start = _parse(_text(row, "start", path), dt.date, f"{path}.start")
        end = _parse(_text(row, "end", path), dt.date, f"{path}.end")
        counts = _build(path, ActivityCounts, **{n: row[n] for n in ADDITIVE_METRICS})
        result.append(
            _build(path, PageInsights, start, end, counts=counts, reach=row["reach"])
        )
    return tuple(result)


# -- audience insights -----------------------------------------------------------


def export_audience_insights(insights: AudienceInsights) -> list[Row]:
    """One row per group of each breakdown, under :data:`AUDIENCE_COLUMNS`."""
    if not isinstance(insights, AudienceInsights):
        raise InvalidValue("insights", insights, "must be an AudienceInsights")
    return [
        {"breakdown": name, "group": item.group, "followers": item.followers}
        for name in _BREAKDOWNS
        for item in getattr(insights, name)
    ]


def import_audience_insights(rows: Iterable[Mapping[str, Any]]) -> AudienceInsights:
    """The audience insights in rows written by :func:`export_audience_insights`.

    Raises:
        InvalidValue: A row breaks the columns or a value its rule, or an
            unknown breakdown; ``field`` names the row and column.
    """
    groups: dict[str, list[FollowerCount]] = {name: [] for name in _BREAKDOWNS}
    for path, row in _checked(rows, AUDIENCE_COLUMNS):
        breakdown = _text(row, "breakdown", path)
        if breakdown not in groups:
            raise InvalidValue(
                f"{path}.breakdown",
                breakdown,
                f"must be one of {', '.join(_BREAKDOWNS)}",
            )
        count = _build(path, FollowerCount, row["group"], row["followers"])
        groups[breakdown].append(count)
    audience: AudienceInsights = _build("rows", AudienceInsights, **groups)
    return audience
