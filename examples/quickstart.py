"""carekit quickstart: a small page's week of customer care."""

from decimal import Decimal

from carekit import Money


def main() -> None:
    fee = Money.of("100.00", "USD").multiply(Decimal("0.025"))
    print(f"Fee on 100.00 USD: {fee}")


if __name__ == "__main__":
    main()
