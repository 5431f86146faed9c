"""carekit payments demo: a page's weekly Facebook Pay payout statement."""

import datetime as dt

from carekit import FACEBOOK_PAY_2019, Interval, Money, Payment
from carekit.payments import (
    BankAccount,
    Card,
    CardBrand,
    EntryKind,
    PageAccount,
    Party,
    PaymentPurpose,
    PayoutAccount,
    Statement,
)

MONDAY = dt.datetime(2019, 11, 11, tzinfo=dt.UTC)
WEEK = Interval(MONDAY, MONDAY + dt.timedelta(days=7))


def _week_of_sales(shop: PageAccount) -> list[Payment]:
    """Three sales by card and bank, one of them partly refunded."""
    sales = [
        ("p-1", PaymentPurpose.MARKETPLACE_PURCHASE, "120.00", 1),
        ("p-2", PaymentPurpose.EVENT_TICKET, "35.00", 2),
        ("p-3", PaymentPurpose.FUNDRAISER, "19.99", 3),
    ]
    payments = [
        Payment.to_page(
            shop,
            id=id,
            payer=Party.person(f"buyer-{day}"),
            purpose=purpose,
            method=Card(CardBrand.VISA, "4242")
            if day != 2
            else BankAccount("Ally", "1234"),
            gross=Money.of(amount, "USD"),
            created_at=MONDAY + dt.timedelta(days=day, hours=10),
        ).succeed()
        for id, purpose, amount, day in sales
    ]
    payments[0], _ = payments[0].refund(
        Money.of("30.00", "USD"),
        refund_id="r-1",
        at=MONDAY + dt.timedelta(days=4, hours=9),
        reason="one item out of stock",
    )
    return payments


def payout_statement_demo() -> str:
    """The printable payout statement of a small shop for one week, in USD."""
    shop = PageAccount(
        "corner-shop",
        True,
        payout_account=PayoutAccount("po-1", BankAccount("First Bank", "6789")),
    )
    statement = Statement.build(
        shop,
        _week_of_sales(shop),
        period=WEEK,
        currency="USD",
        fees=FACEBOOK_PAY_2019,
    )
    payout = statement.payout("payout-2019-w46")
    lines = [
        f"Payout statement for {statement.page_id}, "
        f"{WEEK.start:%Y-%m-%d} to {WEEK.end:%Y-%m-%d} ({statement.currency})",
        f"{'date':<11}{'line':<24}{'amount':>9}{'fee':>7}{'net':>9}",
    ]
    for entry in statement.entries:
        what = entry.purpose.value if entry.kind is EntryKind.PAYMENT else "refund"
        lines.append(
            f"{entry.at:%Y-%m-%d} {entry.reference + ' ' + what:<24}"
            f"{entry.amount.amount:>9}{entry.fee.amount:>7}{entry.net.amount:>9}"
        )
    lines += [
        f"gross {statement.gross}, fees {statement.fees} "
        f"(charged {statement.fees_charged}, returned {statement.fees_returned}), "
        f"refunds {statement.refunds}",
        f"net {statement.net} paid to {payout.account} as {payout.id}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(payout_statement_demo())
