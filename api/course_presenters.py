"""Training records as the JSON the API returns and the console renders. A trainee's question never
carries its answer; a trainer's item does (they review it)."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _record_json(record: DataclassInstance) -> dict[str, object]:
    """A training record (Course, Lesson, Enrolment, Certificate) as plain JSON values."""
    return {key: _plain(value) for key, value in asdict(record).items()}


def course_json(course) -> dict:
    return _record_json(course)


def lesson_json(lesson) -> dict:
    return _record_json(lesson)


def item_json(item, *, with_answer: bool) -> dict:
    out = {
        "id": item.id,
        "kind": item.kind.value,
        "question": item.question,
        "options": list(item.options),
        "lesson_id": item.lesson_id,
        "source": item.source.as_json(),
    }
    if with_answer:
        out["answer"] = list(item.answer) if isinstance(item.answer, tuple) else item.answer
        out["review"] = item.review.value
    return out


def progress_json(progress) -> dict:
    out = _plain(asdict(progress))
    assert isinstance(out, dict)
    return out | {"score": progress.score}


def feedback_json(feedback) -> dict:
    return {
        "item_id": feedback.item.id,
        "correct": feedback.correct,
        "given": feedback.given,
        "expected": feedback.expected,
        "message": feedback.message,
        "source": feedback.item.source.as_json(),
        "progress": progress_json(feedback.progress),
    }


def enrolment_json(enrolment) -> dict:
    return _record_json(enrolment)


def certificate_json(cert) -> dict:
    return _record_json(cert)


def report_json(report) -> dict:
    return {
        "course": course_json(report.course),
        "enrolled": report.enrolled,
        "started": report.started,
        "completed": report.completed,
        "average_score": report.average_score,
        "hardest": [
            {
                "item": item_json(s.item, with_answer=True),
                "attempts": s.attempts,
                "wrong": s.wrong,
                "wrong_share": s.wrong_share,
            }
            for s in report.hardest
        ],
        "trainees": [_plain(asdict(row)) for row in report.trainees],
        "groups": [
            {"enterprise": ent, "union": union, "trainees": [r.name for r in rows]}
            for (ent, union), rows in report.groups().items()
        ],
    }
