"""`gonghui quiz|courses|training`: verified quizzes from the documents, courses for trainers and
trainees, the bundled sample course. Commands run as the local admin unless `--user NAME` names a
registered user (a trainer for their courses, a trainee for enrolment and quizzes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from gonghui import enrolment_cli  # noqa: F401  (its commands join courses_app on import)
from gonghui.course_cli import courses_app
from gonghui.registry_common import JsonOpt, friendly
from gonghui.training_common import current_application, echo_json, service_as, show_item, show_lesson, use
from service.composition import Application
from service.settings import Settings

quiz_app = typer.Typer(help="测验题：从文件生成并核对。", no_args_is_help=True)
training_app = typer.Typer(help="培训演示。", no_args_is_help=True)


def register(app: typer.Typer, get_application: Callable[[], Application]) -> None:
    use(get_application)
    app.add_typer(quiz_app, name="quiz")
    app.add_typer(courses_app, name="courses")
    app.add_typer(training_app, name="training")


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
    service, _ = service_as(None)
    items = service.generate(doc, article=article, n=n)
    if as_json:
        return echo_json({"items": [i.as_json() for i in items]})
    for k, item in enumerate(items, 1):
        show_item(k, item)


@training_app.command("demo")
@friendly
def training_demo() -> None:
    """在演示目录中导入样例文档（仅关键词索引），载入内置课程“非公企业工会干部入门”，显示一课和一组测验。"""
    from service.documents import prepare_all, sample_files

    base = current_application().settings
    demo_dir = base.data_dir / "training-demo"
    settings = Settings.from_env(
        data_dir=demo_dir, embedder="none", chroma_url=None, log_level=base.log_level
    )
    application = Application(settings)
    application.knowledge.ingest(prepare_all(sample_files(), settings))
    service, admin = service_as(None, application)
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
    show_lesson(lessons[0])
    typer.echo("测验（演示学员作答，每次一题，答后即时反馈）：")
    for k in range(1, 4):
        item = service.next_item(trainee, course_id)
        if item is None:
            break
        show_item(k, item, answer=False)
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
