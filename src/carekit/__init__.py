"""carekit: a pure-domain, sans-I/O toolkit for social-media customer care.

This module only re-exports the public API; each name lives in a concept
module (``carekit.money``, ``carekit.intervals``...) documented on its own.
"""

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
from carekit.intervals import Interval as Interval
from carekit.intervals import IntervalSet as IntervalSet
from carekit.intervals import aware as aware
from carekit.messages import AuthorKind as AuthorKind
from carekit.messages import Direction as Direction
from carekit.messages import Message as Message
from carekit.messages import MessageKind as MessageKind
from carekit.messages import MessageLog as MessageLog
from carekit.messages import Visibility as Visibility
from carekit.money import Money as Money
from carekit.payments import Payment as Payment
from carekit.payments import PaymentPurpose as PaymentPurpose
from carekit.payments import PercentageFee as PercentageFee
from carekit.payments import facebook_pay_2019 as facebook_pay_2019
from carekit.responsiveness import BADGE_2015 as BADGE_2015
from carekit.responsiveness import BADGE_2016 as BADGE_2016
from carekit.responsiveness import BadgePolicy as BadgePolicy
from carekit.responsiveness import DisplayPolicy as DisplayPolicy
from carekit.responsiveness import ResponseAccumulator as ResponseAccumulator
from carekit.responsiveness import ResponsePolicy as ResponsePolicy
from carekit.responsiveness import ResponseStats as ResponseStats
from carekit.roles import TeamRole as TeamRole
from carekit.serialization import structure as structure
from carekit.serialization import unstructure as unstructure

__version__ = "0.1.0.dev0"
