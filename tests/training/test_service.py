"""Courses end to end on real SQLite files: review before publishing, scoping, one question at a time,
Leitner boxes, restart mid-quiz, report, XLSX, certificate and its verification."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from registry.errors import InvalidValue, NotFound, PermissionDenied
from training.errors import BadInviteCode, ItemRejected, NotEnrolled, NotPublishable, TrainingError
from training.model import CourseStatus, ItemKind, ReviewState

from .conftest import open_service


def _right(item):
    return item.answer


def _wrong(item):
    if item.kind is ItemKind.JUDGE:
        return not item.answer
    if item.kind is ItemKind.CHOICE:
        return next(o for o in item.options if o != item.answer)
    if item.kind is ItemKind.ORDER:
        return tuple(reversed(item.answer))
    return "九百九十九"


def test_a_course_is_built_from_document_parts(service, people):
    course = service.create_course(
        people["zhang"], "入门", parts=["工会法 第二章", "集体合同规定 第四章", "哈尔滨 二、"]
    )
    lessons = service.lessons(people["zhang"], course.id)
    assert [lesson.title for lesson in lessons] == [
        "第二章 工会组织",
        "第四章 集体协商程序",
        "二、精准实施，全力推进竞赛广泛深入开展",
    ]
    first = lessons[0]
    assert "第十一条 用人单位有会员二十五人以上的" in first.text and first.summary
    assert any(p.source.article == "第十一条" and "二十五人" in p.text for p in first.key_points)
    assert {g.term for g in lessons[1].glossary} >= {"集体合同", "集体协商"}
    defined = next(g for g in lessons[1].glossary if g.term == "集体合同")
    assert defined.definition.startswith("本规定所称集体合同，是指") and defined.source.article == "第三条"
    assert next(g for g in lessons[2].glossary if g.term == "五小").shown == "未在文件中定义"
    # the other names search also uses come back from the store with the lesson
    assert "平等协商" in next(g for g in lessons[1].glossary if g.term == "集体协商").aliases
    items = service.items(people["zhang"], course.id)
    assert items and all(i.review is ReviewState.PENDING for i in items)
    assert {i.kind for i in items} >= {ItemKind.CLOZE, ItemKind.JUDGE, ItemKind.ORDER}
    # one item per sentence: a cloze and a true/false on the same words would ask the same thing twice
    assert len({i.source.quote for i in items}) == len(items)


def test_unknown_document_or_part_is_refused_before_anything_is_stored(service, people):
    with pytest.raises(InvalidValue, match="知识库中没有文件"):
        service.create_course(people["zhang"], "x", parts=["不存在的法"])
    with pytest.raises(InvalidValue, match="中没有“第九十九章”"):
        service.create_course(people["zhang"], "x", parts=["工会法 第九十九章"])
    assert service.courses(people["zhang"]) == []


def test_publishing_needs_every_item_reviewed(service, people):
    zhang = people["zhang"]
    course = service.create_course(zhang, "建会", parts=["工会法 第二章"])
    with pytest.raises(NotPublishable, match="未审核"):
        service.publish(zhang, course.id)
    items = service.items(zhang, course.id)
    service.drop(zhang, [items[0].id])
    service.approve(zhang, [i.id for i in items[1:]])
    assert service.publish(zhang, course.id).status is CourseStatus.PUBLISHED
    with pytest.raises(NotPublishable):
        service.edit_item(zhang, items[1].id, question="改动")


def test_an_edit_is_verified_again(service, people):
    zhang = people["zhang"]
    course = service.create_course(zhang, "建会", parts=["工会法 第二章"])
    cloze = next(
        i for i in service.items(zhang, course.id) if i.kind is ItemKind.CLOZE and i.answer == "二十五"
    )
    with pytest.raises(ItemRejected, match="与原文不符"):
        service.edit_item(zhang, cloze.id, answer="三十")
    edited = service.edit_item(zhang, cloze.id, question="会员____人以上的，应当建立基层工会委员会")
    assert edited.review is ReviewState.APPROVED and edited.question.startswith("根据《工会法》第十一条")
    judge = next(i for i in service.items(zhang, course.id) if i.kind is ItemKind.JUDGE and i.answer is True)
    with pytest.raises(ItemRejected, match="判断为错误的说法却出现在文件中"):
        service.edit_item(zhang, judge.id, answer="错")


def test_trainers_manage_their_own_courses_and_admins_all(service, people, published):
    wang, admin = people["wang"], people["admin"]
    with pytest.raises(NotFound):
        service.report(wang, published.id)
    with pytest.raises(NotFound):
        service.items(wang, published.id)
    assert service.courses(wang) == []
    assert [c.id for c in service.courses(admin)] == [published.id]
    assert service.report(admin, published.id).course.id == published.id
    with pytest.raises(PermissionDenied, match="培训师或管理员"):
        service.create_course(people["li"], "x")
    with pytest.raises(PermissionDenied):
        service.report(people["li"], published.id)


def test_a_trainee_sees_only_own_results(service, people, published):
    li, zhao = people["li"], people["zhao"]
    with pytest.raises(BadInviteCode):
        service.enrol(li, "WRONG123")
    service.enrol(li, published.invite_code.lower(), enterprise="某机械公司")
    item = service.next_item(li, published.id)
    service.answer(li, item.id, _right(item))
    with pytest.raises(NotEnrolled):
        service.progress(zhao, published.id)
    with pytest.raises(NotEnrolled):
        service.next_item(zhao, published.id)
    assert [c.id for c in service.courses(li)] == [published.id]
    assert service.courses(zhao) == []
    assert service.progress(li, published.id).answered == 1


def test_a_draft_cannot_be_joined(service, people):
    course = service.create_course(people["zhang"], "草稿", parts=["工会法 第十一条"])
    with pytest.raises(BadInviteCode):
        service.enrol(people["li"], course.invite_code)


def test_restart_mid_quiz_resumes_the_same_question(
    tmp_path, registry, sample_corpus, people, service, published
):
    li = people["li"]
    service.enrol(li, published.invite_code)
    first = service.next_item(li, published.id)
    service.answer(li, first.id, _right(first))
    shown = service.next_item(li, published.id)
    service.close()
    again = open_service(tmp_path, registry, sample_corpus)  # a new process on the same file
    try:
        assert again.next_item(li, published.id) == shown
        assert again.progress(li, published.id).answered == 1
    finally:
        again.close()


def test_an_unreadable_answer_is_refused_and_not_counted(service, people, published):
    li = people["li"]
    service.enrol(li, published.invite_code)
    item = service.next_item(li, published.id)
    while item.kind is not ItemKind.JUDGE:
        service.answer(li, item.id, _right(item))
        item = service.next_item(li, published.id)
    with pytest.raises(InvalidValue, match="请回答“对”或“错”"):
        service.answer(li, item.id, "也许")
    before = service.progress(li, published.id).answered
    assert service.next_item(li, published.id) == item
    feedback = service.answer(li, item.id, "对" if item.answer else "错")
    assert feedback.correct and service.progress(li, published.id).answered == before + 1


def test_missed_items_come_back_and_the_score_counts_first_answers(service, people, published):
    li = people["li"]
    service.enrol(li, published.invite_code, enterprise="某机械公司")
    missed = service.next_item(li, published.id)
    feedback = service.answer(li, missed.id, _wrong(missed))
    assert not feedback.correct and feedback.message.startswith("回答错误。正确答案：")
    assert (
        f"依据《{missed.source.title}》{missed.source.article}：“{missed.source.quote}”" in feedback.message
    )
    seen = []
    while (item := service.next_item(li, published.id)) is not None:
        seen.append(item.id)
        service.answer(li, item.id, _right(item))
    total = service.progress(li, published.id).total
    # Leitner: back after three other answers (box 1), right once → box 2, back after six more (or at
    # the end of the first pass), right again → known
    again = [n for n, item_id in enumerate(seen) if item_id == missed.id]
    assert again[0] == 3 and len(again) == 2
    assert again[1] >= min(again[0] + 7, len(seen) - 1)
    assert len(seen) == total + 1  # every other item once, the missed one twice more
    progress = service.progress(li, published.id)
    assert progress.completed and progress.review_left == 0
    assert progress.correct == total - 1 and progress.score == round(100 * (total - 1) / total)


def _complete(service, user, course, *, miss_first: bool = False):
    """Through the whole quiz; with miss_first every item's first answer is wrong, later ones right."""
    service.enrol(user, course.invite_code, enterprise="某机械公司")
    seen = set()
    while (item := service.next_item(user, course.id)) is not None:
        service.answer(user, item.id, _wrong(item) if miss_first and item.id not in seen else _right(item))
        seen.add(item.id)


def test_report_xlsx_certificate_and_verification(service, people, published, cjk_font):
    li, zhao, zhang = people["li"], people["zhao"], people["zhang"]
    _complete(service, li, published)
    _complete(service, zhao, published, miss_first=True)
    report = service.report(zhang, published.id)
    assert (report.enrolled, report.started, report.completed) == (2, 2, 2)
    assert report.average_score == 50.0
    assert report.hardest and report.hardest[0].wrong == 1
    groups = report.groups()
    assert ("某机械公司", "松北区总工会") in groups and ("某机械公司", "（未填写工会）") in groups
    book = load_workbook(io.BytesIO(service.export_report(zhang, published.id)))
    assert book.sheetnames == ["概况", "学员进度", "难题"]
    rows = list(book["学员进度"].iter_rows(values_only=True))
    assert rows[0][:3] == ("企业", "工会", "姓名") and {r[2] for r in rows[1:]} == {"李明", "赵红"}
    cert, pdf = service.certificate(li, published.id)
    assert pdf.startswith(b"%PDF") and cert.score == 100 and cert.holder == "李明"
    assert service.certificate(li, published.id)[0].code == cert.code  # issued once
    assert service.verify(cert.code.lower()) == cert and service.verify("GHXXXX-XXXX") is None
    with pytest.raises(TrainingError, match="未达到 80 分的合格线"):
        service.certificate(zhao, published.id)
    assert service.report(zhang, published.id).trainees[0].certificate in (cert.code, None)


def test_a_certificate_needs_every_item_answered(service, people, published):
    li = people["li"]
    service.enrol(li, published.invite_code)
    with pytest.raises(TrainingError, match="道题未作答"):
        service.certificate(li, published.id)


def test_the_bundled_sample_course_loads_with_every_item_verified(service, people):
    admin = people["admin"]
    course_id = service.load_sample_course(admin)
    course = service.course(admin, course_id)
    assert course.title == "非公企业工会干部入门" and course.status is CourseStatus.PUBLISHED
    assert len(service.lessons(admin, course_id)) == 4
    assert len(service.items(admin, course_id, state="approved")) == 16
    assert service.load_sample_course(admin) == course_id  # loaded once


def test_an_order_item_edited_with_steps_typed_on_one_line(service, people):
    zhang = people["zhang"]
    course = service.create_course(zhang, "协商", parts=["集体合同规定 第五十三条"])
    order = next(i for i in service.items(zhang, course.id) if i.kind is ItemKind.ORDER)
    steps = list(order.answer)
    swapped = " → ".join([steps[1], steps[0], *steps[2:]])
    with pytest.raises(ItemRejected, match="顺序与原文不符"):
        service.edit_item(zhang, order.id, answer=swapped)
    edited = service.edit_item(zhang, order.id, answer=" → ".join(steps))
    assert edited.answer == tuple(steps) and edited.review is ReviewState.APPROVED


def test_a_training_db_from_before_lessons_read_upgrades_and_keeps_its_enrolments(
    tmp_path, registry, sample_corpus, people, service, published
):
    import sqlite3

    li = people["li"]
    service.enrol(li, published.invite_code, enterprise="某某公司")
    service.close()
    # the file as the first release left it: no lessons_read column, no record of the m002 migration
    path = tmp_path / "training.db"
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE enrolments DROP COLUMN lessons_read")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_lessons_read'")
    again = open_service(tmp_path, registry, sample_corpus)
    try:
        [enrolment] = again.enrolments(li)
        assert enrolment.enterprise == "某某公司" and enrolment.lessons_read == 0
        first = again.read_lesson(li, published.id)
        assert first.position == 1 and again.enrolments(li)[0].lessons_read == 1
    finally:
        again.close()
