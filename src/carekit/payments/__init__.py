"""Facebook Pay payments: methods, fees, refunds, payouts, support.

Every computation is exact to the currency's minor unit. This package only
re-exports; each name lives in a concept module:

- ``methods``: cards, bank accounts, PayPal, and payment purposes;
- ``accounts``: parties, payout accounts and page eligibility;
- ``payment``: payments, refunds and the payment-status transition table;
- ``fees``: fee policies and the ``FACEBOOK_PAY_2019`` preset;
- ``refunds``: what happens to the fee on a refund;
- ``payouts``: statements per period and currency, and payouts;
- ``support``: the support a page owes a buyer after a purchase.
"""

from carekit.payments.accounts import PageAccount as PageAccount
from carekit.payments.accounts import Party as Party
from carekit.payments.accounts import PartyKind as PartyKind
from carekit.payments.accounts import PayoutAccount as PayoutAccount
from carekit.payments.fees import FACEBOOK_PAY_2019 as FACEBOOK_PAY_2019
from carekit.payments.fees import FACEBOOK_PAY_2019_RATE as FACEBOOK_PAY_2019_RATE
from carekit.payments.fees import FeeAdjustment as FeeAdjustment
from carekit.payments.fees import FeePolicy as FeePolicy
from carekit.payments.fees import FeeQuote as FeeQuote
from carekit.payments.fees import FeeRule as FeeRule
from carekit.payments.fees import FeeTier as FeeTier
from carekit.payments.fees import FixedPlusPercentageFee as FixedPlusPercentageFee
from carekit.payments.fees import PercentageFee as PercentageFee
from carekit.payments.fees import TieredFee as TieredFee
from carekit.payments.methods import METHOD_TYPES as METHOD_TYPES
from carekit.payments.methods import PURCHASE_PURPOSES as PURCHASE_PURPOSES
from carekit.payments.methods import BankAccount as BankAccount
from carekit.payments.methods import Card as Card
from carekit.payments.methods import CardBrand as CardBrand
from carekit.payments.methods import MethodKind as MethodKind
from carekit.payments.methods import PaymentMethod as PaymentMethod
from carekit.payments.methods import PaymentPurpose as PaymentPurpose
from carekit.payments.methods import PayPal as PayPal
from carekit.payments.payment import SETTLED_STATUSES as SETTLED_STATUSES
from carekit.payments.payment import TRANSITIONS as TRANSITIONS
from carekit.payments.payment import Payment as Payment
from carekit.payments.payment import PaymentEvent as PaymentEvent
from carekit.payments.payment import PaymentStatus as PaymentStatus
from carekit.payments.payment import Refund as Refund
from carekit.payments.payment import next_status as next_status
from carekit.payments.payouts import EntryKind as EntryKind
from carekit.payments.payouts import Payout as Payout
from carekit.payments.payouts import Statement as Statement
from carekit.payments.payouts import StatementEntry as StatementEntry
from carekit.payments.payouts import statements_by_currency as statements_by_currency
from carekit.payments.refunds import FeeKept as FeeKept
from carekit.payments.refunds import ProRataFeeReturn as ProRataFeeReturn
from carekit.payments.refunds import RefundFeePolicy as RefundFeePolicy
from carekit.payments.support import DEFAULT_SUPPORT_TARGET as DEFAULT_SUPPORT_TARGET
from carekit.payments.support import SupportObligation as SupportObligation
from carekit.payments.support import open_support_obligation as open_support_obligation

__all__ = [
    "DEFAULT_SUPPORT_TARGET",
    "FACEBOOK_PAY_2019",
    "FACEBOOK_PAY_2019_RATE",
    "METHOD_TYPES",
    "PURCHASE_PURPOSES",
    "SETTLED_STATUSES",
    "TRANSITIONS",
    "BankAccount",
    "Card",
    "CardBrand",
    "EntryKind",
    "FeeAdjustment",
    "FeeKept",
    "FeePolicy",
    "FeeQuote",
    "FeeRule",
    "FeeTier",
    "FixedPlusPercentageFee",
    "MethodKind",
    "PageAccount",
    "Party",
    "PartyKind",
    "PayPal",
    "Payment",
    "PaymentEvent",
    "PaymentMethod",
    "PaymentPurpose",
    "PaymentStatus",
    "Payout",
    "PayoutAccount",
    "PercentageFee",
    "ProRataFeeReturn",
    "Refund",
    "RefundFeePolicy",
    "Statement",
    "StatementEntry",
    "SupportObligation",
    "TieredFee",
    "next_status",
    "open_support_obligation",
    "statements_by_currency",
]
