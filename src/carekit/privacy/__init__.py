"""The personal-data guard: card numbers, e-mail addresses and phone numbers
found in public messages, move-to-private proposals with deep links, and
redaction."""

from carekit.privacy.findings import Finding as Finding
from carekit.privacy.findings import FindingKind as FindingKind
from carekit.privacy.findings import scan as scan
from carekit.privacy.phones import LibphonenumberFinder as LibphonenumberFinder
from carekit.privacy.phones import PatternPhoneFinder as PatternPhoneFinder
from carekit.privacy.phones import PhoneFinder as PhoneFinder
from carekit.privacy.phones import phone_finder as phone_finder
from carekit.privacy.private import MoveToPrivate as MoveToPrivate
from carekit.privacy.private import PrivateLinks as PrivateLinks
from carekit.privacy.private import messenger_link as messenger_link
from carekit.privacy.private import propose_move_to_private as propose_move_to_private
from carekit.privacy.private import twitter_dm_link as twitter_dm_link
from carekit.privacy.redaction import RedactionPolicy as RedactionPolicy
from carekit.privacy.redaction import Redactor as Redactor
from carekit.privacy.redaction import redact as redact

__all__ = [
    "Finding",
    "FindingKind",
    "LibphonenumberFinder",
    "MoveToPrivate",
    "PatternPhoneFinder",
    "PhoneFinder",
    "PrivateLinks",
    "RedactionPolicy",
    "Redactor",
    "messenger_link",
    "phone_finder",
    "propose_move_to_private",
    "redact",
    "scan",
    "twitter_dm_link",
]
