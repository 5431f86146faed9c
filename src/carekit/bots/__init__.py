"""A sans-I/O bot engine: the adapters' inputs in, actions out, with a
serializable per-page state and ``next_deadline(now)``.

Re-exports only; see ``docs/bots.md``.
"""

from carekit.bots.actions import SEND_ACTIONS as SEND_ACTIONS
from carekit.bots.actions import ApplyTags as ApplyTags
from carekit.bots.actions import BotAction as BotAction
from carekit.bots.actions import CreateTicket as CreateTicket
from carekit.bots.actions import RequestSurvey as RequestSurvey
from carekit.bots.actions import SendAwayMessage as SendAwayMessage
from carekit.bots.actions import SendInstantReply as SendInstantReply
from carekit.bots.actions import SlaAlert as SlaAlert
from carekit.bots.actions import SuggestAnswers as SuggestAnswers
from carekit.bots.actions import SuggestedAnswer as SuggestedAnswer
from carekit.bots.actions import UpdateTicket as UpdateTicket
from carekit.bots.actions import WindowClosed as WindowClosed
from carekit.bots.engine import ANSWERED_TAG as ANSWERED_TAG
from carekit.bots.engine import HANDED_OVER_TAG as HANDED_OVER_TAG
from carekit.bots.engine import BotEngine as BotEngine
from carekit.bots.engine import KnowledgePolicy as KnowledgePolicy
from carekit.bots.engine import Suggested as Suggested
from carekit.bots.inputs import AwayStatusChanged as AwayStatusChanged
from carekit.bots.inputs import BotInput as BotInput
from carekit.bots.inputs import TicketUpdated as TicketUpdated
from carekit.bots.inputs import TimePassed as TimePassed
from carekit.bots.state import ConversationState as ConversationState
from carekit.bots.state import PageState as PageState

__all__ = [
    "ANSWERED_TAG",
    "HANDED_OVER_TAG",
    "SEND_ACTIONS",
    "ApplyTags",
    "AwayStatusChanged",
    "BotAction",
    "BotEngine",
    "BotInput",
    "ConversationState",
    "CreateTicket",
    "KnowledgePolicy",
    "PageState",
    "RequestSurvey",
    "SendAwayMessage",
    "SendInstantReply",
    "SlaAlert",
    "SuggestAnswers",
    "Suggested",
    "SuggestedAnswer",
    "TicketUpdated",
    "TimePassed",
    "UpdateTicket",
    "WindowClosed",
]
