"""What every part of the training service shares: its store, the registry (users, unions, roles), the
documents' passages (rebuilt when the catalogue changes), the clock, and the course a user may manage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from registry.model import User
from registry.policy import Action
from training.corpus import Corpus
from training.errors import CourseNotFound, NotEnrolled
from training.glossary import Glossary
from training.model import Course, CourseStatus, Enrolment
from training.quiz import Generator
from training.store import Store

if TYPE_CHECKING:
    from registry import Registry
    from training.proposals import LLMProposer


class TrainingBase:
    def __init__(
        self,
        db_path: Path,
        *,
        registry: Registry,
        corpus: Callable[[], Corpus],
        cert_font: str = "",
        clock: Callable[[], dt.datetime] | None = None,
        corpus_version: Callable[[], object] | None = None,
        proposer: LLMProposer | None = None,
    ) -> None:
        """`registry` holds the users, unions and roles; `corpus` builds the documents' passages on first
        use, again whenever `corpus_version` (the catalogue's data version) changes: a server keeps
        running while documents are ingested; `clock` gives "now" (tests pass their own); `proposer` (an LLM,
        when the deployment has one) adds items to a lesson's, verified like the rule-made ones."""
        self.store = Store(db_path)
        self.registry = registry
        self._corpus_factory = corpus
        self._corpus_version = corpus_version
        self._built: tuple[object, Corpus, Generator | None, Glossary | None] | None = None
        self.cert_font = cert_font
        self.proposer = proposer
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def close(self) -> None:
        self.store.close()

    # -- shared parts --------------------------------------------------------------------------------
    def _parts(self) -> tuple[object, Corpus, Generator | None, Glossary | None]:
        version = self._corpus_version() if self._corpus_version else None
        if self._built is None or self._built[0] != version:
            self._built = (version, self._corpus_factory(), None, None)
        return self._built

    @property
    def corpus(self) -> Corpus:
        return self._parts()[1]

    @property
    def generator(self) -> Generator:
        version, corpus, generator, glossary = self._parts()
        if generator is None:
            generator = Generator(corpus)
            self._built = (version, corpus, generator, glossary)
        return generator

    @property
    def lesson_generator(self) -> Generator:
        """The generator of a course's lessons: with a proposer, its items join the rule-made ones (a
        lesson is a few articles, so the model is asked a few times; `quiz generate` over a whole
        document stays rule-made and fast)."""
        if self.proposer is None:
            return self.generator
        from training.proposals import ProposingGenerator

        return ProposingGenerator(self.corpus, self.proposer)

    @property
    def _glossary(self) -> Glossary:
        version, corpus, generator, glossary = self._parts()
        if glossary is None:
            glossary = Glossary(corpus)
            self._built = (version, corpus, generator, glossary)
        return glossary

    def now(self) -> str:
        return self._clock().replace(microsecond=0).isoformat()

    def _course_row(self, course_id: int) -> dict:
        row = self.store.row("SELECT * FROM courses WHERE id = ?", (course_id,))
        if row is None:
            raise CourseNotFound()
        return row

    def _course(self, row: dict) -> Course:
        return Course(
            row["id"],
            row["title"],
            row["owner_id"],
            CourseStatus(row["status"]),
            row["invite_code"],
            row["created_at"],
            row["description"],
            row["pass_mark"],
            row["published_at"],
        )

    def _managed(self, user: User | None, course_id: int) -> Course:
        """The course, when this user may manage it: its trainer, or an admin."""
        user = self.registry.require(user, Action.TEACH)
        course = self._course(self._course_row(course_id))
        if course.owner_id != user.id and not self.registry.allows(user, Action.ADMIN):
            raise CourseNotFound()  # another trainer's course is not shown to exist
        return course

    def _enrolment(self, user: User | None, course_id: int) -> Enrolment:
        user = self.registry.require(user, Action.LEARN)
        row = self.store.row(
            "SELECT * FROM enrolments WHERE course_id = ? AND user_id = ?", (course_id, user.id)
        )
        if row is None:
            raise NotEnrolled()
        return enrolment_of(row)


def enrolment_of(row: dict) -> Enrolment:
    return Enrolment(
        row["course_id"],
        row["user_id"],
        row["enterprise"],
        row["union_name"],
        row["enrolled_at"],
        row["completed_at"],
        row.get("lessons_read") or 0,
    )
