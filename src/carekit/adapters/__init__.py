"""Adapters: what the platforms send, and what their exports hold, as carekit
models and inputs. Pure functions from parsed JSON or rows; no I/O.

Re-exports only; the formats and their mapping are in ``docs/adapters.md``.
"""

from carekit.adapters.messenger import Attachment as Attachment
from carekit.adapters.messenger import Delivery as Delivery
from carekit.adapters.messenger import Echo as Echo
from carekit.adapters.messenger import Handover as Handover
from carekit.adapters.messenger import HandoverKind as HandoverKind
from carekit.adapters.messenger import MessageDeleted as MessageDeleted
from carekit.adapters.messenger import MessageReceived as MessageReceived
from carekit.adapters.messenger import Postback as Postback
from carekit.adapters.messenger import Read as Read
from carekit.adapters.messenger import Referral as Referral
from carekit.adapters.messenger import Standby as Standby
from carekit.adapters.messenger import StandbyEvent as StandbyEvent
from carekit.adapters.messenger import Unknown as Unknown
from carekit.adapters.messenger import WebhookInput as WebhookInput
from carekit.adapters.messenger import parse_webhook as parse_webhook
from carekit.adapters.twitter_export import COLUMNS as COLUMNS
from carekit.adapters.twitter_export import ThreadedExport as ThreadedExport
from carekit.adapters.twitter_export import UnthreadedReason as UnthreadedReason
from carekit.adapters.twitter_export import UnthreadedTweet as UnthreadedTweet
from carekit.adapters.twitter_export import thread_tweets as thread_tweets
from carekit.adapters.webhooks import SIGNATURE_HEADER as SIGNATURE_HEADER
from carekit.adapters.webhooks import SubscriptionAccepted as SubscriptionAccepted
from carekit.adapters.webhooks import SubscriptionRefused as SubscriptionRefused
from carekit.adapters.webhooks import (
    SubscriptionVerification as SubscriptionVerification,
)
from carekit.adapters.webhooks import signature_header as signature_header
from carekit.adapters.webhooks import signature_is_valid as signature_is_valid
from carekit.adapters.webhooks import verify_subscription as verify_subscription

__all__ = [
    "COLUMNS",
    "SIGNATURE_HEADER",
    "Attachment",
    "Delivery",
    "Echo",
    "Handover",
    "HandoverKind",
    "MessageDeleted",
    "MessageReceived",
    "Postback",
    "Read",
    "Referral",
    "Standby",
    "StandbyEvent",
    "SubscriptionAccepted",
    "SubscriptionRefused",
    "SubscriptionVerification",
    "ThreadedExport",
    "Unknown",
    "UnthreadedReason",
    "UnthreadedTweet",
    "WebhookInput",
    "parse_webhook",
    "signature_header",
    "signature_is_valid",
    "thread_tweets",
    "verify_subscription",
]
