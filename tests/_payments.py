"""Small builders shared by the payments tests."""

import datetime as dt

from carekit import Money
from carekit.payments import (
    BankAccount,
    Card,
    CardBrand,
    PageAccount,
    Party,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PayoutAccount,
)

T0 = dt.datetime(2019, 11, 12, 9, 0, tzinfo=dt.UTC)
VISA = Card(CardBrand.VISA, "4242")
BANK = BankAccount("First Bank", "6789")
PAYOUT = PayoutAccount("po-1", BANK)
SHOP = PageAccount("shop", True, payout_account=PAYOUT)
BUYER = Party.person("buyer")


def payment(
    amount: str,
    currency: str = "USD",
    *,
    id: str = "p-1",
    purpose: PaymentPurpose = PaymentPurpose.MARKETPLACE_PURCHASE,
    method: PaymentMethod = VISA,
    payee: Party | None = None,
    at: dt.datetime = T0,
) -> Payment:
    """A pending payment from BUYER, to SHOP unless *payee* is given."""
    return Payment(
        id,
        BUYER,
        payee=payee if payee is not None else SHOP.party,
        purpose=purpose,
        method=method,
        gross=Money.of(amount, currency),
        created_at=at,
    )
