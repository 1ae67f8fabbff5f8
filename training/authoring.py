"""A trainer's side of a course: built from document parts, lessons with their reading, generated items
reviewed (approve, edit, drop) before it is published with an invite code."""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
from collections.abc import Sequence

from registry.model import User
from registry.policy import Action
from training.base import TrainingBase
from training.corpus import select
from training.errors import InvalidValue, ItemNotFound, ItemRejected, NotPublishable
from training.lessons import key_points, summary
from training.model import PASS_MARK, Course, CourseStatus, ItemKind, Lesson, QuizItem, ReviewState
from training.store import (
    answer_json,
    glossary_json,
    glossary_of,
    item_of,
    points_json,
    points_of,
    source_json,
)
from training.verify import JUDGE_OPTIONS, duplicates, problems

ITEMS_PER_LESSON = 10
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed


def new_code(n: int = 8) -> str:
    return "".join(secrets.choice(_CODE_LETTERS) for _ in range(n))


def split_part(spec: str) -> tuple[str, str]:
    """`工会法 第二章` → (工会法, 第二章); `集体合同规定` → (集体合同规定, ""); `工会法#第十一条` too."""
    spec = spec.strip()
    for sep in ("#", " ", "\u3000"):
        if sep in spec:
            doc, part = spec.split(sep, 1)
            return doc.strip(), part.strip()
    return spec, ""


def lesson_title(name: str, part: str, passages) -> str:
    """The heading the part names (第二章 工会组织, 二、精准实施…), else 《工会法》第十一条 or 《工会法》."""
    if part:
        for heading in passages[0].headings:
            if heading.startswith(part) or heading.split(" ")[0] == part:
                return heading
    return f"《{name}》{part}"


def typed_answer(kind: ItemKind, answer: object) -> str | bool | tuple[str, ...]:
    """A trainer's edited answer as the item kind stores it: 对/错 for judge, the steps for order."""
    if kind is ItemKind.JUDGE:
        return (
            answer.strip() in ("对", "正确", "true", "True", "是")
            if isinstance(answer, str)
            else bool(answer)
        )
    if kind is ItemKind.ORDER:
        # steps typed on one line are separated by → or ｜ (a comma may stand inside a step)
        steps = re.split(r"\s*(?:→|->|｜|\|)\s*", answer) if isinstance(answer, str) else answer
        return tuple(str(s) for s in steps if s) if isinstance(steps, list | tuple) else ()
    return str(answer)


class AuthoringMixin(TrainingBase):
    def create_course(
        self,
        user: User,
        title: str,
        *,
        parts: Sequence[str] = (),
        description: str = "",
        pass_mark: int | None = None,
    ) -> Course:
        """A draft course; each part is `DOC [PART]`: `工会法 第二章`, `集体合同规定`, `7 二、`, `工会法 第十一条`."""
        self.registry.require(user, Action.TEACH)
        title = title.strip()
        if not title:
            raise InvalidValue("title", "请填写课程名称。")
        mark = PASS_MARK if pass_mark is None else pass_mark
        if not 0 < mark <= 100:
            raise InvalidValue("pass_mark", "及格线应为 1 到 100 之间的整数（百分比）。")
        for spec in parts:  # every part is found before anything is stored
            self._passages(spec)
        with self.store.write() as db:
            cur = db.execute(
                "INSERT INTO courses (title, owner_id, status, invite_code, description, pass_mark, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, user.id, CourseStatus.DRAFT.value, new_code(), description.strip(), mark, self.now()),
            )
            course_id = cur.lastrowid
            assert course_id is not None  # sqlite reports the rowid of the row it inserted
        if parts:
            self.add_lessons(user, course_id, parts)
        return self.course(user, course_id)

    def _passages(self, spec: str):
        doc_key, part = split_part(spec)
        doc = self.corpus.find(doc_key)
        if doc is None:
            raise InvalidValue("parts", f"知识库中没有文件“{doc_key}”，请用 gonghui docs 查看编号和标题。")
        passages = select(doc, part)
        if not passages:
            raise InvalidValue("parts", f"《{doc.name}》中没有“{part}”。")
        return doc, part, passages

    def add_lessons(self, user: User, course_id: int, parts: Sequence[str]) -> list[Lesson]:
        """Lessons appended in order, with their quiz items generated (pending review)."""
        course = self._managed(user, course_id)
        if course.status is CourseStatus.PUBLISHED:
            raise NotPublishable("课程已发布，不能再增加课时。")
        # the reading and the items are made before the write transaction: it stays short
        built = []
        generator = self.lesson_generator
        for spec in parts:
            doc, part, passages = self._passages(spec)
            text = "\n".join(p.text for p in passages)
            built.append(
                (
                    doc,
                    part,
                    lesson_title(doc.name, part, passages),
                    text,
                    summary(passages),
                    points_json(key_points(passages)),
                    glossary_json(self._glossary.in_text(text)),
                    generator.generate(passages, n=ITEMS_PER_LESSON, one_per_sentence=True),
                )
            )
        existing = {i.question for i in self.items(user, course_id)}
        ids = []
        with self.store.write() as db:
            count = "SELECT COUNT(*) FROM {} WHERE course_id = ?"
            position = db.execute(count.format("lessons"), (course_id,)).fetchone()[0]
            item_pos = db.execute(count.format("items"), (course_id,)).fetchone()[0]
            for doc, part, title, text, short, points, glossary, items in built:
                position += 1
                cur = db.execute(
                    "INSERT INTO lessons (course_id, position, title, doc_id, doc_title, part, text, summary,"
                    " key_points, glossary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (course_id, position, title, doc.id, doc.title, part, text, short, points, glossary),
                )
                ids.append(cur.lastrowid)
                for item in items:
                    if item.question not in existing:
                        existing.add(item.question)
                        item_pos += 1
                        self._insert_item(db, course_id, cur.lastrowid, item_pos, item)
        lessons = self.lessons(user, course_id)
        return [lesson for lesson in lessons if lesson.id in ids]

    def _insert_item(self, db, course_id: int, lesson_id: int | None, position: int, item: QuizItem) -> int:
        cur = db.execute(
            "INSERT INTO items (course_id, lesson_id, position, kind, question, options, answer, source, review)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                course_id,
                lesson_id,
                position,
                item.kind.value,
                item.question,
                json.dumps(list(item.options), ensure_ascii=False),
                answer_json(item.answer),
                source_json(item.source),
                item.review.value,
            ),
        )
        return cur.lastrowid

    def add_lesson(self, user: User, course_id: int, part: str) -> Lesson:
        return self.add_lessons(user, course_id, [part])[0]

    def courses(self, user: User) -> list[Course]:
        """Trainers: their own; admins: all; anyone else: the courses they joined."""
        if self.registry.allows(user, Action.ADMIN):
            rows = self.store.rows("SELECT * FROM courses ORDER BY id")
        elif self.registry.allows(user, Action.TEACH):
            rows = self.store.rows("SELECT * FROM courses WHERE owner_id = ? ORDER BY id", (user.id,))
        else:
            self.registry.require(user, Action.LEARN)
            rows = self.store.rows(
                "SELECT c.* FROM courses c JOIN enrolments e ON e.course_id = c.id WHERE e.user_id = ? ORDER BY c.id",
                (user.id,),
            )
        return [self._course(r) for r in rows]

    def course(self, user: User, course_id: int) -> Course:
        if self.registry.allows(user, Action.TEACH):
            return self._managed(user, course_id)
        self._enrolment(user, course_id)
        return self._course(self._course_row(course_id))

    def lessons(self, user: User, course_id: int) -> list[Lesson]:
        self.course(user, course_id)
        rows = self.store.rows("SELECT * FROM lessons WHERE course_id = ? ORDER BY position", (course_id,))
        return [
            Lesson(
                r["id"],
                r["course_id"],
                r["position"],
                r["title"],
                r["doc_id"],
                r["doc_title"],
                r["part"],
                r["text"],
                r["summary"],
                points_of(r["key_points"]),
                glossary_of(r["glossary"]),
            )
            for r in rows
        ]

    def items(self, user: User, course_id: int, *, state: str | None = None) -> list[QuizItem]:
        """The course's items (trainer view); `state` pending|approved|dropped filters."""
        self._managed(user, course_id)
        sql = "SELECT * FROM items WHERE course_id = ?"
        params: list[object] = [course_id]
        if state:
            try:
                params.append(ReviewState(state).value)
            except ValueError:
                raise InvalidValue("state", "状态只能是 pending、approved 或 dropped。") from None
            sql += " AND review = ?"
        return [item_of(r) for r in self.store.rows(sql + " ORDER BY position", params)]

    def _item_for_trainer(self, user: User, item_id: int) -> tuple[Course, QuizItem]:
        row = self.store.row("SELECT * FROM items WHERE id = ?", (item_id,))
        if row is None:
            raise ItemNotFound()
        course = self._managed(user, row["course_id"])
        return course, item_of(row)

    def _set_review(self, user: User, item_ids: Sequence[int], state: ReviewState) -> list[QuizItem]:
        out = []
        for item_id in item_ids:
            course, item = self._item_for_trainer(user, item_id)
            if course.status is CourseStatus.PUBLISHED and state is not ReviewState.DROPPED:
                raise NotPublishable("课程已发布，只能撤下题目，不能再改动。")
            with self.store.write() as db:
                db.execute("UPDATE items SET review = ? WHERE id = ?", (state.value, item_id))
            out.append(dataclasses.replace(item, review=state))
        return out

    def approve(self, user: User, item_ids: Sequence[int]) -> list[QuizItem]:
        return self._set_review(user, item_ids, ReviewState.APPROVED)

    def drop(self, user: User, item_ids: Sequence[int]) -> list[QuizItem]:
        return self._set_review(user, item_ids, ReviewState.DROPPED)

    def edit_item(
        self,
        user: User,
        item_id: int,
        *,
        question: str | None = None,
        options: Sequence[str] | None = None,
        answer: object = None,
    ) -> QuizItem:
        """An edited item is verified again against its source (ItemRejected says why not) and approved."""
        course, item = self._item_for_trainer(user, item_id)
        if course.status is CourseStatus.PUBLISHED:
            raise NotPublishable("课程已发布，不能再修改题目。")
        if question is not None and "：" not in question:  # the lead-in 根据《…》…： is kept
            question = item.question.split("：", 1)[0] + "：" + question
        edited = dataclasses.replace(
            item,
            question=question if question is not None else item.question,
            options=tuple(options)
            if options is not None
            else (JUDGE_OPTIONS if item.kind is ItemKind.JUDGE else item.options),
            answer=item.answer if answer is None else typed_answer(item.kind, answer),
            review=ReviewState.APPROVED,
        )
        reasons = problems(edited, self.corpus)
        others = [i for i in self.items(user, course.id) if i.id != item_id]
        if duplicates([*others, edited]):
            reasons.append("与本课程已有的题目重复。")
        if reasons:
            raise ItemRejected("question", "修改后的题目未通过核对：" + "".join(reasons))
        with self.store.write() as db:
            db.execute(
                "UPDATE items SET question = ?, options = ?, answer = ?, review = ?, edited_at = ? WHERE id = ?",
                (
                    edited.question,
                    json.dumps(list(edited.options), ensure_ascii=False),
                    answer_json(edited.answer),
                    ReviewState.APPROVED.value,
                    self.now(),
                    item_id,
                ),
            )
        return edited

    def publish(self, user: User, course_id: int) -> Course:
        """Live: needs at least one lesson and one approved item and no pending ones."""
        course = self._managed(user, course_id)
        if course.status is CourseStatus.PUBLISHED:
            return course
        if not self.lessons(user, course_id):
            raise NotPublishable("课程还没有课时，不能发布。")
        pending = self.items(user, course_id, state="pending")
        if pending:
            raise NotPublishable(f"还有 {len(pending)} 道题未审核（通过、修改或撤下），审核后才能发布。")
        if not self.items(user, course_id, state="approved"):
            raise NotPublishable("课程还没有审核通过的题目，不能发布。")
        with self.store.write() as db:
            db.execute(
                "UPDATE courses SET status = ?, published_at = ? WHERE id = ?",
                (CourseStatus.PUBLISHED.value, self.now(), course_id),
            )
        return self._managed(user, course_id)

    def invite_code(self, user: User, course_id: int) -> str:
        return self._managed(user, course_id).invite_code
