"""A trainee's side: join with the invite code, one question at a time, immediate feedback quoting the
article, missed items back in Leitner boxes. Everything is in training.db, so a restart (or another
channel) resumes the very question left open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.model import User
from registry.policy import Action
from training.answers import expected, is_correct
from training.base import TrainingBase, enrolment_of
from training.errors import BadInviteCode, InvalidValue, ItemNotFound
from training.model import CourseStatus, Enrolment, Feedback, Lesson, Progress, QuizItem, ReviewState
from training.store import item_of

KNOWN = 3  # the top Leitner box: a first answer right lands here at once
# a missed item (box 1) comes back after this many other answers; one right once since (box 2), later
DUE_AFTER = {1: 3, 2: 6}


class LearningMixin(TrainingBase):
    if TYPE_CHECKING:  # the authoring side's, on the same service

        def lessons(self, user: User, course_id: int) -> list[Lesson]: ...

    def check_invite(self, code: str) -> None:
        """Raises BadInviteCode unless `code` opens a published course: checked before a stranger who
        sends it is made a trainee, so a wrong code leaves no account behind."""
        row = self.store.row(
            "SELECT status FROM courses WHERE invite_code = ?", ((code or "").strip().upper(),)
        )
        if row is None or row["status"] != CourseStatus.PUBLISHED.value:
            raise BadInviteCode()

    def enrol(
        self, user: User, code: str, *, enterprise: str | None = None, union: str | None = None
    ) -> Enrolment:
        self.registry.require(user, Action.LEARN)
        code = (code or "").strip().upper()
        row = self.store.row("SELECT * FROM courses WHERE invite_code = ?", (code,))
        if row is None or row["status"] != CourseStatus.PUBLISHED.value:
            raise BadInviteCode()
        if union is None and user.union_id is not None:
            found = self.registry.union_by_id(user.union_id)
            union = found.name if found else None
        with self.store.write() as db:
            db.execute(
                "INSERT INTO enrolments (course_id, user_id, enterprise, union_name, enrolled_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (course_id, user_id) DO UPDATE SET"
                " enterprise = coalesce(excluded.enterprise, enterprise), union_name = coalesce(excluded.union_name, union_name)",
                (
                    row["id"],
                    user.id,
                    (enterprise or "").strip() or None,
                    (union or "").strip() or None,
                    self.now(),
                ),
            )
        return self._enrolment(user, row["id"])

    def enrolments(self, user: User) -> list[Enrolment]:
        self.registry.require(user, Action.LEARN)
        rows = self.store.rows("SELECT * FROM enrolments WHERE user_id = ? ORDER BY enrolled_at", (user.id,))
        return [enrolment_of(r) for r in rows]

    def read_lesson(self, user: User, course_id: int, position: int | None = None) -> Lesson | None:
        """The lesson at `position` (default: the first one not read yet), recorded as read for a
        trainee of the course (a trainer previewing their course reads without a record); None once every
        lesson is read and no position was asked for."""
        lessons = self.lessons(user, course_id)  # checks that the user may see the course
        row = self.store.row(
            "SELECT lessons_read FROM enrolments WHERE course_id = ? AND user_id = ?", (course_id, user.id)
        )
        read = row["lessons_read"] if row else 0
        wanted = position if position is not None else read + 1
        if not lessons or (position is None and wanted > len(lessons)):
            return None
        lesson = lessons[min(max(wanted, 1), len(lessons)) - 1]
        if row is not None and lesson.position > read:
            with self.store.write() as db:
                db.execute(
                    "UPDATE enrolments SET lessons_read = max(lessons_read, ?) WHERE course_id = ? AND user_id = ?",
                    (lesson.position, course_id, user.id),
                )
        return lesson

    def _approved(self, course_id: int) -> list[QuizItem]:
        rows = self.store.rows(
            "SELECT * FROM items WHERE course_id = ? AND review = ? ORDER BY position",
            (course_id, ReviewState.APPROVED.value),
        )
        return [item_of(r) for r in rows]

    def _boxes(self, user: User, course_id: int) -> dict[int, dict]:
        rows = self.store.rows(
            "SELECT * FROM boxes WHERE user_id = ? AND course_id = ?", (user.id, course_id)
        )
        return {r["item_id"]: r for r in rows}

    def _steps(self, user: User, course_id: int) -> int:
        row = self.store.row(
            "SELECT COUNT(*) AS n FROM attempts WHERE user_id = ? AND course_id = ?", (user.id, course_id)
        )
        return row["n"] if row else 0

    def next_item(self, user: User, course_id: int) -> QuizItem | None:
        """The question to show now: the one left unanswered (a restart resumes it), else the next new
        one, else a missed one due again (Leitner); None when nothing is left."""
        self._enrolment(user, course_id)
        items = {i.id: i for i in self._approved(course_id)}
        row = self.store.row(
            "SELECT current_item_id FROM enrolments WHERE course_id = ? AND user_id = ?", (course_id, user.id)
        )
        current = row["current_item_id"] if row else None
        if current in items:
            return items[current]
        boxes, step = self._boxes(user, course_id), self._steps(user, course_id)
        unseen = [i for i in items.values() if i.id not in boxes]
        low = sorted(
            (b for b in boxes.values() if b["box"] < KNOWN and b["item_id"] in items),
            key=lambda b: (b["box"], b["last_step"]),
        )
        due = [b for b in low if step - b["last_step"] >= DUE_AFTER[b["box"]]]
        if due:
            chosen = items[due[0]["item_id"]]
        elif unseen:
            chosen = unseen[0]
        elif low:  # the first pass is over: what is left comes back now, lowest box first
            chosen = items[low[0]["item_id"]]
        else:
            return None
        with self.store.write() as db:
            db.execute(
                "UPDATE enrolments SET current_item_id = ? WHERE course_id = ? AND user_id = ?",
                (chosen.id, course_id, user.id),
            )
        return chosen

    def answer(self, user: User, item_id: int, answer: object) -> Feedback:
        """Checks the answer (cloze/choice text, judge 对/错/true/false, order as steps or numbers)."""
        row = self.store.row("SELECT * FROM items WHERE id = ?", (item_id,))
        if row is None or row["review"] != ReviewState.APPROVED.value:
            raise ItemNotFound()
        item = item_of(row)
        course_id = row["course_id"]
        self._enrolment(user, course_id)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            raise InvalidValue("answer", "请先作答。")
        correct = is_correct(item, answer)  # InvalidValue before anything is recorded
        given = " ".join(answer) if isinstance(answer, (list, tuple)) else str(answer)
        with self.store.write() as db:
            step = db.execute(
                "SELECT COUNT(*) FROM attempts WHERE user_id = ? AND course_id = ?", (user.id, course_id)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO attempts (course_id, user_id, item_id, answer, correct, at) VALUES (?, ?, ?, ?, ?, ?)",
                (course_id, user.id, item_id, given, int(correct), self.now()),
            )
            box = db.execute(
                "SELECT box FROM boxes WHERE user_id = ? AND item_id = ?", (user.id, item_id)
            ).fetchone()
            if box is None:
                db.execute(
                    "INSERT INTO boxes (user_id, item_id, course_id, box, first_correct, last_step) VALUES (?, ?, ?, ?, ?, ?)",
                    (user.id, item_id, course_id, KNOWN if correct else 1, int(correct), step + 1),
                )
            else:
                new_box = min(KNOWN, box[0] + 1) if correct else 1
                db.execute(
                    "UPDATE boxes SET box = ?, last_step = ? WHERE user_id = ? AND item_id = ?",
                    (new_box, step + 1, user.id, item_id),
                )
            db.execute(
                "UPDATE enrolments SET current_item_id = NULL WHERE course_id = ? AND user_id = ?"
                " AND current_item_id = ?",
                (course_id, user.id, item_id),
            )
        progress = self.progress(user, course_id)
        if progress.completed:
            with self.store.write() as db:
                db.execute(
                    "UPDATE enrolments SET completed_at = coalesce(completed_at, ?) WHERE course_id = ? AND user_id = ?",
                    (self.now(), course_id, user.id),
                )
        right = expected(item)
        where = f"《{item.source.title}》{item.source.article or ''}"
        verdict = "回答正确。" if correct else f"回答错误。正确答案：{right}。"
        message = f"{verdict}\n依据{where}：“{item.source.quote}”"
        return Feedback(item, correct, given, right, message, progress)

    def progress(self, user: User, course_id: int) -> Progress:
        """One's own progress (a trainer sees others' in the report)."""
        self._enrolment(user, course_id)
        items = {i.id for i in self._approved(course_id)}
        boxes = {k: v for k, v in self._boxes(user, course_id).items() if k in items}
        answered = len(boxes)
        return Progress(
            course_id=course_id,
            user_id=user.id,
            total=len(items),
            answered=answered,
            correct=sum(b["first_correct"] for b in boxes.values()),
            review_left=sum(1 for b in boxes.values() if b["box"] < KNOWN),
            completed=bool(items) and answered == len(items),
            boxes={k: v["box"] for k, v in boxes.items()},
        )
