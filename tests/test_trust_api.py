"""The trust package's surface: every export documented and referenced, its
models frozen and slotted, its policies plain protocols."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit import InvalidValue, trust
from carekit.trust import (
    ComplianceFlag,
    Review,
    ReviewCompliancePolicy,
    ReviewFlag,
    TrailingSpikes,
)

REFERENCE = (Path(__file__).parents[1] / "docs" / "reference.md").read_text()
MODELS = [
    value
    for name in trust.__all__
    if isinstance(value := getattr(trust, name), type) and attrs.has(value)
]


def test_the_package_is_in_the_api_reference() -> None:
    assert "::: carekit.trust" in REFERENCE


@pytest.mark.parametrize("name", trust.__all__)
def test_every_export_is_documented(name: str) -> None:
    assert (getattr(trust, name).__doc__ or "").strip()


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_models_are_frozen_and_slotted(cls: type, data: st.DataObject) -> None:
    """ "Immutable, typed models. attrs classes, frozen and slotted." """
    assert "__slots__" in vars(cls)
    instance = data.draw(st.from_type(cls))
    name = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, name, getattr(instance, name))


class OnlyGenerated:
    """A user's own policy, with no carekit base class."""

    def flags(self, reviews: Iterable[Review]) -> tuple[ComplianceFlag, ...]:
        return tuple(
            ReviewFlag("16 CFR 465.2", "generated", review_id=r.id, fact="identity",
                       value=r.identity.value)
            for r in reviews
            if r.identity is trust.ReviewerIdentity.GENERATED
        )  # fmt: skip


def test_a_users_class_is_a_review_compliance_policy() -> None:
    policy: ReviewCompliancePolicy = OnlyGenerated()
    review = Review(
        "r1",
        5,
        time=dt.datetime(2024, 11, 1, tzinfo=dt.UTC),
        identity=trust.ReviewerIdentity.GENERATED,
    )
    assert ["r1"] == [f.review_id for f in policy.flags([review])]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("gain", "history", "field"),
    [(1.5, [1, 2, 3], "gain"), (True, [1, 2, 3], "gain"), (1, [1.0], "history"),
     (1, [], "history")],
)  # fmt: skip
def test_a_score_needs_whole_numbers(
    gain: object, history: list[object], field: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        TrailingSpikes().score(gain, history)  # type: ignore[arg-type]
    assert field == caught.value.field


def test_flag_figures_refuse_floats() -> None:
    series = trust.DailySeries(dt.date(2024, 11, 1), [10, 12, 9, 11, 10, 13, 11, 500])
    (flag,) = trust.FTC_ENGAGEMENT_2024.flags(series)
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(flag, score=3.5)  # type: ignore[arg-type]
    assert "score" == caught.value.field
    assert Decimal("3.5") == attrs.evolve(flag, score=Decimal("3.5")).score
