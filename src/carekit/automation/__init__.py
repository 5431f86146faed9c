"""Automation: instant replies, away messages, loop guards and messaging
windows, each a policy with frozen defaults whose decisions explain
themselves. Pure computations; the bot engine (:mod:`carekit.bots`) calls
them."""

from carekit.automation.replies import AUTOMATIC_KINDS as AUTOMATIC_KINDS
from carekit.automation.replies import AutoDecision as AutoDecision
from carekit.automation.replies import AutomaticPlan as AutomaticPlan
from carekit.automation.replies import AwayMessage as AwayMessage
from carekit.automation.replies import AwayMessagePolicy as AwayMessagePolicy
from carekit.automation.replies import InstantReply as InstantReply
from carekit.automation.replies import InstantReplyPolicy as InstantReplyPolicy
from carekit.automation.replies import LoopGuardPolicy as LoopGuardPolicy
from carekit.automation.replies import LoopGuards as LoopGuards
from carekit.automation.replies import Situation as Situation
from carekit.automation.replies import plan_automatic as plan_automatic
from carekit.automation.windows import MESSENGER_2020 as MESSENGER_2020
from carekit.automation.windows import MessageTag as MessageTag
from carekit.automation.windows import MessagingWindow as MessagingWindow
from carekit.automation.windows import WindowDecision as WindowDecision
from carekit.automation.windows import WindowPolicy as WindowPolicy

__all__ = [
    "AUTOMATIC_KINDS",
    "MESSENGER_2020",
    "AutoDecision",
    "AutomaticPlan",
    "AwayMessage",
    "AwayMessagePolicy",
    "InstantReply",
    "InstantReplyPolicy",
    "LoopGuardPolicy",
    "LoopGuards",
    "MessageTag",
    "MessagingWindow",
    "Situation",
    "WindowDecision",
    "WindowPolicy",
    "plan_automatic",
]
