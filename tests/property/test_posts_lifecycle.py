"""The post lifecycle as a state machine (issue 19: "states with a transition
table: draft -> scheduled -> published -> archived. Unscheduling returns to
draft, and unarchiving returns to published. Illegal moves raise, naming the
state and the move").

The model below is written from the issue's words (plus publishing a draft at
once, Creator Studio's "Publish"), not from the table, so the two check each
other.
"""

import datetime as dt

import pytest
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from carekit import IllegalTransition
from carekit.posts import Post, PostKind

T0 = dt.datetime(2019, 8, 1, tzinfo=dt.UTC)


class PostLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.post = Post("p", "brand", kind=PostKind.PHOTO, created_at=T0)
        self.state = "draft"
        self.steps = 0

    def _at(self) -> dt.datetime:
        self.steps += 1
        return T0 + dt.timedelta(hours=self.steps)

    def _refused(self, move: str) -> None:
        with pytest.raises(IllegalTransition) as info:
            getattr(self.post, move)(
                *([self._at()] if move in {"schedule", "publish"} else [])
            )
        assert (self.state, move) == (info.value.state, info.value.event)

    @rule()
    def schedule(self) -> None:
        if self.state == "draft":
            at = self._at()
            self.post = self.post.schedule(at)
            self.state = "scheduled"
            assert at == self.post.scheduled_for
        else:
            self._refused("schedule")

    @rule()
    def unschedule(self) -> None:
        if self.state == "scheduled":
            self.post = self.post.unschedule()
            self.state = "draft"
        else:
            self._refused("unschedule")

    @rule()
    def publish(self) -> None:
        if self.state in {"draft", "scheduled"}:
            at = self._at()
            self.post = self.post.publish(at)
            self.state = "published"
            assert at == self.post.published_at
        else:
            self._refused("publish")

    @rule()
    def archive(self) -> None:
        if self.state == "published":
            self.post = self.post.archive()
            self.state = "archived"
        else:
            self._refused("archive")

    @rule()
    def unarchive(self) -> None:
        if self.state == "archived":
            self.post = self.post.unarchive()
            self.state = "published"
        else:
            self._refused("unarchive")

    @invariant()
    def state_and_times_match_the_model(self) -> None:
        assert self.state == self.post.state.value
        assert (self.state == "scheduled") == (self.post.scheduled_for is not None)
        published = self.state in {"published", "archived"}
        assert published == (self.post.published_at is not None)


TestPostLifecycle = PostLifecycle.TestCase
