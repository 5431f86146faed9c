"""Instagram posts and insights, as Creator Studio showed them (2019) and
the Graph API names them today (v22, 2025).

This package only re-exports; each name lives in a concept module:

- ``accounts``: personal, creator and business accounts, and the linked page;
- ``post``: post kinds, states and the post-state transition table;
- ``scheduling``: the scheduling policy and its dated presets;
- ``library``: filtering and sorting the content library;
- ``insights``: post, page and audience insights;
- ``graph_api``: loading Graph API responses into insights;
- ``export``: insights as plain rows and back.
"""

from carekit.posts.accounts import AccountKind as AccountKind
from carekit.posts.accounts import InstagramAccount as InstagramAccount
from carekit.posts.export import AUDIENCE_COLUMNS as AUDIENCE_COLUMNS
from carekit.posts.export import NAVIGATION_COLUMNS as NAVIGATION_COLUMNS
from carekit.posts.export import PAGE_COLUMNS as PAGE_COLUMNS
from carekit.posts.export import POST_COLUMNS as POST_COLUMNS
from carekit.posts.export import Row as Row
from carekit.posts.export import export_audience_insights as export_audience_insights
from carekit.posts.export import export_page_insights as export_page_insights
from carekit.posts.export import export_post_insights as export_post_insights
from carekit.posts.export import import_audience_insights as import_audience_insights
from carekit.posts.export import import_page_insights as import_page_insights
from carekit.posts.export import import_post_insights as import_post_insights
from carekit.posts.graph_api import ACCOUNT_METRICS as ACCOUNT_METRICS
from carekit.posts.graph_api import AUDIENCE_DIMENSIONS as AUDIENCE_DIMENSIONS
from carekit.posts.graph_api import MEDIA_METRICS as MEDIA_METRICS
from carekit.posts.graph_api import NAVIGATION_ACTIONS as NAVIGATION_ACTIONS
from carekit.posts.graph_api import load_audience_insights as load_audience_insights
from carekit.posts.graph_api import load_page_insights as load_page_insights
from carekit.posts.graph_api import load_post_insights as load_post_insights
from carekit.posts.insights import ADDITIVE_METRICS as ADDITIVE_METRICS
from carekit.posts.insights import AUDIENCE_TOP as AUDIENCE_TOP
from carekit.posts.insights import IMPRESSIONS_RETIRED as IMPRESSIONS_RETIRED
from carekit.posts.insights import PAGE_DAYS as PAGE_DAYS
from carekit.posts.insights import POST_COUNTS as POST_COUNTS
from carekit.posts.insights import ActivityCounts as ActivityCounts
from carekit.posts.insights import AudienceInsights as AudienceInsights
from carekit.posts.insights import DailyInsights as DailyInsights
from carekit.posts.insights import FollowerCount as FollowerCount
from carekit.posts.insights import PageInsights as PageInsights
from carekit.posts.insights import PostInsights as PostInsights
from carekit.posts.insights import StoryNavigation as StoryNavigation
from carekit.posts.insights import add_up as add_up
from carekit.posts.insights import top_groups as top_groups
from carekit.posts.library import count_published as count_published
from carekit.posts.library import due_posts as due_posts
from carekit.posts.library import next_due as next_due
from carekit.posts.library import select_posts as select_posts
from carekit.posts.library import sort_by_date as sort_by_date
from carekit.posts.post import TRANSITIONS as TRANSITIONS
from carekit.posts.post import Post as Post
from carekit.posts.post import PostKind as PostKind
from carekit.posts.post import PostMove as PostMove
from carekit.posts.post import PostState as PostState
from carekit.posts.post import next_state as next_state
from carekit.posts.scheduling import CONTENT_PUBLISHING_2023 as CONTENT_PUBLISHING_2023
from carekit.posts.scheduling import CREATOR_STUDIO_2019 as CREATOR_STUDIO_2019
from carekit.posts.scheduling import DEFAULT_PUBLISHING_CAP as DEFAULT_PUBLISHING_CAP
from carekit.posts.scheduling import PUBLISHING_SPAN as PUBLISHING_SPAN
from carekit.posts.scheduling import Refusal as Refusal
from carekit.posts.scheduling import SchedulingPolicy as SchedulingPolicy
from carekit.posts.scheduling import SchedulingRule as SchedulingRule
from carekit.posts.scheduling import SchedulingRules as SchedulingRules
from carekit.posts.scheduling import busiest_day as busiest_day
from carekit.posts.scheduling import schedule_post as schedule_post

__all__ = [
    "ACCOUNT_METRICS",
    "ADDITIVE_METRICS",
    "AUDIENCE_COLUMNS",
    "AUDIENCE_DIMENSIONS",
    "AUDIENCE_TOP",
    "CONTENT_PUBLISHING_2023",
    "CREATOR_STUDIO_2019",
    "DEFAULT_PUBLISHING_CAP",
    "IMPRESSIONS_RETIRED",
    "MEDIA_METRICS",
    "NAVIGATION_ACTIONS",
    "NAVIGATION_COLUMNS",
    "PAGE_COLUMNS",
    "PAGE_DAYS",
    "POST_COLUMNS",
    "POST_COUNTS",
    "PUBLISHING_SPAN",
    "TRANSITIONS",
    "AccountKind",
    "ActivityCounts",
    "AudienceInsights",
    "DailyInsights",
    "FollowerCount",
    "InstagramAccount",
    "PageInsights",
    "Post",
    "PostInsights",
    "PostKind",
    "PostMove",
    "PostState",
    "Refusal",
    "Row",
    "SchedulingPolicy",
    "SchedulingRule",
    "SchedulingRules",
    "StoryNavigation",
    "add_up",
    "busiest_day",
    "count_published",
    "due_posts",
    "export_audience_insights",
    "export_page_insights",
    "export_post_insights",
    "import_audience_insights",
    "import_page_insights",
    "import_post_insights",
    "load_audience_insights",
    "load_page_insights",
    "load_post_insights",
    "next_due",
    "next_state",
    "schedule_post",
    "select_posts",
    "sort_by_date",
    "top_groups",
]
