"""Tickets and workflows: cases as values changed by commands, escalation to
departments, work sessions, the approval workflow and HEARD.

In the shape of h11: a state, commands in, a new state and actions out. The
caller performs the actions (notifying a department, sending a reply) and
feeds the next command with the instant it happens.
"""

from carekit.tickets.approvals import EVERY_REPLY_APPROVED as EVERY_REPLY_APPROVED
from carekit.tickets.approvals import PERMISSIONS as PERMISSIONS
from carekit.tickets.approvals import TWITTER_CARE_2019 as TWITTER_CARE_2019
from carekit.tickets.approvals import ApprovalPolicy as ApprovalPolicy
from carekit.tickets.approvals import ApprovalRules as ApprovalRules
from carekit.tickets.approvals import ApproveDraft as ApproveDraft
from carekit.tickets.approvals import Draft as Draft
from carekit.tickets.approvals import DraftAction as DraftAction
from carekit.tickets.approvals import DraftCommand as DraftCommand
from carekit.tickets.approvals import DraftEvent as DraftEvent
from carekit.tickets.approvals import DraftStep as DraftStep
from carekit.tickets.approvals import EditDraft as EditDraft
from carekit.tickets.approvals import RejectDraft as RejectDraft
from carekit.tickets.approvals import RequestApproval as RequestApproval
from carekit.tickets.approvals import ReturnToAuthor as ReturnToAuthor
from carekit.tickets.approvals import SendDraft as SendDraft
from carekit.tickets.approvals import SendReply as SendReply
from carekit.tickets.approvals import Team as Team
from carekit.tickets.approvals import TeamMember as TeamMember
from carekit.tickets.approvals import requires_approval as requires_approval
from carekit.tickets.approvals import write_draft as write_draft
from carekit.tickets.commands import Assign as Assign
from carekit.tickets.commands import ChangeKind as ChangeKind
from carekit.tickets.commands import Close as Close
from carekit.tickets.commands import Diagnose as Diagnose
from carekit.tickets.commands import Escalate as Escalate
from carekit.tickets.commands import FollowUp as FollowUp
from carekit.tickets.commands import HandBack as HandBack
from carekit.tickets.commands import Link as Link
from carekit.tickets.commands import LogWork as LogWork
from carekit.tickets.commands import Open as Open
from carekit.tickets.commands import Prioritize as Prioritize
from carekit.tickets.commands import Priority as Priority
from carekit.tickets.commands import RecordReply as RecordReply
from carekit.tickets.commands import Reopen as Reopen
from carekit.tickets.commands import Resolve as Resolve
from carekit.tickets.commands import Resume as Resume
from carekit.tickets.commands import Route as Route
from carekit.tickets.commands import SetLanguage as SetLanguage
from carekit.tickets.commands import Tag as Tag
from carekit.tickets.commands import TicketCommand as TicketCommand
from carekit.tickets.commands import TickHeard as TickHeard
from carekit.tickets.commands import Untag as Untag
from carekit.tickets.commands import Wait as Wait
from carekit.tickets.escalation import DEFAULT_DEPARTMENTS as DEFAULT_DEPARTMENTS
from carekit.tickets.escalation import Departments as Departments
from carekit.tickets.escalation import Escalation as Escalation
from carekit.tickets.escalation import EscalationPolicy as EscalationPolicy
from carekit.tickets.heard import DIAGNOSE_BEFORE_CLOSE as DIAGNOSE_BEFORE_CLOSE
from carekit.tickets.heard import HEARD_2019 as HEARD_2019
from carekit.tickets.heard import HEARD_OPTIONAL as HEARD_OPTIONAL
from carekit.tickets.heard import Diagnosis as Diagnosis
from carekit.tickets.heard import HeardChecklist as HeardChecklist
from carekit.tickets.heard import HeardPolicy as HeardPolicy
from carekit.tickets.heard import HeardRequirement as HeardRequirement
from carekit.tickets.heard import HeardStep as HeardStep
from carekit.tickets.heard import HeardTick as HeardTick
from carekit.tickets.lifecycle import DRAFT_TRANSITIONS as DRAFT_TRANSITIONS
from carekit.tickets.lifecycle import TRANSITIONS as TRANSITIONS
from carekit.tickets.lifecycle import DraftMove as DraftMove
from carekit.tickets.lifecycle import DraftStatus as DraftStatus
from carekit.tickets.lifecycle import TicketMove as TicketMove
from carekit.tickets.lifecycle import TicketStatus as TicketStatus
from carekit.tickets.lifecycle import mermaid as mermaid
from carekit.tickets.lifecycle import next_draft_status as next_draft_status
from carekit.tickets.lifecycle import next_status as next_status
from carekit.tickets.sessions import WorkSession as WorkSession
from carekit.tickets.sessions import find_overlap as find_overlap
from carekit.tickets.sessions import require_no_overlap as require_no_overlap
from carekit.tickets.ticket import INBOX_STATUS as INBOX_STATUS
from carekit.tickets.ticket import CaseSummary as CaseSummary
from carekit.tickets.ticket import NotifyDepartment as NotifyDepartment
from carekit.tickets.ticket import Ticket as Ticket
from carekit.tickets.ticket import TicketAction as TicketAction
from carekit.tickets.ticket import TicketEvent as TicketEvent

__all__ = [
    "DEFAULT_DEPARTMENTS",
    "DIAGNOSE_BEFORE_CLOSE",
    "DRAFT_TRANSITIONS",
    "EVERY_REPLY_APPROVED",
    "HEARD_2019",
    "HEARD_OPTIONAL",
    "INBOX_STATUS",
    "PERMISSIONS",
    "TRANSITIONS",
    "TWITTER_CARE_2019",
    "ApprovalPolicy",
    "ApprovalRules",
    "ApproveDraft",
    "Assign",
    "CaseSummary",
    "ChangeKind",
    "Close",
    "Departments",
    "Diagnose",
    "Diagnosis",
    "Draft",
    "DraftAction",
    "DraftCommand",
    "DraftEvent",
    "DraftMove",
    "DraftStatus",
    "DraftStep",
    "EditDraft",
    "Escalate",
    "Escalation",
    "EscalationPolicy",
    "FollowUp",
    "HandBack",
    "HeardChecklist",
    "HeardPolicy",
    "HeardRequirement",
    "HeardStep",
    "HeardTick",
    "Link",
    "LogWork",
    "NotifyDepartment",
    "Open",
    "Prioritize",
    "Priority",
    "RecordReply",
    "RejectDraft",
    "Reopen",
    "RequestApproval",
    "Resolve",
    "Resume",
    "ReturnToAuthor",
    "Route",
    "SendDraft",
    "SendReply",
    "SetLanguage",
    "Tag",
    "Team",
    "TeamMember",
    "TickHeard",
    "Ticket",
    "TicketAction",
    "TicketCommand",
    "TicketEvent",
    "TicketMove",
    "TicketStatus",
    "Untag",
    "Wait",
    "WorkSession",
    "find_overlap",
    "mermaid",
    "next_draft_status",
    "next_status",
    "require_no_overlap",
    "requires_approval",
    "write_draft",
]
