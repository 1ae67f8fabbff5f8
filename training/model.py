"""Training records: plain, frozen, channel-agnostic. Every quiz item carries the passage it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

NOT_DEFINED = "未在文件中定义"
PASS_MARK = 80  # per cent of first answers right for a certificate (a course may set its own)


class CourseStatus(Enum):
    DRAFT = "draft"  # the trainer builds and reviews it; trainees cannot join yet
    PUBLISHED = "published"  # live: the invite code works


class ItemKind(Enum):
    CLOZE = "cloze"  # fill the blank: a key term or quantity cut from the quote
    JUDGE = "judge"  # true/false: the quote itself, or the quote with one quantity or term changed
    CHOICE = "choice"  # single choice: distractors are other values of the same kind from the corpus
    ORDER = "order"  # put the steps of a procedure the text lists in order


class ReviewState(Enum):
    PENDING = "pending"  # generated, not yet seen by the trainer
    APPROVED = "approved"  # shown to trainees
    DROPPED = "dropped"  # kept for the record, never shown


class PointKind(Enum):
    QUANTITY = "数量"
    DEADLINE = "期限"
    DUTY = "职责"
    PROCEDURE = "程序"


@dataclass(frozen=True)
class Source:
    """Where an item or a definition comes from: the document, its article (or heading) and the words."""

    doc_id: int
    title: str
    article: str | None
    quote: str

    def as_json(self) -> dict[str, object]:
        return {"doc_id": self.doc_id, "title": self.title, "article": self.article, "quote": self.quote}


@dataclass(frozen=True)
class KeyPoint:
    kind: PointKind
    text: str  # the sentence that states it, verbatim
    source: Source


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str | None  # verbatim from a document; None when no document defines the term
    source: Source | None = None
    aliases: tuple[str, ...] = ()  # its other names: the bundled synonym table's and the documents' own

    @property
    def shown(self) -> str:
        return self.definition or NOT_DEFINED

    @property
    def named(self) -> str:
        """The term as a lesson heads it: 职代会（又称：职工代表大会）."""
        return f"{self.term}（又称：{'、'.join(self.aliases)}）" if self.aliases else self.term


@dataclass(frozen=True)
class Lesson:
    id: int
    course_id: int
    position: int  # 1-based order in the course
    title: str  # 《工会法》第二章 工会组织
    doc_id: int
    doc_title: str
    part: str  # what the trainer chose: 第二章, 第十一条, 二、 (empty = the whole document)
    text: str  # the section, verbatim
    summary: str  # a few of its own sentences
    key_points: tuple[KeyPoint, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()


@dataclass(frozen=True)
class QuizItem:
    id: int  # 0 before it is stored
    kind: ItemKind
    question: str
    options: tuple[str, ...]  # choice: the choices; order: the steps shuffled; judge: 正确/错误
    answer: str | bool | tuple[str, ...]  # cloze/choice: str; judge: bool; order: steps in order
    source: Source
    lesson_id: int | None = None
    review: ReviewState = ReviewState.PENDING

    @property
    def steps(self) -> tuple[str, ...]:
        """An order item's steps in the right order (empty for the other kinds)."""
        return self.answer if isinstance(self.answer, tuple) else ()

    def as_json(self) -> dict[str, object]:
        """The shape `gonghui quiz generate --json` prints (other tools depend on it)."""
        answer = list(self.answer) if isinstance(self.answer, tuple) else self.answer
        return {
            "kind": self.kind.value,
            "question": self.question,
            "options": list(self.options),
            "answer": answer,
            "source": self.source.as_json(),
        }


@dataclass(frozen=True)
class Course:
    id: int
    title: str
    owner_id: int  # the trainer who manages it (admins manage all)
    status: CourseStatus
    invite_code: str
    created_at: str
    description: str = ""
    pass_mark: int = PASS_MARK
    published_at: str | None = None


@dataclass(frozen=True)
class Enrolment:
    course_id: int
    user_id: int
    enterprise: str | None  # 所在企业: trainees are often not in the union tree yet
    union_name: str | None  # 所属工会, as the trainee gave it or from the registry
    enrolled_at: str
    completed_at: str | None = None
    lessons_read: int = 0  # the highest lesson position the trainee has opened


@dataclass(frozen=True)
class Attempt:
    item_id: int
    user_id: int
    answer: str
    correct: bool
    at: str


@dataclass(frozen=True)
class Progress:
    course_id: int
    user_id: int
    total: int  # approved items in the course
    answered: int  # items answered at least once
    correct: int  # items whose first answer was right
    review_left: int  # missed items still in a low Leitner box
    completed: bool  # every item answered once
    boxes: dict[int, int] = field(default_factory=dict)  # item id → Leitner box (1 = missed … 3 = known)

    @property
    def score(self) -> int:
        """Per cent of first answers that were right (0 before any answer)."""
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass(frozen=True)
class Feedback:
    item: QuizItem
    correct: bool
    given: str
    expected: str  # the right answer as shown
    message: str  # 回答正确 / 回答错误，正确答案是…, with the article quoted
    progress: Progress


@dataclass(frozen=True)
class Certificate:
    code: str  # verification code printed on the PDF
    course_id: int
    course_title: str
    user_id: int
    holder: str  # display name
    score: int
    issued_at: str


@dataclass(frozen=True)
class ItemStat:
    item: QuizItem
    attempts: int
    wrong: int

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class TraineeRow:
    user_id: int
    name: str
    display_name: str
    enterprise: str
    union_name: str
    answered: int
    total: int
    score: int
    completed: bool
    certificate: str | None
    lessons_read: int = 0  # the highest lesson opened, of the course's lessons


@dataclass(frozen=True)
class CourseReport:
    course: Course
    enrolled: int
    started: int
    completed: int
    average_score: float | None  # over trainees who completed
    hardest: tuple[ItemStat, ...]
    trainees: tuple[TraineeRow, ...]  # sorted by enterprise, union, name

    def groups(self) -> dict[tuple[str, str], list[TraineeRow]]:
        """Trainees grouped by (enterprise, union), in report order."""
        out: dict[tuple[str, str], list[TraineeRow]] = {}
        for row in self.trainees:
            out.setdefault((row.enterprise, row.union_name), []).append(row)
        return out
