"""A course as data: its lessons (document parts) and its reviewed items, written out and read back.
The bundled sample course (training/data/) is one: built by these tools from the sample documents,
reviewed item by item, and loaded on any install whose knowledge base holds those documents. Every
item is verified again on load: a document that changed drops the items it no longer supports."""

from __future__ import annotations

import json
from pathlib import Path

from registry.model import User
from training.authoring import AuthoringMixin
from training.errors import InvalidValue
from training.model import CourseStatus, ItemKind, QuizItem, ReviewState, Source
from training.verify import problems

SAMPLE_COURSE = Path(__file__).parent / "data" / "sample_course.json"


class BundleMixin(AuthoringMixin):
    def export_course(self, user: User, course_id: int) -> dict:
        course = self._managed(user, course_id)
        lessons = self.lessons(user, course_id)
        parts = {
            lesson.id: f"{self._doc_name(lesson.doc_id, lesson.doc_title)} {lesson.part}".strip()
            for lesson in lessons
        }
        items = []
        for item in self.items(user, course_id):
            data = item.as_json()
            data["lesson"] = next(
                (n for n, lesson in enumerate(lessons, 1) if lesson.id == item.lesson_id), None
            )
            data["review"] = item.review.value
            items.append(data)
        return {
            "title": course.title,
            "description": course.description,
            "pass_mark": course.pass_mark,
            "lessons": [parts[lesson.id] for lesson in lessons],
            "items": items,
        }

    def import_course(self, user: User, data: dict, *, publish: bool = False) -> tuple[int, int]:
        """Creates the course with its lessons and the given items (their review state kept); returns
        (course id, items dropped because they no longer pass verification)."""
        try:
            title, parts, raw_items = data["title"], list(data["lessons"]), list(data["items"])
        except (KeyError, TypeError):
            raise InvalidValue("file", "课程文件格式不对：需要 title、lessons 和 items。") from None
        course = self.create_course(
            user, title, description=data.get("description", ""), pass_mark=data.get("pass_mark")
        )
        lessons = self.add_lessons(user, course.id, parts)
        with self.store.write() as db:  # the bundle's reviewed items replace the generated ones
            db.execute("DELETE FROM items WHERE course_id = ?", (course.id,))
            dropped, position = 0, 0
            for raw in raw_items:
                item = self._item_from(raw)
                if item is None or problems(item, self.corpus):
                    dropped += 1
                    continue
                position += 1
                lesson = lessons[raw["lesson"] - 1].id if raw.get("lesson") else None
                self._insert_item(db, course.id, lesson, position, item)
        if publish:
            self.publish(user, course.id)
        return course.id, dropped

    def _doc_name(self, doc_id: int, title: str) -> str:
        """The document's name in the knowledge base today (a bundle finds it by name), else its title."""
        doc = self.corpus.get(doc_id)
        return doc.name if doc else title

    def _item_from(self, raw: dict) -> QuizItem | None:
        src = raw.get("source") or {}
        doc = self.corpus.find(str(src.get("title", "")))
        answer = raw.get("answer")
        if doc is None or answer is None:  # counted as dropped, like an item that no longer verifies
            return None
        kind = ItemKind(raw["kind"])
        return QuizItem(
            0,
            kind,
            raw["question"],
            tuple(raw.get("options", [])),
            tuple(answer) if isinstance(answer, list) else answer,
            Source(doc.id, doc.title, src.get("article"), src.get("quote", "")),
            review=ReviewState(raw.get("review", ReviewState.PENDING.value)),
        )

    def load_sample_course(self, user: User, *, publish: bool = True) -> int:
        """The bundled 非公企业工会干部入门 (or the existing copy of it)."""
        data = json.loads(SAMPLE_COURSE.read_text(encoding="utf-8"))
        for course in self.courses(user):
            if course.title == data["title"]:
                return course.id
        course_id, _ = self.import_course(user, data, publish=False)
        if publish and self._course(self._course_row(course_id)).status is CourseStatus.DRAFT:
            self.publish(user, course_id)
        return course_id
