"""`gonghui courses` for trainees and for results: enrol with an invite code, answer one question at a
time, the course report (XLSX too), certificates and their verification."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from gonghui.course_cli import courses_app
from gonghui.registry_common import JsonOpt, friendly
from gonghui.training_common import UserOpt, echo_json, service_as, show_item
from registry.errors import InvalidValue


@courses_app.command("enrol")
@friendly
def courses_enrol(
    code: str,
    enterprise: Annotated[str | None, typer.Option(help="所在企业。")] = None,
    union: Annotated[str | None, typer.Option(help="所属工会。")] = None,
    user: UserOpt = None,
) -> None:
    """用邀请码报名课程。"""
    service, person = service_as(user)
    e = service.enrol(person, code, enterprise=enterprise, union=union)
    c = service.course(person, e.course_id)
    typer.echo(f"已报名“{c.title}”。开始答题：gonghui courses take {c.id}")


@courses_app.command("take")
@friendly
def courses_take(course: int, user: UserOpt = None) -> None:
    """答题：每次一题，从标准输入读答案（空行退出，进度已保存）。"""
    service, person = service_as(user)
    while (item := service.next_item(person, course)) is not None:
        show_item(item.id, item, answer=False)
        line = sys.stdin.readline()
        if not line.strip():
            typer.echo("已暂停，下次从这道题继续。")
            return
        try:
            feedback = service.answer(person, item.id, line.strip())
        except InvalidValue as exc:  # a bad answer is not counted; the same question is asked again
            typer.echo(exc.message)
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
    service, person = service_as(user)
    r = service.report(person, course)
    if xlsx:
        xlsx.write_bytes(service.export_report(person, course))
    if as_json:
        return echo_json(
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
    service, person = service_as(user)
    cert, pdf = service.certificate(person, course)
    out.write_bytes(pdf)
    typer.echo(f"证书编号：{cert.code}，已保存：{out}")


@courses_app.command("verify")
@friendly
def courses_verify(code: str) -> None:
    """核验证书编号。"""
    service, _ = service_as(None)
    cert = service.verify(code)
    if cert is None:
        typer.echo("没有这个证书编号，请核对。")
        raise typer.Exit(1)
    typer.echo(
        f"证书有效：{cert.holder}，“{cert.course_title}”，成绩 {cert.score} 分，发证日期 {cert.issued_at[:10]}。"
    )
