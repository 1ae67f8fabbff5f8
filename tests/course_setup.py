"""A published course on a real Application (real registry, knowledge and training files), and a trainee's
right answer to each question as a person would give it in a chat: typed (cloze, order) or pressed (choice,
判断 对/错)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import prepare
from training.model import ItemKind, ReviewState

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "knowledge" / "samples" / "01_gonghuifa_2021.md"
TITLE = "非公企业工会干部入门"
PARTS = ("工会法 第二章", "工会法 第四十三条")


def publish_course(app, trainer, *, parts=PARTS, pass_mark: int = 50):
    """Ingests the bundled 工会法, builds a course of `parts`, approves every item, publishes it."""
    if not app.knowledge.catalog.stats()[0]:
        app.knowledge.ingest([prepare(LAW)])
    training = app.training
    course = training.create_course(trainer, TITLE, parts=parts, pass_mark=pass_mark)
    pending = [i.id for i in training.items(trainer, course.id) if i.review is ReviewState.PENDING]
    if pending:
        training.approve(trainer, pending)
    return training.publish(trainer, course.id)


class Answers:
    """The right (or a wrong) chat answer to a question shown, found by its text among the course's items."""

    def __init__(self, app, trainer, course_id: int) -> None:
        self.items = app.training.items(trainer, course_id, state="approved")

    def item_in(self, text: str):
        found = [i for i in self.items if i.question in text]
        assert found, f"no item of the course in: {text!r}"
        return max(found, key=lambda i: len(i.question))

    def right(self, text: str) -> tuple[str, str]:
        """("type", words) or ("press", button label)."""
        item = self.item_in(text)
        if item.kind is ItemKind.CHOICE:
            return "press", str(item.answer)
        if item.kind is ItemKind.JUDGE:
            return "press", "对" if item.answer else "错"
        if item.kind is ItemKind.ORDER:
            return "type", " ".join(str(item.options.index(step) + 1) for step in item.answer)
        return "type", str(item.answer)

    def wrong(self, text: str) -> tuple[str, str]:
        item = self.item_in(text)
        if item.kind is ItemKind.CHOICE:
            return "press", next(o for o in item.options if o != item.answer)
        if item.kind is ItemKind.JUDGE:
            return "press", "错" if item.answer else "对"
        if item.kind is ItemKind.ORDER:
            right = [item.options.index(step) + 1 for step in item.answer]
            return "type", " ".join(str(n) for n in right[1:] + right[:1])
        return "type", "不知道"
