"""The payments demo runs and shows a payout statement ("Extend the demo with a payout
statement")."""

import runpy
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "examples" / "payments_demo.py"


def test_payout_statement_demo() -> None:
    """ "a page's statement over a period: gross, fees, refunds, net ...,
    paid to the linked payout account" """
    text = runpy.run_path(str(DEMO))["payout_statement_demo"]()
    assert "gross 174.99 USD" in text
    assert "refunds 30.00 USD" in text
    assert text.endswith(
        "net 141.36 USD paid to First Bank •••• 6789 as payout-2019-w46"
    )
