"""Properties of the posts rules (issue 19, Must show): library filters return
a subset and sorting is a permutation; the top-5 lists are the true top 5
under the tie-break; weekly totals of additive metrics equal the sum of daily
values; the export round-trips. Each oracle is written from the rule's words,
not from the code under test."""

import datetime as dt
import itertools
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from carekit.intervals import Interval
from carekit.posts import (
    ADDITIVE_METRICS,
    CREATOR_STUDIO_2019,
    AccountKind,
    AudienceInsights,
    DailyInsights,
    FollowerCount,
    InstagramAccount,
    PageInsights,
    Post,
    PostInsights,
    PostKind,
    PostState,
    busiest_day,
    export_audience_insights,
    export_page_insights,
    export_post_insights,
    import_audience_insights,
    import_page_insights,
    import_post_insights,
    select_posts,
    sort_by_date,
    top_groups,
)
from carekit.serialization import structure, unstructure
from carekit.testing import strategies as cks

LIBRARIES = st.lists(cks.posts(), max_size=12)
KIND_SETS = st.none() | st.sets(st.sampled_from(PostKind))
STATE_SETS = st.none() | st.sets(st.sampled_from(PostState))


# -- the content library ---------------------------------------------------------


@given(LIBRARIES, KIND_SETS, STATE_SETS, st.none() | cks.intervals())
def test_filters_return_exactly_the_matching_subset_in_order(
    library: list[Post],
    kinds: set[PostKind] | None,
    states: set[PostState] | None,
    within: Interval | None,
) -> None:
    """ "Filter by kind, state and timeframe": a subset, order kept."""
    selected = select_posts(library, kinds=kinds, states=states, within=within)

    def wanted(post: Post) -> bool:
        moment = post.date.astimezone(dt.UTC)
        return (
            (kinds is None or post.kind in kinds)
            and (states is None or post.state in states)
            and (
                within is None
                or within.start.astimezone(dt.UTC)
                <= moment
                < within.end.astimezone(dt.UTC)
            )
        )

    assert [p for p in library if wanted(p)] == list(selected)


@given(LIBRARIES, st.booleans())
def test_sorting_is_a_stable_permutation_by_date(
    library: list[Post], descending: bool
) -> None:
    """ "Sort by date, ascending or descending, stable for equal dates"."""
    ordered = sort_by_date(library, descending=descending)
    assert sorted(map(id, library)) == sorted(map(id, ordered))
    instants = [p.date.astimezone(dt.UTC) for p in ordered]
    pairs = list(itertools.pairwise(instants))
    assert all((b <= a) if descending else (a <= b) for a, b in pairs)
    position = {id(p): i for i, p in enumerate(library)}
    for first, second in itertools.pairwise(ordered):
        if first.date.astimezone(dt.UTC) == second.date.astimezone(dt.UTC):
            assert position[id(first)] < position[id(second)]


# -- audience top 5 ---------------------------------------------------------------


def _beats(a: FollowerCount, b: FollowerCount) -> bool:
    """a ranks above b: more followers, or as many and a name first."""
    return a.followers > b.followers or (
        a.followers == b.followers and a.group < b.group
    )


@given(cks.audience_insights())
def test_the_top_five_are_the_true_top_five_under_the_tie_break(
    audience: AudienceInsights,
) -> None:
    """ "the top 5 countries and top 5 cities, ties broken by name": a group is
    in the top 5 exactly when fewer than 5 groups rank above it."""
    for everyone, top in (
        (audience.countries, audience.top_countries()),
        (audience.cities, audience.top_cities()),
    ):
        rank = {c.group: sum(_beats(o, c) for o in everyone) for c in everyone}
        expected = sorted(
            (c for c in everyone if rank[c.group] < 5), key=lambda c: rank[c.group]
        )
        assert expected == list(top)


@given(
    st.lists(cks.follower_counts(), unique_by=lambda c: c.group),
    st.permutations(range(8)),
)
def test_the_top_list_does_not_depend_on_input_order(
    counts: list[FollowerCount], order: Sequence[int]
) -> None:
    shuffled = sorted(counts, key=lambda c: order[hash(c.group) % 8])
    assert top_groups(counts) == top_groups(shuffled)


# -- page insights ----------------------------------------------------------------

AS_OF = dt.date(2025, 6, 8)
AROUND = st.integers(-3, 10).map(lambda n: AS_OF - dt.timedelta(days=n))


@given(
    st.lists(cks.daily_insights(days=AROUND), unique_by=lambda d: d.day, max_size=14)
)
def test_weekly_totals_of_additive_metrics_equal_the_sum_of_daily_values(
    days: list[DailyInsights],
) -> None:
    """ "Page insights, for the 7 days before as_of ... totals per additive
    interaction": each weekly total is the sum over the days of that week."""
    week = PageInsights.from_days(days, as_of=AS_OF)
    inside = [d for d in days if AS_OF - dt.timedelta(days=7) <= d.day < AS_OF]
    for name in ADDITIVE_METRICS:
        assert sum(getattr(d.counts, name) for d in inside) == getattr(
            week.counts, name
        )
    assert week.reach is None  # never summed from the days


# -- export and plain data ----------------------------------------------------------


@given(st.lists(cks.post_insights(), max_size=6))
def test_post_insights_export_round_trips(insights: list[PostInsights]) -> None:
    """ "Export as plain rows ...": the rows read back into equal insights."""
    rows = export_post_insights(insights)
    assert all(
        isinstance(v, str | int | type(None)) for row in rows for v in row.values()
    )
    assert tuple(insights) == import_post_insights(rows)


@given(st.lists(cks.page_insights(), max_size=4), cks.audience_insights())
def test_page_and_audience_export_round_trips(
    weeks: list[PageInsights], audience: AudienceInsights
) -> None:
    assert tuple(weeks) == import_page_insights(export_page_insights(weeks))
    assert audience == import_audience_insights(export_audience_insights(audience))


@given(
    st.one_of(
        cks.instagram_accounts(),
        cks.posts(),
        cks.scheduling_rules(),
        cks.refusals(),
        cks.story_navigations(),
        cks.post_insights(),
        cks.activity_counts(),
        cks.daily_insights(),
        cks.page_insights(),
        cks.follower_counts(),
        cks.audience_insights(),
    )
)
def test_every_posts_model_round_trips_through_plain_data(model: object) -> None:
    assert model == structure(unstructure(model), type(model))


# -- scheduling ---------------------------------------------------------------------

NOW = dt.datetime(2019, 8, 31, 12, 0, tzinfo=dt.UTC)
#: Six calendar months after NOW, by the calendar: 2020-02-29 (leap year).
SIX_MONTHS = dt.datetime(2020, 2, 29, 12, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
SPAN = dt.timedelta(hours=24)
TICK = dt.timedelta(microseconds=1)


@given(
    st.sampled_from(AccountKind),
    st.booleans(),
    st.sampled_from(PostKind),
    st.timedeltas(
        min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(days=200)
    )
    | st.sampled_from([10 * MINUTE, 10 * MINUTE - dt.timedelta(microseconds=1)]),
)
def test_the_2019_preset_allows_exactly_what_the_seed_says(
    kind: AccountKind, linked: bool, post_kind: PostKind, lead: dt.timedelta
) -> None:
    """2019: business accounts linked to a page, no stories, 10 minutes to 6
    months ahead, both inclusive."""
    account = InstagramAccount(
        "a", kind, linked_page_id="page" if linked and kind.is_professional else None
    )
    post = Post("p", "a", kind=post_kind, created_at=NOW)
    at = NOW + lead
    allowed = (
        kind is AccountKind.BUSINESS
        and account.has_linked_page
        and post_kind is not PostKind.STORY
        and 10 * MINUTE <= lead
        and at <= SIX_MONTHS
    )
    refusal = CREATOR_STUDIO_2019.refusal(post, account, at=at, now=NOW, planned=())
    assert allowed == (refusal is None)


#: Instants within 30 hours of NOW, some with a twin exactly 24 hours later
#: (on the window's open end), where an off-by-one would show.
PLANNED = st.lists(
    st.tuples(
        st.integers(-30 * 60, 30 * 60).map(lambda m: NOW + m * MINUTE), st.booleans()
    ),
    max_size=12,
).map(lambda pairs: [t for t, twin in pairs for t in ([t, t + SPAN] if twin else [t])])


@given(PLANNED)
def test_busiest_day_is_the_fullest_rolling_window_around_the_time(
    planned: list[dt.datetime],
) -> None:
    """The count changes only where a window's start passes a planned time or
    its end does, so trying every such start (and one tick after) finds the
    fullest window ``[s, s + 24 h)`` that holds NOW."""
    candidates = {NOW, NOW - SPAN + TICK}
    for t in planned:
        candidates |= {t, t + TICK, t - SPAN + TICK}
    starts = [s for s in candidates if NOW - SPAN < s <= NOW]
    expected = max(sum(s <= t < s + SPAN for t in planned) for s in starts)
    assert expected == busiest_day(planned, around=NOW)
