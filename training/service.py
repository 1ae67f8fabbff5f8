"""TrainingService: the one entry point channels use for courses, quizzes, progress and certificates.

Trainers (role trainer; admins see all) build courses from parts of the knowledge base's documents,
review the generated items and publish; trainees join with the invite code and answer one item at a
time. Roles are the registry's (registry.policy); records live in training.db (training.store).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from registry.model import User
from training.corpus import Corpus
from training.model import (
    Certificate,
    Course,
    CourseReport,
    Enrolment,
    Feedback,
    GlossaryEntry,
    Lesson,
    Progress,
    QuizItem,
)


class TrainingService:
    def __init__(
        self,
        db_path: Path,
        *,
        registry: object,
        corpus: Callable[[], Corpus],
        cert_font: str = "",
    ) -> None:
        """`registry` is a registry.Registry (users, unions, roles); `corpus` builds the documents'
        passages on first use (a course command never needs them loaded twice)."""
        raise NotImplementedError

    # -- trainers ------------------------------------------------------------------------------------
    def create_course(self, user: User, title: str, *, parts: Sequence[str] = (), description: str = "",
                      pass_mark: int | None = None) -> Course:  # fmt: skip
        """A draft course; each part is `DOC [PART]`: `工会法 第二章`, `集体合同规定`, `7 二、`, `工会法 第十一条`."""
        raise NotImplementedError

    def add_lessons(self, user: User, course_id: int, parts: Sequence[str]) -> list[Lesson]:
        """Lessons appended in order, with their quiz items generated (pending review)."""
        raise NotImplementedError

    def add_lesson(self, user: User, course_id: int, part: str) -> Lesson:
        raise NotImplementedError

    def courses(self, user: User) -> list[Course]:
        """Trainers: their own; admins: all; anyone else: the courses they joined."""
        raise NotImplementedError

    def course(self, user: User, course_id: int) -> Course:
        raise NotImplementedError

    def lessons(self, user: User, course_id: int) -> list[Lesson]:
        raise NotImplementedError

    def items(self, user: User, course_id: int, *, state: str | None = None) -> list[QuizItem]:
        """The course's items (trainer view); `state` pending|approved|dropped filters."""
        raise NotImplementedError

    def approve(self, user: User, item_ids: Sequence[int]) -> list[QuizItem]:
        raise NotImplementedError

    def drop(self, user: User, item_ids: Sequence[int]) -> list[QuizItem]:
        raise NotImplementedError

    def edit_item(self, user: User, item_id: int, *, question: str | None = None,
                  options: Sequence[str] | None = None, answer: object = None) -> QuizItem:  # fmt: skip
        """An edited item is verified again against its source (ItemRejected says why not) and approved."""
        raise NotImplementedError

    def publish(self, user: User, course_id: int) -> Course:
        """Live: needs at least one lesson and one approved item and no pending ones."""
        raise NotImplementedError

    def invite_code(self, user: User, course_id: int) -> str:
        raise NotImplementedError

    def report(self, user: User, course_id: int) -> CourseReport:
        raise NotImplementedError

    def export_report(self, user: User, course_id: int) -> bytes:
        """The report as an XLSX workbook."""
        raise NotImplementedError

    # -- trainees ------------------------------------------------------------------------------------
    def enrol(self, user: User, code: str, *, enterprise: str | None = None,
              union: str | None = None) -> Enrolment:  # fmt: skip
        raise NotImplementedError

    def enrolments(self, user: User) -> list[Enrolment]:
        raise NotImplementedError

    def next_item(self, user: User, course_id: int) -> QuizItem | None:
        """The question to show now: the one left unanswered (a restart resumes it), else the next new
        one, else a missed one due again (Leitner); None when nothing is left."""
        raise NotImplementedError

    def answer(self, user: User, item_id: int, answer: object) -> Feedback:
        """Checks the answer (cloze/choice text, judge 对/错/true/false, order as steps or numbers)."""
        raise NotImplementedError

    def progress(self, user: User, course_id: int) -> Progress:
        raise NotImplementedError

    def certificate(self, user: User, course_id: int) -> tuple[Certificate, bytes]:
        """The certificate (issued once, the same code afterwards) and its PDF."""
        raise NotImplementedError

    def verify(self, code: str) -> Certificate | None:
        """Anyone may check a code; None when it is not ours."""
        raise NotImplementedError

    # -- documents -----------------------------------------------------------------------------------
    def glossary(self, terms: Sequence[str] | None = None) -> list[GlossaryEntry]:
        """Union terms with the definition a document gives, else 未在文件中定义."""
        raise NotImplementedError

    def generate(self, doc: str, *, article: str | None = None, n: int = 20) -> list[QuizItem]:
        """Verified items for one document (or one article of it), not stored: `gonghui quiz generate`."""
        raise NotImplementedError
