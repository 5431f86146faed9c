"""The public surface of carekit.payments: curated, importable, documented."""

import inspect

import carekit
import carekit.payments as payments


def test_every_exported_name_is_importable_and_documented() -> None:
    """trio habit (STYLE): every exported name is documented and importable."""
    for name in payments.__all__:
        obj = getattr(payments, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name


def test_exports_are_unique_and_public() -> None:
    """A curated public API: ``__all__`` lists each public name once."""
    assert len(set(payments.__all__)) == len(payments.__all__)
    assert not [name for name in payments.__all__ if name.startswith("_")]


def test_key_names_are_reexported_from_carekit() -> None:
    """The names a payments user starts with: Payment, PercentageFee, the
    FACEBOOK_PAY_2019 preset and PaymentPurpose."""
    assert payments.Payment is carekit.Payment
    assert payments.PercentageFee is carekit.PercentageFee
    assert payments.FACEBOOK_PAY_2019 is carekit.FACEBOOK_PAY_2019
    assert payments.PaymentPurpose is carekit.PaymentPurpose
