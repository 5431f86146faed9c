"""Hypothesis strategies for every public carekit model.

Conventions (after hypothesis and xarray): names are plural, bounds are
keyword-only and spelled ``min_size``/``max_size`` or ``min_value``/``max_value``,
arguments that shape a part take a strategy, and examples shrink toward simple
values: UTC, 2000-01-01, zero, empty collections.

Install with the ``testing`` extra (``pip install carekit[testing]``). Importing
this package needs Hypothesis; ``st.from_type`` finds these strategies without
importing it, through the ``hypothesis`` entry point.
"""

from ._adapters import attachments as attachments
from ._adapters import deliveries as deliveries
from ._adapters import echoes as echoes
from ._adapters import handovers as handovers
from ._adapters import message_deletions as message_deletions
from ._adapters import messages_received as messages_received
from ._adapters import postbacks as postbacks
from ._adapters import reads as reads
from ._adapters import referrals as referrals
from ._adapters import standby_events as standby_events
from ._adapters import standbys as standbys
from ._adapters import subscription_verifications as subscription_verifications
from ._adapters import threaded_exports as threaded_exports
from ._adapters import unknown_events as unknown_events
from ._adapters import unthreaded_tweets as unthreaded_tweets
from ._adapters import webhook_inputs as webhook_inputs
from ._analytics import duration_accumulators as duration_accumulators
from ._analytics import group_accumulators as group_accumulators
from ._analytics import groupings as groupings
from ._analytics import handling_times as handling_times
from ._analytics import handoffs as handoffs
from ._analytics import resolution_cycles as resolution_cycles
from ._analytics import resolutions as resolutions
from ._analytics import response_durations as response_durations
from ._analytics import response_time_rules as response_time_rules
from ._analytics import statistics as statistics
from ._common import identifiers as identifiers
from ._conversations import conversations as conversations
from ._conversations import languages as languages
from ._conversations import message_logs as message_logs
from ._conversations import messages as messages
from ._customers import admin_records as admin_records
from ._customers import consents as consents
from ._customers import crm_ids as crm_ids
from ._customers import customer_profiles as customer_profiles
from ._customers import notes as notes
from ._customers import profile_facts as profile_facts
from ._customers import team_roles as team_roles
from ._events import connection_filters as connection_filters
from ._events import connections as connections
from ._events import event_updates as event_updates
from ._events import events as events
from ._events import guest_lists as guest_lists
from ._events import invitation_refusals as invitation_refusals
from ._events import invitation_results as invitation_results
from ._events import locations as locations
from ._events import online_locations as online_locations
from ._events import organizers as organizers
from ._events import rsvp_results as rsvp_results
from ._events import rsvps as rsvps
from ._events import sent_invitations as sent_invitations
from ._events import venues as venues
from ._events import weekly_caps as weekly_caps
from ._money import currencies as currencies
from ._money import monies as monies
from ._money import ratios as ratios
from ._money import rounding_modes as rounding_modes
from ._payments import bank_accounts as bank_accounts
from ._payments import cards as cards
from ._payments import fee_policies as fee_policies
from ._payments import fee_quotes as fee_quotes
from ._payments import fee_rules as fee_rules
from ._payments import fee_tiers as fee_tiers
from ._payments import fixed_plus_percentage_fees as fixed_plus_percentage_fees
from ._payments import page_accounts as page_accounts
from ._payments import parties as parties
from ._payments import payment_methods as payment_methods
from ._payments import payment_purposes as payment_purposes
from ._payments import payments as payments
from ._payments import payout_accounts as payout_accounts
from ._payments import payouts as payouts
from ._payments import paypal_accounts as paypal_accounts
from ._payments import percentage_fees as percentage_fees
from ._payments import rates as rates
from ._payments import refund_fee_policies as refund_fee_policies
from ._payments import refunds as refunds
from ._payments import statement_entries as statement_entries
from ._payments import statements as statements
from ._payments import support_obligations as support_obligations
from ._payments import tiered_fees as tiered_fees
from ._posts import activity_counts as activity_counts
from ._posts import audience_insights as audience_insights
from ._posts import daily_insights as daily_insights
from ._posts import follower_counts as follower_counts
from ._posts import instagram_accounts as instagram_accounts
from ._posts import page_insights as page_insights
from ._posts import post_counts as post_counts
from ._posts import post_insights as post_insights
from ._posts import posts as posts
from ._posts import refusals as refusals
from ._posts import scheduling_rules as scheduling_rules
from ._posts import story_navigations as story_navigations
from ._privacy import card_numbers as card_numbers
from ._privacy import findings as findings
from ._privacy import move_to_private_proposals as move_to_private_proposals
from ._privacy import private_links as private_links
from ._privacy import redactors as redactors
from ._privacy import sensitive_texts as sensitive_texts
from ._registry import by_type as by_type
from ._responsiveness import EPOCH_2000 as EPOCH_2000
from ._responsiveness import aggregates as aggregates
from ._responsiveness import away_periods as away_periods
from ._responsiveness import badge_decisions as badge_decisions
from ._responsiveness import badge_policies as badge_policies
from ._responsiveness import condition_results as condition_results
from ._responsiveness import display_policies as display_policies
from ._responsiveness import evaluation_windows as evaluation_windows
from ._responsiveness import response_policies as response_policies
from ._responsiveness import response_rows as response_rows
from ._responsiveness import response_stats as response_stats
from ._routing import agent_snapshots as agent_snapshots
from ._routing import agents as agents
from ._routing import assignment_outcomes as assignment_outcomes
from ._routing import assignment_requests as assignment_requests
from ._routing import assignment_runs as assignment_runs
from ._routing import assignment_strategies as assignment_strategies
from ._routing import case_facts as case_facts
from ._routing import customer_attributes as customer_attributes
from ._routing import routing_decisions as routing_decisions
from ._routing import routing_rule_lists as routing_rule_lists
from ._routing import routing_rules as routing_rules
from ._routing import routing_tags as routing_tags
from ._sla import metric_statuses as metric_statuses
from ._sla import service_levels as service_levels
from ._sla import sla_cases as sla_cases
from ._sla import sla_events as sla_events
from ._sla import sla_statuses as sla_statuses
from ._tickets import approval_rules as approval_rules
from ._tickets import case_summaries as case_summaries
from ._tickets import departments as departments
from ._tickets import diagnoses as diagnoses
from ._tickets import draft_commands as draft_commands
from ._tickets import draft_events as draft_events
from ._tickets import drafts as drafts
from ._tickets import escalations as escalations
from ._tickets import heard_checklists as heard_checklists
from ._tickets import heard_requirements as heard_requirements
from ._tickets import heard_ticks as heard_ticks
from ._tickets import notify_departments as notify_departments
from ._tickets import priorities as priorities
from ._tickets import request_approvals as request_approvals
from ._tickets import return_to_authors as return_to_authors
from ._tickets import send_replies as send_replies
from ._tickets import team_members as team_members
from ._tickets import teams as teams
from ._tickets import ticket_commands as ticket_commands
from ._tickets import ticket_events as ticket_events
from ._tickets import ticket_statuses as ticket_statuses
from ._tickets import tickets as tickets
from ._tickets import work_sessions as work_sessions
from ._time import ZONES as ZONES
from ._time import aware_datetimes as aware_datetimes
from ._time import away_schedules as away_schedules
from ._time import business_calendars as business_calendars
from ._time import interval_sets as interval_sets
from ._time import intervals as intervals
from ._time import opening_hours as opening_hours
from ._time import timezones as timezones
from ._trust import daily_series as daily_series
from ._trust import engagement_flags as engagement_flags
from ._trust import review_checks as review_checks
from ._trust import review_flags as review_flags
from ._trust import review_lists as review_lists
from ._trust import reviews as reviews
from ._trust import suppression_flags as suppression_flags
from ._trust import trailing_spikes as trailing_spikes

__all__ = [
    "EPOCH_2000",
    "ZONES",
    "activity_counts",
    "admin_records",
    "agent_snapshots",
    "agents",
    "aggregates",
    "approval_rules",
    "assignment_outcomes",
    "assignment_requests",
    "assignment_runs",
    "assignment_strategies",
    "attachments",
    "audience_insights",
    "aware_datetimes",
    "away_periods",
    "away_schedules",
    "badge_decisions",
    "badge_policies",
    "bank_accounts",
    "business_calendars",
    "by_type",
    "card_numbers",
    "cards",
    "case_facts",
    "case_summaries",
    "condition_results",
    "connection_filters",
    "connections",
    "consents",
    "conversations",
    "crm_ids",
    "currencies",
    "customer_attributes",
    "customer_profiles",
    "daily_insights",
    "daily_series",
    "deliveries",
    "departments",
    "diagnoses",
    "display_policies",
    "draft_commands",
    "draft_events",
    "drafts",
    "duration_accumulators",
    "echoes",
    "engagement_flags",
    "escalations",
    "evaluation_windows",
    "event_updates",
    "events",
    "fee_policies",
    "fee_quotes",
    "fee_rules",
    "fee_tiers",
    "findings",
    "fixed_plus_percentage_fees",
    "follower_counts",
    "group_accumulators",
    "groupings",
    "guest_lists",
    "handling_times",
    "handoffs",
    "handovers",
    "heard_checklists",
    "heard_requirements",
    "heard_ticks",
    "identifiers",
    "instagram_accounts",
    "interval_sets",
    "intervals",
    "invitation_refusals",
    "invitation_results",
    "languages",
    "locations",
    "message_deletions",
    "message_logs",
    "messages",
    "messages_received",
    "metric_statuses",
    "monies",
    "move_to_private_proposals",
    "notes",
    "notify_departments",
    "online_locations",
    "opening_hours",
    "organizers",
    "page_accounts",
    "page_insights",
    "parties",
    "payment_methods",
    "payment_purposes",
    "payments",
    "payout_accounts",
    "payouts",
    "paypal_accounts",
    "percentage_fees",
    "post_counts",
    "post_insights",
    "postbacks",
    "posts",
    "priorities",
    "private_links",
    "profile_facts",
    "rates",
    "ratios",
    "reads",
    "redactors",
    "referrals",
    "refund_fee_policies",
    "refunds",
    "refusals",
    "request_approvals",
    "resolution_cycles",
    "resolutions",
    "response_durations",
    "response_policies",
    "response_rows",
    "response_stats",
    "response_time_rules",
    "return_to_authors",
    "review_checks",
    "review_flags",
    "review_lists",
    "reviews",
    "rounding_modes",
    "routing_decisions",
    "routing_rule_lists",
    "routing_rules",
    "routing_tags",
    "rsvp_results",
    "rsvps",
    "scheduling_rules",
    "send_replies",
    "sensitive_texts",
    "sent_invitations",
    "service_levels",
    "sla_cases",
    "sla_events",
    "sla_statuses",
    "standby_events",
    "standbys",
    "statement_entries",
    "statements",
    "statistics",
    "story_navigations",
    "subscription_verifications",
    "support_obligations",
    "suppression_flags",
    "team_members",
    "team_roles",
    "teams",
    "threaded_exports",
    "ticket_commands",
    "ticket_events",
    "ticket_statuses",
    "tickets",
    "tiered_fees",
    "timezones",
    "trailing_spikes",
    "unknown_events",
    "unthreaded_tweets",
    "venues",
    "webhook_inputs",
    "weekly_caps",
    "work_sessions",
]
