"""`gonghui courses` for trainers: create a course from document parts, list its lessons and quiz items,
review and edit the items, publish it, and move a course out and in as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from gonghui.registry_common import JsonOpt, friendly
from gonghui.training_common import UserOpt, echo_json, service_as, show_item, show_lesson

courses_app = typer.Typer(
    help="培训课程：创建、课时、审核、发布、报名、答题、报告、证书。", no_args_is_help=True
)


@courses_app.command("create")
@friendly
def courses_create(
    title: Annotated[str, typer.Argument(help="课程名称。")],
    part: Annotated[
        list[str], typer.Option("--part", help="一课：文件 [部分]，如 “工会法 第二章”；可重复，按顺序。")
    ],
    pass_mark: Annotated[int | None, typer.Option(help="合格线（百分比），默认 80。")] = None,
    user: UserOpt = None,
) -> None:
    """创建课程（草稿）：每个 --part 成为一课，并生成待审核的题目。"""
    service, person = service_as(user)
    course = service.create_course(person, title, parts=part, pass_mark=pass_mark)
    items = service.items(person, course.id)
    typer.echo(f"已创建课程 [{course.id}] {course.title}：{len(part)} 课，{len(items)} 道待审核的题目。")
    typer.echo(f"审核：gonghui courses items {course.id}；gonghui courses review {course.id} --approve all")


@courses_app.command("list")
@friendly
def courses_list(user: UserOpt = None, as_json: JsonOpt = False) -> None:
    """列出课程（培训师：自己的；管理员：全部；学员：已报名的）。"""
    service, person = service_as(user)
    courses = service.courses(person)
    if as_json:
        return echo_json(
            [
                {"id": c.id, "title": c.title, "status": c.status.value, "invite_code": c.invite_code}
                for c in courses
            ]
        )
    if not courses:
        typer.echo("还没有课程。")
    for c in courses:
        status = "已发布" if c.status.value == "published" else "草稿"
        typer.echo(f"{c.id:>4}  {c.title} | {status} | 邀请码 {c.invite_code}")


@courses_app.command("lessons")
@friendly
def courses_lessons(
    course: int,
    user: UserOpt = None,
    full: Annotated[bool, typer.Option("--full", help="显示全文。")] = False,
    as_json: JsonOpt = False,
) -> None:
    """列出课程的课时：摘要、要点（注明条款）、术语。"""
    service, person = service_as(user)
    lessons = service.lessons(person, course)
    if as_json:
        return echo_json(
            [
                {
                    "position": les.position,
                    "title": les.title,
                    "doc_title": les.doc_title,
                    "part": les.part,
                    "summary": les.summary,
                    "text": les.text,
                    "key_points": [
                        {"kind": p.kind.value, "text": p.text, "article": p.source.article}
                        for p in les.key_points
                    ],
                    "glossary": [
                        {
                            "term": g.term,
                            "definition": g.shown,
                            "aliases": list(g.aliases),
                            "source": g.source.as_json() if g.source else None,
                        }
                        for g in les.glossary
                    ],
                }
                for les in lessons
            ]
        )
    for lesson in lessons:
        show_lesson(lesson, full=full)


@courses_app.command("items")
@friendly
def courses_items(
    course: int,
    state: Annotated[str | None, typer.Option(help="pending、approved 或 dropped。")] = None,
    user: UserOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """列出课程的题目及审核状态。"""
    service, person = service_as(user)
    items = service.items(person, course, state=state)
    if as_json:
        return echo_json([{"id": i.id, "review": i.review.value, **i.as_json()} for i in items])
    for item in items:
        typer.echo(f"[{item.id} {_REVIEW[item.review.value]}]")
        show_item(item.id, item)


_REVIEW = {"pending": "待审核", "approved": "已通过", "dropped": "已撤下"}


def _ids(text: str | None, service, person, course: int) -> list[int]:
    if not text:
        return []
    if text.strip() == "all":
        return [i.id for i in service.items(person, course, state="pending")]
    return [int(x) for x in text.replace("，", ",").split(",") if x.strip()]


@courses_app.command("review")
@friendly
def courses_review(
    course: int,
    approve: Annotated[str | None, typer.Option(help="通过：题号，逗号分隔；all 为全部待审核。")] = None,
    drop: Annotated[str | None, typer.Option(help="撤下：题号，逗号分隔。")] = None,
    user: UserOpt = None,
) -> None:
    """审核题目：通过或撤下。"""
    service, person = service_as(user)
    dropped = service.drop(person, _ids(drop, service, person, course))
    approved = service.approve(person, _ids(approve, service, person, course))
    left = len(service.items(person, course, state="pending"))
    typer.echo(f"已通过 {len(approved)} 道，撤下 {len(dropped)} 道；还有 {left} 道待审核。")


@courses_app.command("edit")
@friendly
def courses_edit(
    item: int,
    question: Annotated[str | None, typer.Option(help="新的题干（冒号后的部分）。")] = None,
    answer: Annotated[str | None, typer.Option(help="新的答案。")] = None,
    option: Annotated[list[str] | None, typer.Option("--option", help="选项，可重复。")] = None,
    user: UserOpt = None,
) -> None:
    """修改一道题；修改后按原文重新核对，通过才保存。"""
    service, person = service_as(user)
    edited = service.edit_item(person, item, question=question, answer=answer, options=option or None)
    typer.echo("已修改并通过核对：")
    show_item(edited.id, edited)


@courses_app.command("publish")
@friendly
def courses_publish(course: int, user: UserOpt = None) -> None:
    """发布课程（全部题目审核后），显示邀请码。"""
    service, person = service_as(user)
    c = service.publish(person, course)
    typer.echo(f"课程“{c.title}”已发布。邀请码：{c.invite_code}")


@courses_app.command("export")
@friendly
def courses_export(course: int, user: UserOpt = None) -> None:
    """把课程（课时和已审核的题目）输出为 JSON。"""
    service, person = service_as(user)
    typer.echo(json.dumps(service.export_course(person, course), ensure_ascii=False, indent=1))


@courses_app.command("import")
@friendly
def courses_import(file: Path, user: UserOpt = None) -> None:
    """从 JSON 文件导入课程（题目重新核对，不再成立的题目被去掉）。"""
    service, person = service_as(user)
    course_id, dropped = service.import_course(person, json.loads(file.read_text(encoding="utf-8")))
    typer.echo(f"已导入课程 [{course_id}]；{dropped} 道题未通过核对，已去掉。")
