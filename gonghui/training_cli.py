"""`gonghui quiz|courses|training`: verified quizzes from the documents, courses for trainers and
trainees, the bundled sample course. Commands run as the local admin unless `--user NAME` names a
registered user (a trainer for their courses, a trainee for enrolment and quizzes)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from gonghui.registry_common import JsonOpt, friendly
from registry.errors import NotFound
from service.composition import Application
from service.settings import Settings

quiz_app = typer.Typer(help="测验题：从文件生成并核对。", no_args_is_help=True)
courses_app = typer.Typer(
    help="培训课程：创建、课时、审核、发布、报名、答题、报告、证书。", no_args_is_help=True
)
training_app = typer.Typer(help="培训演示。", no_args_is_help=True)
_get: Callable[[], Application] | None = None

UserOpt = Annotated[str | None, typer.Option("--user", help="以该已登记用户的身份操作；默认为本机管理员。")]


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    global _get
    _get = get_application
    app.add_typer(quiz_app, name="quiz")
    app.add_typer(courses_app, name="courses")
    app.add_typer(training_app, name="training")


def _service(user: str | None, application: Application | None = None):
    application = application or _get()  # type: ignore[misc]
    registry = application.registry
    person = registry.get_user(user) if user else registry.ensure_local_admin()
    if person is None:
        raise NotFound(f"没有用户“{user}”。")
    return application.training, person


def _json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=None, default=str))


@quiz_app.command("generate")
@friendly
def quiz_generate(
    doc: Annotated[str, typer.Option("--doc", help="文件编号或标题（简称亦可）。")],
    article: Annotated[
        str | None, typer.Option("--article", help="只用这一条或这一部分，如 第十一条、第二章、二、。")
    ] = None,
    n: Annotated[int, typer.Option("--n", help="最多几道题。")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """从一个文件（或其中一条）生成经过核对的测验题。"""
    service, _ = _service(None)
    items = service.generate(doc, article=article, n=n)
    if as_json:
        return _json({"items": [i.as_json() for i in items]})
    for k, item in enumerate(items, 1):
        _show_item(k, item)


def _show_item(k: int, item, *, answer: bool = True) -> None:
    typer.echo(f"{k}. [{_KIND[item.kind.value]}] {item.question}")
    for letter, option in zip("ABCDEFGH", item.options, strict=False):
        typer.echo(f"   {letter}. {option}")
    if answer:
        from training.answers import expected

        typer.echo(f"   答案：{expected(item)}（{item.source.article or item.source.title}）")


_KIND = {"cloze": "填空", "judge": "判断", "choice": "单选", "order": "排序"}


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
    service, person = _service(user)
    course = service.create_course(person, title, parts=part, pass_mark=pass_mark)
    items = service.items(person, course.id)
    typer.echo(f"已创建课程 [{course.id}] {course.title}：{len(part)} 课，{len(items)} 道待审核的题目。")
    typer.echo(f"审核：gonghui courses items {course.id}；gonghui courses review {course.id} --approve all")


@courses_app.command("list")
@friendly
def courses_list(user: UserOpt = None, as_json: JsonOpt = False) -> None:
    """列出课程（培训师：自己的；管理员：全部；学员：已报名的）。"""
    service, person = _service(user)
    courses = service.courses(person)
    if as_json:
        return _json(
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
    service, person = _service(user)
    lessons = service.lessons(person, course)
    if as_json:
        return _json(
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
                            "source": g.source.as_json() if g.source else None,
                        }
                        for g in les.glossary
                    ],
                }
                for les in lessons
            ]
        )
    for lesson in lessons:
        _show_lesson(lesson, full=full)


def _show_lesson(lesson, *, full: bool = False) -> None:
    typer.echo(f"第 {lesson.position} 课  {lesson.title}（《{lesson.doc_title}》{lesson.part}）")
    typer.echo(f"摘要：{lesson.summary}")
    if full:
        typer.echo(lesson.text)
    if lesson.key_points:
        typer.echo("要点：")
        for p in lesson.key_points:
            typer.echo(f"  · [{p.kind.value}] {p.text}（{p.source.article or '—'}）")
    if lesson.glossary:
        typer.echo("术语：")
        for g in lesson.glossary:
            where = f"（《{g.source.title}》{g.source.article or ''}）" if g.source else ""
            typer.echo(f"  · {g.term}：{g.shown}{where}")
    typer.echo("")


@courses_app.command("items")
@friendly
def courses_items(
    course: int,
    state: Annotated[str | None, typer.Option(help="pending、approved 或 dropped。")] = None,
    user: UserOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """列出课程的题目及审核状态。"""
    service, person = _service(user)
    items = service.items(person, course, state=state)
    if as_json:
        return _json([{"id": i.id, "review": i.review.value, **i.as_json()} for i in items])
    for item in items:
        typer.echo(f"[{item.id} {_REVIEW[item.review.value]}]")
        _show_item(item.id, item)


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
    service, person = _service(user)
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
    service, person = _service(user)
    edited = service.edit_item(person, item, question=question, answer=answer, options=option or None)
    typer.echo("已修改并通过核对：")
    _show_item(edited.id, edited)


@courses_app.command("publish")
@friendly
def courses_publish(course: int, user: UserOpt = None) -> None:
    """发布课程（全部题目审核后），显示邀请码。"""
    service, person = _service(user)
    c = service.publish(person, course)
    typer.echo(f"课程“{c.title}”已发布。邀请码：{c.invite_code}")


@courses_app.command("enrol")
@friendly
def courses_enrol(
    code: str,
    enterprise: Annotated[str | None, typer.Option(help="所在企业。")] = None,
    union: Annotated[str | None, typer.Option(help="所属工会。")] = None,
    user: UserOpt = None,
) -> None:
    """用邀请码报名课程。"""
    service, person = _service(user)
    e = service.enrol(person, code, enterprise=enterprise, union=union)
    c = service.course(person, e.course_id)
    typer.echo(f"已报名“{c.title}”。开始答题：gonghui courses take {c.id}")


@courses_app.command("take")
@friendly
def courses_take(course: int, user: UserOpt = None) -> None:
    """答题：每次一题，从标准输入读答案（空行退出，进度已保存）。"""
    service, person = _service(user)
    while (item := service.next_item(person, course)) is not None:
        _show_item(item.id, item, answer=False)
        line = sys.stdin.readline()
        if not line.strip():
            typer.echo("已暂停，下次从这道题继续。")
            return
        try:
            feedback = service.answer(person, item.id, line.strip())
        except Exception as exc:  # a bad answer is not counted; the same question is asked again
            if getattr(exc, "code", "") != "invalid":
                raise
            typer.echo(exc.message)  # type: ignore[attr-defined]
            continue
        typer.echo(feedback.message + "\n")
    p = service.progress(person, course)
    typer.echo(f"全部完成：{p.total} 题，首次答对 {p.correct} 题，得分 {p.score}。")


@courses_app.command("report")
@friendly
def courses_report(
    course: int,
    xlsx: Annotated[Path | None, typer.Option(help="另存为 XLSX 文件。")] = None,
    user: UserOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """课程报告：报名、开始、完成、平均分、难题、按企业和工会分组的学员进度。"""
    service, person = _service(user)
    r = service.report(person, course)
    if xlsx:
        xlsx.write_bytes(service.export_report(person, course))
    if as_json:
        return _json(
            {
                "course": r.course.title,
                "enrolled": r.enrolled,
                "started": r.started,
                "completed": r.completed,
                "average_score": r.average_score,
                "hardest": [
                    {"id": s.item.id, "question": s.item.question, "attempts": s.attempts, "wrong": s.wrong}
                    for s in r.hardest
                ],
                "trainees": [vars(t) for t in r.trainees],
            }
        )
    avg = "—" if r.average_score is None else f"{r.average_score:g}"
    typer.echo(f"{r.course.title}：报名 {r.enrolled}，已开始 {r.started}，已完成 {r.completed}，平均分 {avg}")
    for (enterprise, union), rows in r.groups().items():
        typer.echo(f"{enterprise} · {union}")
        for t in rows:
            done = "已完成" if t.completed else "进行中"
            typer.echo(
                f"  {t.display_name}：{t.answered}/{t.total}，得分 {t.score}，{done}{'，证书 ' + t.certificate if t.certificate else ''}"
            )
    if r.hardest:
        typer.echo("难题：")
        for s in r.hardest:
            typer.echo(f"  [{s.item.id}] 答错 {s.wrong}/{s.attempts}：{s.item.question}")
    if xlsx:
        typer.echo(f"已导出：{xlsx}")


@courses_app.command("certificate")
@friendly
def courses_certificate(
    course: int, out: Annotated[Path, typer.Option(help="PDF 文件。")], user: UserOpt = None
) -> None:
    """领取证书（完成全部题目且达到合格线）。"""
    service, person = _service(user)
    cert, pdf = service.certificate(person, course)
    out.write_bytes(pdf)
    typer.echo(f"证书编号：{cert.code}，已保存：{out}")


@courses_app.command("verify")
@friendly
def courses_verify(code: str) -> None:
    """核验证书编号。"""
    service, _ = _service(None)
    cert = service.verify(code)
    if cert is None:
        typer.echo("没有这个证书编号，请核对。")
        raise typer.Exit(1)
    typer.echo(
        f"证书有效：{cert.holder}，“{cert.course_title}”，成绩 {cert.score} 分，发证日期 {cert.issued_at[:10]}。"
    )


@courses_app.command("export")
@friendly
def courses_export(course: int, user: UserOpt = None) -> None:
    """把课程（课时和已审核的题目）输出为 JSON。"""
    service, person = _service(user)
    typer.echo(json.dumps(service.export_course(person, course), ensure_ascii=False, indent=1))


@courses_app.command("import")
@friendly
def courses_import(file: Path, user: UserOpt = None) -> None:
    """从 JSON 文件导入课程（题目重新核对，不再成立的题目被去掉）。"""
    service, person = _service(user)
    course_id, dropped = service.import_course(person, json.loads(file.read_text(encoding="utf-8")))
    typer.echo(f"已导入课程 [{course_id}]；{dropped} 道题未通过核对，已去掉。")


@training_app.command("demo")
@friendly
def training_demo() -> None:
    """在演示目录中导入样例文档（仅关键词索引），载入内置课程“非公企业工会干部入门”，显示一课和一组测验。"""
    from service.documents import prepare_all, sample_files

    base = _get().settings  # type: ignore[misc]
    demo_dir = base.data_dir / "training-demo"
    settings = Settings.from_env(
        data_dir=demo_dir, embedder="none", chroma_url=None, log_level=base.log_level
    )
    application = Application(settings)
    application.knowledge.ingest(prepare_all(sample_files(), settings))
    service, admin = _service(None, application)
    course_id = service.load_sample_course(admin)
    course = service.course(admin, course_id)
    registry = application.registry
    trainee = registry.get_user("demo-trainee") or registry.add_user(
        "demo-trainee", display_name="演示学员", role="trainee"
    )
    service.enrol(trainee, course.invite_code, enterprise="演示企业")
    lessons = service.lessons(admin, course_id)
    typer.echo(f"演示数据目录：{demo_dir}")
    typer.echo(
        f"课程“{course.title}”：{len(lessons)} 课，{len(service.items(admin, course_id, state='approved'))} 道已审核的题目，邀请码 {course.invite_code}\n"
    )
    _show_lesson(lessons[0])
    typer.echo("测验（演示学员作答，每次一题，答后即时反馈）：")
    for k in range(1, 4):
        item = service.next_item(trainee, course_id)
        if item is None:
            break
        _show_item(k, item, answer=False)
        given = item.answer if k != 2 else _wrong(item)
        shown = (
            "对"
            if given is True
            else "错"
            if given is False
            else " ".join(given)
            if isinstance(given, tuple)
            else given
        )
        typer.echo(f"   作答：{shown}")
        typer.echo("   " + service.answer(trainee, item.id, given).message.replace("\n", "\n   ") + "\n")
    p = service.progress(trainee, course_id)
    typer.echo(
        f"进度：{p.answered}/{p.total}，答错的题稍后会再出现。继续：gonghui --data-dir {demo_dir} courses take {course_id} --user demo-trainee"
    )


def _wrong(item):
    if item.kind.value == "judge":
        return not item.answer
    if item.kind.value == "choice":
        return next(o for o in item.options if o != item.answer)
    if item.kind.value == "order":
        return tuple(reversed(item.answer))
    return "十"
