"""carekit: a pure-domain, sans-I/O toolkit for social-media customer care.

This module only re-exports the names most programs need: the models, the
errors and the main verbs of each capability (``measure_conversations``,
``decide``, ``displayed``, ``structure``...). Each name lives in a concept
module (``carekit.money``, ``carekit.responsiveness``...), documented there
with the rest of its API.
"""

from carekit.adapters import parse_webhook as parse_webhook
from carekit.adapters import signature_is_valid as signature_is_valid
from carekit.adapters import thread_tweets as thread_tweets
from carekit.adapters import verify_subscription as verify_subscription
from carekit.away import AwaySchedule as AwaySchedule
from carekit.business_hours import BusinessCalendar as BusinessCalendar
from carekit.business_hours import OpeningHours as OpeningHours
from carekit.business_hours import Weekday as Weekday
from carekit.conversations import Channel as Channel
from carekit.conversations import Conversation as Conversation
from carekit.conversations import ConversationStatus as ConversationStatus
from carekit.customers import AdminRecord as AdminRecord
from carekit.customers import Consent as Consent
from carekit.customers import CrmId as CrmId
from carekit.customers import CustomerProfile as CustomerProfile
from carekit.customers import Note as Note
from carekit.customers import ProfileFact as ProfileFact
from carekit.errors import CarekitError as CarekitError
from carekit.errors import CurrencyMismatch as CurrencyMismatch
from carekit.errors import IllegalTransition as IllegalTransition
from carekit.errors import InvalidValue as InvalidValue
from carekit.errors import PermissionDenied as PermissionDenied
from carekit.errors import PolicyError as PolicyError
from carekit.errors import StructureError as StructureError
from carekit.events import LINKEDIN_2019 as LINKEDIN_2019
from carekit.events import Event as Event
from carekit.events import GuestList as GuestList
from carekit.events import can_view as can_view
from carekit.events import invite as invite
from carekit.events import parse_linkedin as parse_linkedin
from carekit.events import to_linkedin as to_linkedin
from carekit.intervals import Interval as Interval
from carekit.intervals import IntervalSet as IntervalSet
from carekit.intervals import aware as aware
from carekit.knowledge import Article as Article
from carekit.knowledge import KnowledgeBase as KnowledgeBase
from carekit.messages import AuthorKind as AuthorKind
from carekit.messages import Direction as Direction
from carekit.messages import Message as Message
from carekit.messages import MessageKind as MessageKind
from carekit.messages import MessageLog as MessageLog
from carekit.messages import Visibility as Visibility
from carekit.money import Money as Money
from carekit.payments import FACEBOOK_PAY_2019 as FACEBOOK_PAY_2019
from carekit.payments import Payment as Payment
from carekit.payments import PaymentPurpose as PaymentPurpose
from carekit.payments import PercentageFee as PercentageFee
from carekit.payments import Statement as Statement
from carekit.posts import CREATOR_STUDIO_2019 as CREATOR_STUDIO_2019
from carekit.posts import Post as Post
from carekit.posts import schedule_post as schedule_post
from carekit.posts import select_posts as select_posts
from carekit.privacy import propose_move_to_private as propose_move_to_private
from carekit.privacy import redact as redact
from carekit.privacy import scan as scan
from carekit.responsiveness import BADGE_2015 as BADGE_2015
from carekit.responsiveness import BADGE_2016 as BADGE_2016
from carekit.responsiveness import BadgeCriteria as BadgeCriteria
from carekit.responsiveness import BadgeDecision as BadgeDecision
from carekit.responsiveness import BadgePolicy as BadgePolicy
from carekit.responsiveness import DisplayBands as DisplayBands
from carekit.responsiveness import DisplayPolicy as DisplayPolicy
from carekit.responsiveness import ResponseAccumulator as ResponseAccumulator
from carekit.responsiveness import ResponsePolicy as ResponsePolicy
from carekit.responsiveness import ResponseRules as ResponseRules
from carekit.responsiveness import ResponseStats as ResponseStats
from carekit.responsiveness import decide as decide
from carekit.responsiveness import displayed as displayed
from carekit.responsiveness import measure_columns as measure_columns
from carekit.responsiveness import measure_conversations as measure_conversations
from carekit.responsiveness import measure_rows as measure_rows
from carekit.roles import TeamRole as TeamRole
from carekit.routing import Agent as Agent
from carekit.routing import assign as assign
from carekit.routing import route as route
from carekit.serialization import structure as structure
from carekit.serialization import unstructure as unstructure
from carekit.sla import ServiceLevel as ServiceLevel
from carekit.sla import SlaPolicy as SlaPolicy
from carekit.sla import SlaStatus as SlaStatus
from carekit.tickets import Draft as Draft
from carekit.tickets import Priority as Priority
from carekit.tickets import Team as Team
from carekit.tickets import TeamMember as TeamMember
from carekit.tickets import Ticket as Ticket
from carekit.tickets import TicketStatus as TicketStatus
from carekit.tickets import WorkSession as WorkSession
from carekit.tickets import write_draft as write_draft
from carekit.trust import FTC_ENGAGEMENT_2024 as FTC_ENGAGEMENT_2024
from carekit.trust import FTC_REVIEWS_2024 as FTC_REVIEWS_2024
from carekit.trust import DailySeries as DailySeries
from carekit.trust import Review as Review
from carekit.trust import ReviewChecks as ReviewChecks
from carekit.trust import TrailingSpikes as TrailingSpikes

__version__ = "0.1.0.dev0"

__all__ = [
    "BADGE_2015",
    "BADGE_2016",
    "CREATOR_STUDIO_2019",
    "FACEBOOK_PAY_2019",
    "FTC_ENGAGEMENT_2024",
    "FTC_REVIEWS_2024",
    "LINKEDIN_2019",
    "AdminRecord",
    "Agent",
    "Article",
    "AuthorKind",
    "AwaySchedule",
    "BadgeCriteria",
    "BadgeDecision",
    "BadgePolicy",
    "BusinessCalendar",
    "CarekitError",
    "Channel",
    "Consent",
    "Conversation",
    "ConversationStatus",
    "CrmId",
    "CurrencyMismatch",
    "CustomerProfile",
    "DailySeries",
    "Direction",
    "DisplayBands",
    "DisplayPolicy",
    "Draft",
    "Event",
    "GuestList",
    "IllegalTransition",
    "Interval",
    "IntervalSet",
    "InvalidValue",
    "KnowledgeBase",
    "Message",
    "MessageKind",
    "MessageLog",
    "Money",
    "Note",
    "OpeningHours",
    "Payment",
    "PaymentPurpose",
    "PercentageFee",
    "PermissionDenied",
    "PolicyError",
    "Post",
    "Priority",
    "ProfileFact",
    "ResponseAccumulator",
    "ResponsePolicy",
    "ResponseRules",
    "ResponseStats",
    "Review",
    "ReviewChecks",
    "ServiceLevel",
    "SlaPolicy",
    "SlaStatus",
    "Statement",
    "StructureError",
    "Team",
    "TeamMember",
    "TeamRole",
    "Ticket",
    "TicketStatus",
    "TrailingSpikes",
    "Visibility",
    "Weekday",
    "WorkSession",
    "assign",
    "aware",
    "can_view",
    "decide",
    "displayed",
    "invite",
    "measure_columns",
    "measure_conversations",
    "measure_rows",
    "parse_linkedin",
    "parse_webhook",
    "propose_move_to_private",
    "redact",
    "route",
    "scan",
    "schedule_post",
    "select_posts",
    "signature_is_valid",
    "structure",
    "thread_tweets",
    "to_linkedin",
    "unstructure",
    "verify_subscription",
    "write_draft",
]
