"""A trainer's view of a course (enrolled, started, completed, average score, hardest items, each
trainee by enterprise and union), its XLSX, and the certificates trainees who pass receive."""

from __future__ import annotations

import io

from registry.export import neutralise
from registry.model import User
from training.certificate import certificate_pdf
from training.errors import TrainingError
from training.learning import LearningMixin
from training.model import Certificate, CourseReport, ItemStat, TraineeRow

HARDEST = 5
NO_ENTERPRISE = "（未填写企业）"
NO_UNION = "（未填写工会）"


class ReportingMixin(LearningMixin):
    def report(self, user: User, course_id: int) -> CourseReport:
        course = self._managed(user, course_id)
        items = self._approved(course_id)
        enrolments = self.store.rows("SELECT * FROM enrolments WHERE course_id = ?", (course_id,))
        users = {u.id: u for u in self.registry.users()}
        certs = {
            r["user_id"]: r["code"]
            for r in self.store.rows(
                "SELECT user_id, code FROM certificates WHERE course_id = ?", (course_id,)
            )
        }
        rows = []
        for e in enrolments:
            boxes = self.store.rows(
                "SELECT * FROM boxes WHERE course_id = ? AND user_id = ?", (course_id, e["user_id"])
            )
            ids = {i.id for i in items}
            boxes = [b for b in boxes if b["item_id"] in ids]
            person = users.get(e["user_id"])
            union = e["union_name"]
            if union is None and person is not None and person.union_id is not None:
                found = self.registry.union_by_id(person.union_id)
                union = found.name if found else None
            correct = sum(b["first_correct"] for b in boxes)
            rows.append(
                TraineeRow(
                    e["user_id"],
                    person.name if person else str(e["user_id"]),
                    person.display_name if person else str(e["user_id"]),
                    e["enterprise"] or NO_ENTERPRISE,
                    union or NO_UNION,
                    len(boxes),
                    len(items),
                    round(100 * correct / len(items)) if items else 0,
                    bool(items) and len(boxes) == len(items),
                    certs.get(e["user_id"]),
                    e["lessons_read"],
                )
            )
        rows.sort(key=lambda r: (r.enterprise, r.union_name, r.display_name))
        stats = []
        for row in self.store.rows(
            "SELECT item_id, COUNT(*) AS n, SUM(1 - first_correct) AS wrong FROM boxes WHERE course_id = ? GROUP BY item_id",
            (course_id,),
        ):
            item = next((i for i in items if i.id == row["item_id"]), None)
            if item is not None and row["wrong"]:
                stats.append(ItemStat(item, row["n"], row["wrong"]))
        stats.sort(key=lambda s: (-s.wrong_share, -s.wrong, s.item.id))
        done = [r.score for r in rows if r.completed]
        return CourseReport(
            course,
            len(rows),
            sum(1 for r in rows if r.answered),
            len(done),
            round(sum(done) / len(done), 1) if done else None,
            tuple(stats[:HARDEST]),
            tuple(rows),
        )

    def export_report(self, user: User, course_id: int) -> bytes:
        """The report as an XLSX workbook: 概况, 学员进度 (by enterprise and union), 难题."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        report = self.report(user, course_id)
        wb = Workbook()
        ws = wb.active
        ws.title = "概况"
        for label, value in (
            ("课程", report.course.title),
            ("报名人数", report.enrolled),
            ("已开始", report.started),
            ("已完成", report.completed),
            ("平均得分", report.average_score if report.average_score is not None else "—"),
        ):
            ws.append([label, neutralise(value) if isinstance(value, str) else value])
        people = wb.create_sheet("学员进度")
        people.append(
            ["企业", "工会", "姓名", "账号", "已答", "题数", "得分", "完成", "证书编号", "已读课时"]
        )
        for (enterprise, union), group in report.groups().items():
            for r in group:
                people.append(
                    [
                        neutralise(enterprise),
                        neutralise(union),
                        neutralise(r.display_name),
                        neutralise(r.name),
                        r.answered,
                        r.total,
                        r.score,
                        "是" if r.completed else "否",
                        r.certificate or "",
                        r.lessons_read,
                    ]
                )
        hard = wb.create_sheet("难题")
        hard.append(["题目", "作答人数", "答错人数", "答错比例", "出处"])
        for s in report.hardest:
            hard.append(
                [
                    neutralise(s.item.question),
                    s.attempts,
                    s.wrong,
                    s.wrong_share,
                    f"《{s.item.source.title}》{s.item.source.article or ''}",
                ]
            )
            hard.cell(row=hard.max_row, column=4).number_format = "0.0%"
        for sheet in (ws, people, hard):
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 2), 60)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def certificate(self, user: User, course_id: int) -> tuple[Certificate, bytes]:
        """The certificate (issued once, the same code afterwards) and its PDF."""
        self._enrolment(user, course_id)
        course = self._course(self._course_row(course_id))
        row = self.store.row(
            "SELECT * FROM certificates WHERE course_id = ? AND user_id = ?", (course_id, user.id)
        )
        if row is None:
            progress = self.progress(user, course_id)
            if not progress.completed:
                raise TrainingError(
                    f"还有 {progress.total - progress.answered} 道题未作答，完成全部题目后才能领取证书。"
                )
            if progress.score < course.pass_mark:
                raise TrainingError(
                    f"本次得分 {progress.score} 分，未达到 {course.pass_mark} 分的合格线，暂不能领取证书。"
                )
            with self.store.write() as db:
                db.execute(
                    "INSERT INTO certificates (code, course_id, user_id, holder, course_title, score, issued_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        _cert_code(),
                        course_id,
                        user.id,
                        user.display_name,
                        course.title,
                        progress.score,
                        self.now(),
                    ),
                )
            row = self.store.one(
                "SELECT * FROM certificates WHERE course_id = ? AND user_id = ?", (course_id, user.id)
            )
        cert = _certificate_of(row)
        return cert, certificate_pdf(cert, font=self.cert_font)

    def verify(self, code: str) -> Certificate | None:
        """Anyone may check a code; None when it is not ours."""
        row = self.store.row("SELECT * FROM certificates WHERE code = ?", ((code or "").strip().upper(),))
        return _certificate_of(row) if row else None


def _cert_code() -> str:
    from training.authoring import new_code

    return f"GH{new_code(4)}-{new_code(4)}"


def _certificate_of(row: dict) -> Certificate:
    return Certificate(
        row["code"],
        row["course_id"],
        row["course_title"],
        row["user_id"],
        row["holder"],
        row["score"],
        row["issued_at"],
    )
