"""The conversation engine driven directly: real SQLite registry, hash-embedder knowledge base."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.messages import Incoming, InFile, Reply, Sender
from ingest.pipeline import prepare
from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base
from registry import Registry
from tests.scripts import REGISTRATION

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples"
TODAY = date(2026, 5, 20)
ZHANG = Sender("local", "zhang", "张干事")


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    d = tmp_path_factory.mktemp("kb")
    kb = open_knowledge_base(
        db_path=d / "k.db", chroma_path=d / "c", chroma_url="", embedder=HashEmbedder(256)
    )
    kb.ingest([prepare(p) for p in SAMPLES.iterdir()])
    return kb


@pytest.fixture
def registry(tmp_path):
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("哈尔滨市总工会")
    reg.add_union("松北区总工会", parent="哈尔滨市总工会", district="松北区")
    reg.add_user("zhang", display_name="张干事", role="cadre", union="松北区总工会")
    reg.add_user("li", display_name="李查看", role="viewer", union="松北区总工会")
    reg.add_project(
        "哈尔滨电机厂大型水电机组扩能项目", level="省百大", district="松北区", industry="装备制造"
    )
    return reg


@pytest.fixture
def engine(registry, knowledge):
    return Engine(registry, knowledge, today=lambda: TODAY)


def send(engine: Engine, text: str = "", *, choice: str | None = None, sender: Sender = ZHANG, file=None):
    return engine.handle(Incoming(sender, text=text, choice=choice, file=file))


def said(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for b in r.buttons]


def button(replies: list[Reply], label: str) -> str:
    return next(b.value for r in replies for b in r.buttons if b.label.startswith(label))


def register_all(engine: Engine, *, name: str = REGISTRATION.name, sender: Sender = ZHANG) -> list[Reply]:
    """A straight registration; returns the summary."""
    *before, last = replace(REGISTRATION, name=name).typed()
    for text in before:
        send(engine, text, sender=sender)
    return send(engine, last, sender=sender)


def test_a_whole_registration_typed_naturally(engine, registry):
    r = send(engine, "我要登记一个竞赛")
    assert "竞赛名称" in said(r) and "（1/13）" in said(r)
    r = send(engine, "2026年“安康杯”安全生产知识竞赛")
    assert "竞赛名称：2026年“安康杯”安全生产知识竞赛 ✓" in said(r)
    assert "安康杯" in labels(r) and "优质服务" in labels(r)  # choice buttons
    r = send(engine, "7")  # an option number typed
    assert "竞赛类型：四新合理化建议 ✓" in said(r)
    r = send(engine, "上一步")
    assert "请选择竞赛类型" in said(r)
    r = send(engine, "", choice="安康杯")  # a pressed button
    assert "竞赛类型：安康杯 ✓" in said(r) and "主办工会" in said(r)
    assert "松北区总工会" in labels(r)  # the cadre's own union offered
    r = send(engine, "松北区总工会")
    assert "主办工会：松北区总工会 ✓" in said(r) and "管理员核对" not in said(r)
    r = send(engine, "哈尔滨电机厂有限责任公司")
    assert "公有" in labels(r) and "非公" in labels(r)
    r = send(engine, "股份")  # not an ownership
    assert "不在可选范围内" in said(r) and "请选择参赛单位的性质" in said(r)
    r = send(engine, "国有企业")
    assert "单位性质：公有 ✓" in said(r)
    assert any("水电机组" in x for x in labels(r)) and "跳过" in labels(r)  # matching key project offered
    r = send(engine, "", choice=button(r, "哈尔滨电机厂大型水电机组"))
    assert "关联重点项目：哈尔滨电机厂大型水电机组扩能项目（省百大） ✓" in said(r)
    r = send(engine, "6月31日")  # no such day
    assert "不存在" in said(r) and "请输入竞赛开始日期" in said(r)
    r = send(engine, "6月1日")
    assert "开始日期：2026-06-01 ✓" in said(r) and "结束日期" in said(r)
    r = send(engine, "2026年5月26日")  # before the start
    assert "早于开始日期" in said(r) and "请输入竞赛结束日期" in said(r)
    r = send(engine, "2026年12月31日")
    assert "结束日期：2026-12-31 ✓" in said(r)
    r = send(engine, "跳过")  # a required field
    assert "必填项" in said(r) and "计划有多少名职工参赛" in said(r)
    r = send(engine, "二百人")
    assert "计划参赛职工数：200 人 ✓" in said(r)
    r = send(engine, "一百")  # fewer workers than planned participants
    assert "不能多于单位职工总数" in said(r) and "参赛单位共有多少名职工" in said(r)
    r = send(engine, "一千二百")
    assert "单位职工总数：1200 人 ✓" in said(r)
    r = send(engine, "工会经费有哪些来源？")  # a question instead of an answer
    assert "引用：" in said(r[:1]) and "[1]" in said(r[:1]) and r[0].extra["citations"]
    assert "请输入联系人姓名" in said(r[1:])
    r = send(engine, "王丽")
    r = send(engine, "12345")
    assert "格式不正确" in said(r) and "联系电话" in said(r)
    r = send(engine, "139 0451 1234")
    assert "联系电话：13904511234 ✓" in said(r) and "请简要介绍竞赛内容" in said(r)
    r = send(engine, "跳过")
    summary = said(r)
    assert "竞赛简介：已跳过 ✓" in summary and "请核对以下信息" in summary
    assert "开始日期：2026-06-01" in summary and "计划参赛职工数：200 人" in summary
    assert labels(r) == ["确认", "修改"]
    # 修改 one field before confirming
    r = send(engine, "", choice="edit")
    assert "开始日期" in labels(r)
    r = send(engine, "", choice=button(r, "开始日期"))
    assert "当前填写：2026-06-01" in said(r)
    r = send(engine, "2026-06-08")
    assert "开始日期：2026-06-08 ✓" in said(r) and "请核对以下信息" in said(r)
    r = send(engine, "确认")
    assert "已登记，编号 JS-2026-0001" in said(r)
    [comp] = registry.competitions(user=registry.get_user("zhang"))
    assert (comp.start, comp.end, comp.planned, comp.total) == (
        date(2026, 6, 8),
        date(2026, 12, 31),
        200,
        1200,
    )
    assert comp.project_id is not None and comp.union_id is not None and comp.status == "已登记"
    assert registry.load_state(ZHANG.key) is None


def test_unknown_union_is_kept_and_flagged_politely(engine, registry):
    for text in ("/register", "技术比武大赛", "技术比武"):
        send(engine, text)
    r = send(engine, "道里区建筑业工会联合会")
    assert "管理员核对" in said(r) and "参赛单位" in said(r)


def test_other_type_asks_for_a_description(engine):
    send(engine, "/register")
    send(engine, "职工书法比赛")
    r = send(engine, "其他")
    assert "请简要说明竞赛类型" in said(r)
    r = send(engine, "书画比赛")
    assert "其他竞赛形式：书画比赛 ✓" in said(r) and "主办工会" in said(r)


def test_editing_the_type_to_other_asks_its_description_before_the_summary(engine, registry):
    register_all(engine)
    r = send(engine, "修改竞赛类型")  # a field named at the summary
    assert "当前填写：安康杯" in said(r)
    r = send(engine, "其他")
    assert "请简要说明竞赛类型" in said(r) and "请核对" not in said(r)
    r = send(engine, "书法比赛")
    assert "其他竞赛形式：书法比赛" in said(r) and "请核对以下信息" in said(r)
    r = send(engine, "上一步")  # back from the summary to the last step, then 确认 keeps its answer
    r = send(engine, "上一步")
    assert "当前填写：13904511234" in said(r)
    r = send(engine, "确认")
    assert "请核对以下信息" in said(r)
    assert "已登记" in said(send(engine, "确认"))
    comp = registry.competitions(user=registry.get_user("zhang"))[0]
    assert (comp.type, comp.type_other) == ("其他", "书法比赛")


def test_cancel_abandons_and_clears_state(engine, registry):
    send(engine, "/register")
    send(engine, "某竞赛")
    r = send(engine, "/cancel")
    assert "已取消" in said(r) and registry.load_state(ZHANG.key) is None
    assert "当前没有进行中的操作" in said(send(engine, "/cancel"))


def test_a_restart_resumes_the_same_step(engine, registry, knowledge):
    for text in (
        "/register",
        "2026年五小竞赛",
        "五小",
        "松北区总工会",
        "哈尔滨电机厂有限责任公司",
        "非公",
        "跳过",
    ):
        send(engine, text)
    assert registry.load_state(ZHANG.key)["step"] == "start"
    registry.close()
    reopened = Registry(registry.db_path, attachments_dir=registry.attachments_dir)
    fresh = Engine(reopened, knowledge, today=lambda: TODAY)
    resumed = fresh.resume(ZHANG)
    assert "继续上次未完成的登记竞赛" in said(resumed) and "开始日期" in said(resumed)
    r = send(fresh, "下周一")
    assert "开始日期：2026-05-25 ✓" in said(r) and "结束日期" in said(r)
    for text in ("明年一月", "1,200", "一千二百", "王丽", "0451-84661234", "围绕生产难点开展小发明小创造"):
        r = send(fresh, text)
    assert "结束日期：2027-01-31" in said(r) and "单位性质：非公" in said(r)
    assert "已登记，编号 JS-2026-0001" in said(send(fresh, "确认"))


def test_a_duplicate_registration_offers_the_existing_record(engine, registry):
    summary = register_all(engine)
    assert "竞赛名称：2026年安康杯安全生产竞赛" in said(summary)
    assert "JS-2026-0001" in said(send(engine, "确认"))
    register_all(engine)
    r = send(engine, "", choice="confirm")
    assert "已经登记过了，编号 JS-2026-0001" in said(r) and "没有新建" in said(r)
    assert len(registry.competitions(user=registry.get_user("zhang"))) == 1
    opened = send(engine, "", choice=button(r, "查看已有登记"))
    assert "JS-2026-0001 2026年安康杯安全生产竞赛" in said(opened)


def test_an_activity_linked_to_the_competition_then_my_shows_both(engine, registry):
    register_all(engine)
    send(engine, "确认")
    r = send(engine, "记录一次活动")
    assert "动员会" in labels(r) and "请选择活动形式" in said(r)
    r = send(engine, "动员大会")
    assert "活动形式：动员会 ✓" in said(r)
    r = send(engine, "2026年5月26日")
    assert "活动日期：2026-05-26 ✓" in said(r)
    send(engine, "哈尔滨电机厂职工活动中心")
    r = send(engine, "一百二十人")
    assert "参加人数：120 人 ✓" in said(r)
    r = send(engine, "召开竞赛动员会，宣读竞赛方案，各车间表态发言。")
    assert any(x.startswith("JS-2026-0001") for x in labels(r))
    r = send(engine, "", choice=button(r, "JS-2026-0001"))
    assert "关联竞赛：JS-2026-0001 2026年安康杯安全生产竞赛 ✓" in said(r)
    r = send(engine, file=InFile("动员会.jpg", b"\xff\xd8fake-jpeg", "image/jpeg"))
    assert "已收到“动员会.jpg”（共 1 个文件）" in said(r)
    r = send(engine, "完成")
    assert "照片或附件：动员会.jpg ✓" in said(r) and "请核对以下信息" in said(r)
    r = send(engine, "确认")
    assert "活动已记录（2026-05-26 动员会，120 人参加，附件 1 个）" in said(r)
    zhang = registry.get_user("zhang")
    [act] = registry.activities(user=zhang)
    assert act.competition_id == registry.competitions(user=zhang)[0].id and len(act.attachments) == 1
    mine = send(engine, "/my")
    assert "JS-2026-0001" in said(mine) and "2026-05-26 动员会" in said(mine)
    detail = send(engine, "", choice=button(mine, "2026-05-26 动员会"))
    assert "关联竞赛：JS-2026-0001" in said(detail) and "动员会.jpg" in said(detail)


def test_open_edit_and_change_status_from_my(engine, registry):
    register_all(engine)
    send(engine, "确认")
    mine = send(engine, "/my")
    opened = send(engine, "", choice=button(mine, "JS-2026-0001"))
    assert "状态：已登记" in said(opened)
    fields = send(engine, "", choice=button(opened, "修改内容"))
    asked = send(engine, "", choice=button(fields, "计划参赛职工数"))
    assert "当前填写：200 人" in said(asked)
    assert "不能多于单位职工总数" in said(send(engine, "两千人"))
    r = send(engine, "三百人")
    assert "计划参赛职工数：300 人 ✓" in said(r)
    statuses = send(engine, "", choice=button(opened, "更改状态"))
    r = send(engine, "", choice=button(statuses, "进行中"))
    assert "状态改为“进行中”" in said(r)
    comp = registry.competitions(user=registry.get_user("zhang"))[0]
    assert (comp.planned, comp.status) == (300, "进行中")


def test_an_activity_is_edited_from_my_and_a_restart_keeps_the_question(engine, registry, knowledge):
    zhang = registry.get_user("zhang")
    act = registry.record_activity(
        {"kind": "动员会", "date": date(2026, 5, 26), "place": "车间", "participants": 80, "summary": "动员"},
        by=zhang,
    )
    mine = send(engine, "/my")
    opened = send(engine, "", choice=button(mine, "2026-05-26 动员会"))
    fields = send(engine, "", choice=button(opened, "修改内容"))
    assert "活动地点" in labels(fields) and "照片或附件" not in labels(fields)
    asked = send(engine, "", choice=button(fields, "参加人数"))
    assert "当前填写：80 人" in said(asked)
    # the question survives a restart: a new engine over the same registry resumes it
    again = Engine(registry, knowledge, today=lambda: TODAY)
    refused = send(again, "好多人")
    assert "当前填写：80 人" in said(refused) and registry.activity(act.id, user=zhang).participants == 80
    r = send(again, "一百二十人")
    assert "参加人数：120 人 ✓" in said(r) and "参加人数：120 人" in said(r)
    assert registry.activity(act.id, user=zhang).participants == 120
    assert [e["new"] for e in registry.audit_log(record=f"activity:{act.id}")][-1] == "120"
    # another district's cadre can neither open nor edit it
    registry.add_union("道里区总工会", parent="哈尔滨市总工会", district="道里区")
    registry.add_user("wang", display_name="王干事", role="cadre", union="道里区总工会")
    other = Sender("local", "wang", "王干事")
    assert "没有找到这条记录" in said(send(engine, f"/open a {act.id}", sender=other))
    assert registry.activity(act.id, user=zhang).participants == 120


def test_photos_are_added_to_a_recorded_activity_across_a_restart(engine, registry, knowledge):
    zhang = registry.get_user("zhang")
    act = registry.record_activity(
        {"kind": "宣传", "date": date(2026, 5, 27), "place": "厂区", "participants": 20, "summary": "标语"},
        by=zhang,
    )
    fields = send(engine, f"/edit a {act.id}")
    asked = send(engine, "", choice=button(fields, "添加照片或附件"))
    assert "请直接发送照片或文件" in said(asked)
    r = send(engine, file=InFile("标语1.jpg", b"\xff\xd8one", "image/jpeg"))
    assert "已收到“标语1.jpg”（共 1 个文件）" in said(r)
    again = Engine(registry, knowledge, today=lambda: TODAY)  # a restart keeps the photo waiting
    send(again, file=InFile("标语2.jpg", b"\xff\xd8two", "image/jpeg"))
    assert registry.activity(act.id, user=zhang).attachments == ()  # nothing saved before 完成
    r = send(again, "完成")
    assert "已为这条活动添加 2 个附件" in said(r) and "标语1.jpg、标语2.jpg" in said(r)
    saved = registry.activity(act.id, user=zhang).attachments
    assert [a.filename for a in saved] == ["标语1.jpg", "标语2.jpg"]
    assert registry.attachment_path(saved[1].path).read_bytes() == b"\xff\xd8two"
    # and a wrong one is deleted again, after a confirmation
    menu = send(again, f"/edit a {act.id}")
    ask_first = send(again, "", choice=button(menu, "删除附件：标语1.jpg"))
    assert "确定删除附件“标语1.jpg”吗" in said(ask_first)
    assert "标语1.jpg" in said(send(again, "", choice=button(ask_first, "取消")))  # nothing deleted
    r = send(again, "", choice=button(ask_first, "确认"))
    assert "已删除附件“标语1.jpg”" in said(r)
    assert [a.filename for a in registry.activity(act.id, user=zhang).attachments] == ["标语2.jpg"]
    assert not registry.attachment_path(saved[0].path).exists()


def test_questions_answers_and_hints(engine):
    r = send(engine, "工会经费有哪些来源？")
    assert "引用：" in said(r) and "《工会法》" in said(r) and "中华人民共和国" not in said(r)
    assert any("第四十三条" in c["label"] for c in r[0].extra["citations"])
    assert "您好！我是工会助手" in said(send(engine, "你好"))  # a greeting gets the introduction
    assert "没有理解" in said(send(engine, "asdf"))
    assert "/register" in said(send(engine, "/help"))
    assert "没有理解" in said(send(engine, "/frobnicate"))


def test_unknown_telegram_users_may_ask_but_not_register_until_invited(engine, registry):
    stranger = Sender("tg", "777", "小王")
    assert "引用：" in said(send(engine, "工会经费有哪些来源？", sender=stranger))
    assert "邀请码" in said(send(engine, "/register", sender=stranger))
    assert "邀请码无效" in said(send(engine, "/start WRONG123", sender=stranger))
    code = registry.create_invite(union="松北区总工会", role="cadre", by=registry.ensure_local_admin())
    r = send(engine, f"/start {code}", sender=stranger)
    assert "账号已开通" in said(r) and "松北区总工会" in said(r)
    assert "竞赛名称" in said(send(engine, "/register", sender=stranger))


def test_users_awaiting_approval_and_registry_errors_get_a_polite_line(engine, registry):
    registry.add_user("tg:888", display_name="小赵", role="cadre", identity=("tg", "888"), approved=False)
    waiting = Sender("tg", "888", "小赵")
    assert "等待管理员审核" in said(send(engine, "/my", sender=waiting))
    r = send(engine, "/open c JS-2026-9999")
    assert said(r).startswith("抱歉，没有找到编号为") and "Traceback" not in said(r)


def test_viewers_read_but_do_not_register(engine):
    li = Sender("local", "li", "李查看")
    assert "只读" in said(send(engine, "/register", sender=li))
    assert "还没有登记" in said(send(engine, "/my", sender=li))


def test_stats_and_export(engine, registry):
    register_all(engine)
    send(engine, "确认")
    r = send(engine, "/stats")
    assert "竞赛总数：1" in said(r) and "安康杯 1" in said(r)
    files = [x.file for x in send(engine, "/export") if x.file is not None]
    assert [f.filename.split("-")[0] for f in files] == ["竞赛登记", "活动记录"]  # the one naming scheme
    assert all(f.data[:2] == b"PK" for f in files)  # XLSX is a zip


def test_another_command_mid_flow_keeps_the_step(engine, registry):
    send(engine, "/register")
    r = send(engine, "/my")
    assert "请先完成" in said(r) and "竞赛名称" in said(r)
    assert registry.load_state(ZHANG.key)["step"] == "name"


ANSWERS = REGISTRATION.answers()
# (step, a bad answer, what the same question says): every step of /register rejects bad input
BAD = [
    (0, "赛" * 300, "请输入竞赛名称"),
    (1, "篮球友谊赛", "请选择竞赛类型"),
    (2, "会" * 300, "请输入主办工会的名称"),
    (3, "厂" * 300, "请输入参赛单位"),
    (4, "外星企业", "请选择参赛单位的性质"),
    (5, "不存在的项目名称XYZ", "重点产业项目"),
    (6, "某一天", "请输入竞赛开始日期"),
    (7, "2026年5月1日", "请输入竞赛结束日期"),
    (8, "很多人", "计划有多少名职工参赛"),
    (9, "0", "参赛单位共有多少名职工"),
    (10, "王" * 300, "请输入联系人姓名"),
    (11, "12345", "请输入联系电话"),
    (12, "介" * 5000, "请简要介绍竞赛内容"),
]


@pytest.mark.parametrize(("step", "bad", "question"), BAD, ids=[str(s) for s, _, _ in BAD])
def test_invalid_input_at_every_step_gets_a_reason_and_the_same_question(
    engine, registry, step, bad, question
):
    send(engine, "/register")
    for text in ANSWERS[:step]:
        send(engine, text)
    r = said(send(engine, bad))
    assert "✓" not in r.split("\n")[0], r
    assert question in r, r
    # and the flow goes on with a good answer
    assert "✓" in said(send(engine, ANSWERS[step]))
