"""TrainingService: the one entry point channels use for courses, quizzes, progress and certificates.

Trainers (role trainer; admins see all) build courses from parts of the knowledge base's documents,
review the generated items and publish; trainees join with the invite code and answer one item at a
time. Roles are the registry's (registry.policy); records live in training.db (training.store).

Public methods (names are stable; the chat flows, the API and the console call them):
authoring  create_course, add_lessons, add_lesson, courses, course, lessons, items, approve, drop,
           edit_item, publish, invite_code
learning   enrol, enrolments, next_item, answer, progress
reporting  report, export_report, certificate, verify
documents  glossary, generate
bundles    export_course, import_course, load_sample_course
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from registry.model import User
from registry.policy import Action
from training.authoring import AuthoringMixin
from training.bundle import BundleMixin
from training.corpus import Corpus, select
from training.errors import CourseNotFound, InvalidValue
from training.glossary import Glossary
from training.learning import LearningMixin
from training.model import Course, CourseStatus, GlossaryEntry, QuizItem
from training.quiz import Generator
from training.reporting import ReportingMixin
from training.store import Store

if TYPE_CHECKING:
    from registry import Registry


class TrainingService(AuthoringMixin, LearningMixin, ReportingMixin, BundleMixin):
    def __init__(
        self,
        db_path: Path,
        *,
        registry: Registry,
        corpus: Callable[[], Corpus],
        cert_font: str = "",
        clock: Callable[[], dt.datetime] | None = None,
        corpus_version: Callable[[], object] | None = None,
    ) -> None:
        """`registry` holds the users, unions and roles; `corpus` builds the documents' passages on first
        use, again whenever `corpus_version` (the catalogue's data version) changes: a server keeps
        running while documents are ingested; `clock` gives "now" (tests pass their own)."""
        self.store = Store(db_path)
        self.registry = registry
        self._corpus_factory = corpus
        self._corpus_version = corpus_version
        self._built: tuple[object, Corpus, Generator | None, Glossary | None] | None = None
        self.cert_font = cert_font
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
        self.registry.require(user, Action.TEACH)
        course = self._course(self._course_row(course_id))
        if course.owner_id != user.id and not self.registry.allows(user, Action.ADMIN):  # type: ignore[union-attr]
            raise CourseNotFound()  # another trainer's course is not shown to exist
        return course

    # -- documents -----------------------------------------------------------------------------------
    def glossary(self, terms: Sequence[str] | None = None) -> list[GlossaryEntry]:
        """Union terms with the definition a document gives, else 未在文件中定义."""
        return self._glossary.entries(terms)

    def generate(self, doc: str, *, article: str | None = None, n: int = 20) -> list[QuizItem]:
        """Verified items for one document (or one article of it), not stored: `gonghui quiz generate`."""
        found = self.corpus.find(doc)
        if found is None:
            raise InvalidValue("doc", f"知识库中没有文件“{doc}”，请用 gonghui docs 查看编号和标题。")
        passages = select(found, article or "")
        if not passages:
            raise InvalidValue("article", f"《{found.name}》中没有“{article}”。")
        return self.generator.generate(passages, n=n)
