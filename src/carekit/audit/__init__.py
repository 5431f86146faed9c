"""Audit export: one row per message and one per conversation, with stable
columns and JSON-compatible values; notes and personal data only when asked
for."""

from carekit.audit.export import CONVERSATION_COLUMNS as CONVERSATION_COLUMNS
from carekit.audit.export import MESSAGE_COLUMNS as MESSAGE_COLUMNS
from carekit.audit.export import PersonalData as PersonalData
from carekit.audit.export import Row as Row
from carekit.audit.export import export_conversations as export_conversations
from carekit.audit.export import export_messages as export_messages

__all__ = [
    "CONVERSATION_COLUMNS",
    "MESSAGE_COLUMNS",
    "PersonalData",
    "Row",
    "export_conversations",
    "export_messages",
]
