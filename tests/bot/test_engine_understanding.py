"""Free text through the real RuleUnderstander into the real forms and a real SQLite registry (issue 10)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.engine import Engine
from bot.messages import Incoming, InFile, Reply, Sender
from bot.terminal import run_chat
from bot.understanding.model import Intent, Understanding
from knowledge.embedders import HashEmbedder
from knowledge.opening import open_knowledge_base
from registry import Registry

TODAY = date(2026, 12, 2)
ZHANG = Sender("local", "zhang", "张干事")
ONE_MESSAGE = (
    "帮我登记一个竞赛：哈尔滨锅炉厂有限责任公司搞安康杯，6月1日到年底，计划200人参加，全厂1200人，"
    "联系人张伟 13904511234"
)


@pytest.fixture
def registry(tmp_path):
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("哈尔滨市总工会")
    reg.add_user("zhang", display_name="张干事", role="cadre", union="哈尔滨市总工会")
    return reg


@pytest.fixture
def engine(registry, tmp_path):
    kb = open_knowledge_base(
        db_path=tmp_path / "k.db", chroma_path=tmp_path / "c", chroma_url="", embedder=HashEmbedder(64)
    )
    return Engine(registry, kb, today=lambda: TODAY)  # the real RuleUnderstander by default


def send(engine: Engine, text: str = "", *, choice: str | None = None, file=None) -> list[Reply]:
    return engine.handle(Incoming(ZHANG, text=text, choice=choice, file=file))


def said(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def values(replies: list[Reply]) -> dict[str, str]:
    return {b.label: b.value for r in replies for b in r.buttons}


def mine(registry):
    return registry.competitions(user=registry.get_user("zhang"))


def test_one_message_and_the_missing_answers_land_in_the_registry(engine, registry):
    r = said(send(engine, ONE_MESSAGE))
    # one summary of what was understood, with how the year-less start was read
    for line in (
        "参赛单位：哈尔滨锅炉厂有限责任公司 ✓",
        "开始日期：2027-06-01，按明年理解 ✓",
        "结束日期：2027-12-31 ✓",
        "计划参赛职工数：200 人 ✓",
        "单位职工总数：1200 人 ✓",
        "联系人：张伟 ✓",
        "联系电话：13904511234 ✓",
        "竞赛类型：安康杯 ✓",
    ):
        assert line in r, r
    assert "请输入竞赛名称" in r and "请选择竞赛类型" not in r  # only what is missing is asked
    assert "（3/13）请输入主办工会" in said(send(engine, "2027年锅炉厂安康杯竞赛"))
    assert "参赛单位的性质" in said(send(engine, "哈尔滨市总工会"))
    r = said(send(engine, "国企"))
    assert "单位性质：公有 ✓" in r and "重点产业项目" in r  # optional fields are still offered
    assert "（13/13）请简要介绍竞赛内容" in said(send(engine, "跳过"))
    r = said(send(engine, "跳过"))
    assert "请核对以下信息" in r and "开始日期：2027-06-01，按明年理解" in r
    assert "JS-2027-0001" in said(send(engine, "", choice="confirm"))
    [c] = mine(registry)
    assert (c.name, c.type, c.union_name, c.unit, c.ownership) == (
        "2027年锅炉厂安康杯竞赛",
        "安康杯",
        "哈尔滨市总工会",
        "哈尔滨锅炉厂有限责任公司",
        "公有",
    )
    assert (c.start, c.end, c.planned, c.total, c.contact, c.phone) == (
        date(2027, 6, 1),
        date(2027, 12, 31),
        200,
        1200,
        "张伟",
        "13904511234",
    )
    assert registry.load_state(ZHANG.key) is None


def test_corrections_in_words_change_the_field_and_come_back(engine, registry):
    send(engine, ONE_MESSAGE)
    send(engine, "2027年锅炉厂安康杯竞赛")
    r = said(send(engine, "结束日期改成11月"))  # at 主办工会: a month alone ends on its last day
    assert "已修改 结束日期：2027-11-30，按明年理解 ✓" in r and "请输入主办工会" in r
    r = said(send(engine, "人数写错了，是250人"))
    assert "已修改 计划参赛职工数：250 人 ✓" in r and "请输入主办工会" in r
    send(engine, "哈尔滨市总工会")
    send(engine, "公有")
    send(engine, "跳过")
    assert "请核对以下信息" in said(send(engine, "跳过"))
    # at the summary: no 修改 button needed
    r = said(send(engine, "单位名称改为哈尔滨锅炉厂集团有限责任公司"))
    assert "已修改 参赛单位：哈尔滨锅炉厂集团有限责任公司 ✓" in r and "请核对以下信息" in r
    send(engine, "", choice="confirm")
    [c] = mine(registry)
    assert (c.unit, c.end, c.planned) == ("哈尔滨锅炉厂集团有限责任公司", date(2027, 11, 30), 250)


def test_a_typo_gets_a_suggestion_with_buttons(engine):
    send(engine, "/register")
    send(engine, "锅炉厂竞赛")
    r = send(engine, "安康悲")
    assert "您是不是指“安康杯”？" in said(r) and list(values(r))[0] == "安康杯"
    assert "竞赛类型：安康杯 ✓" in said(send(engine, "", choice=values(r)["安康杯"]))
    send(engine, "/cancel")
    send(engine, "/register")
    send(engine, "锅炉厂竞赛")
    assert "您是不是指“五小”？" in said(send(engine, "五晓"))  # same pinyin


def test_a_duplicate_is_named_as_soon_as_unit_name_and_start_are_known(engine, registry):
    send(engine, ONE_MESSAGE)
    for text in ("2027年锅炉厂安康杯竞赛", "哈尔滨市总工会", "公有", "跳过", "跳过"):
        send(engine, text)
    send(engine, "", choice="confirm")
    r = send(engine, ONE_MESSAGE)
    assert "已经登记过了" not in said(r)  # the name is not known yet
    r = send(engine, "2027年锅炉厂安康杯竞赛")
    assert "已经登记过了，编号 JS-2027-0001" in said(r), said(r)
    assert {"修改竞赛名称", "修改开始日期", "取消"} <= set(values(r))
    r = send(engine, "", choice=values(r)["修改开始日期"])
    assert "请输入竞赛开始日期" in said(r)
    r = said(send(engine, "2027年7月1日"))
    assert "开始日期：2027-07-01 ✓" in r and "已经登记过了" not in r and "主办工会" in r


def test_planned_over_total_offers_to_change_either_number(engine, registry):
    send(engine, "/register")
    for text in (
        "锅炉厂竞赛",
        "安康杯",
        "哈尔滨市总工会",
        "锅炉厂",
        "公有",
        "跳过",
        "2027年6月1日",
        "2027年12月",
        "300",
    ):
        send(engine, text)
    r = send(engine, "200")
    assert "计划参赛职工数（300）不能多于单位职工总数（200）" in said(r)
    r = send(engine, "", choice=values(r)["修改计划参赛职工数"])
    assert "计划有多少名职工参赛" in said(r)
    r = said(send(engine, "150"))  # the total typed before (200) was kept
    assert "计划参赛职工数：150 人 ✓" in r and "请输入联系人" in r
    for text in ("张伟", "13904511234", "跳过"):
        send(engine, text)
    send(engine, "", choice="confirm")
    [c] = mine(registry)
    assert (c.planned, c.total, c.end) == (150, 200, date(2027, 12, 31))


def test_routing_never_starts_a_registration_for_a_listing_request(engine, registry):
    r = said(send(engine, "请列出登记库中全部竞赛的联系人和联系电话"))
    assert registry.load_state(ZHANG.key) is None and "登记一个劳动竞赛" not in r
    assert "您是想" in said(send(engine, "竞赛"))  # unsure: ask with buttons
    assert "您是想" not in said(send(engine, "谢谢"))  # nothing about records: no such buttons


def test_an_injected_understander_routes(registry, tmp_path):
    class Unsure:
        def understand(self, text, *, today):
            return Understanding(Intent.REGISTER, {}, {}, confidence=0.6, alternatives=(Intent.QUESTION,))

    kb = open_knowledge_base(
        db_path=tmp_path / "k2.db", chroma_path=tmp_path / "c2", chroma_url="", embedder=HashEmbedder(64)
    )
    e = Engine(registry, kb, today=lambda: TODAY, understander=Unsure())
    r = e.handle(Incoming(ZHANG, text="搞个竞赛"))
    assert r[0].text == "您是想登记竞赛，还是查询政策？"
    assert [b.value for b in r[0].buttons] == ["/register", "/ask 搞个竞赛"]


def _plan_docx() -> bytes:
    import docx

    d = docx.Document()
    for line in (
        "关于开展2027年锅炉厂“安康杯”竞赛的方案",
        "一、竞赛名称：2027年锅炉厂“安康杯”安全生产竞赛",
        "二、竞赛时间：2027年3月1日至2027年11月30日",
        "三、参赛单位：哈尔滨锅炉厂有限责任公司，全厂职工1200人，计划参赛800人",
        "四、联系方式：联系人张伟，电话13904511234",
    ):
        d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_plan_docx_sent_in_chat_prefills_a_registration(engine, registry):
    r = said(send(engine, file=InFile("竞赛方案.docx", _plan_docx())))
    assert "我从“竞赛方案.docx”中读到了以下内容" in r, r
    for line in (
        "开始日期：2027-03-01 ✓",
        "结束日期：2027-11-30 ✓",
        "单位职工总数：1200 人 ✓",
        "联系电话：13904511234 ✓",
    ):
        assert line in r, r
    assert registry.load_state(ZHANG.key)["flow"] == "register"


def test_the_terminal_adapter_one_message_and_a_file(engine, registry, tmp_path):
    plan = tmp_path / "方案.docx"
    plan.write_bytes(_plan_docx())
    script = f"{ONE_MESSAGE}\n2027年锅炉厂安康杯竞赛\n1\n1\n跳过\n跳过\n1\n/file {plan}\n/cancel\n"
    out = io.StringIO()
    run_chat(engine, sender=ZHANG, stdin=io.StringIO(script), stdout=out, out_dir=tmp_path)
    text = out.getvalue()
    assert "开始日期：2027-06-01，按明年理解 ✓" in text and "已登记，编号 JS-2027-0001" in text, text
    assert "我从“方案.docx”中读到了以下内容" in text
    [c] = mine(registry)
    assert (c.union_name, c.ownership, c.start) == ("哈尔滨市总工会", "公有", date(2027, 6, 1))


def test_telegram_at_the_wire_one_message_and_a_plan_document(tmp_path):
    """Through python-telegram-bot and the fake Bot API (its real limits): the same one-message
    registration, and a plan sent as a document pre-filling a draft."""
    import asyncio

    from telegram import Update

    from bot.telegram_adapter import build_application
    from service.composition import Application
    from service.settings import Settings

    from .fake_telegram import RecordingRequest, button_update, document_update, text_update

    settings = Settings.from_env({}, data_dir=tmp_path, embedder="hash")
    app_ = Application(settings, today=lambda: TODAY)
    app_.registry.add_union("哈尔滨市总工会")
    app_.registry.add_user(
        "tg:42", display_name="张三", role="cadre", union="哈尔滨市总工会", identity=("tg", "42")
    )
    plan = _plan_docx()
    request = RecordingRequest(files={"doc-方案.docx": plan})
    bot = build_application(app_.engine, token="123456:TEST", request=request)
    script = [
        text_update(1, ONE_MESSAGE),
        text_update(2, "2027年锅炉厂安康杯竞赛"),
        text_update(3, "哈尔滨市总工会"),
        button_update(4, "公有"),
        text_update(5, "跳过"),
        text_update(6, "跳过"),
        button_update(7, "确认"),
        document_update(8, name="方案.docx", size=len(plan)),
    ]

    async def feed() -> None:
        async with bot:
            for u in script:
                await bot.process_update(Update.de_json(u, bot.bot))

    asyncio.run(feed())
    sent = [p["text"] for p in request.sent()]
    assert not request.errors, request.errors
    assert "开始日期：2027-06-01，按明年理解 ✓" in sent[0]
    assert any("已登记，编号 JS-2027-0001" in t for t in sent), sent[-3:]
    assert "我从“方案.docx”中读到了以下内容" in sent[-1] and "结束日期：2027-11-30 ✓" in sent[-1]
    [c] = app_.registry.competitions(user=app_.registry.get_user("tg:42"))
    assert (c.unit, c.start, c.end, c.planned, c.total, c.ownership) == (
        "哈尔滨锅炉厂有限责任公司",
        date(2027, 6, 1),
        date(2027, 12, 31),
        200,
        1200,
        "公有",
    )


def test_a_pasted_plan_fills_a_registration_draft(engine, registry):
    plan = "\n".join(
        (
            "关于开展2027年锅炉厂“安康杯”竞赛的方案",
            "为深入贯彻安全生产方针，进一步提高职工安全意识和操作技能，经研究决定在全厂范围内开展本次竞赛活动，现将有关事项安排如下。",
            "一、竞赛名称：2027年锅炉厂“安康杯”安全生产竞赛",
            "二、竞赛时间：2027年3月1日至2027年11月30日",
            "三、参赛单位：哈尔滨锅炉厂有限责任公司，全厂职工1200人，计划参赛800人",
            "四、联系方式：联系人张伟，电话13904511234",
        )
    )
    assert len(plan) >= 200
    r = said(send(engine, plan))
    assert "我从您的消息中读到了以下内容" in r and "开始日期：2027-03-01 ✓" in r, r
    assert registry.load_state(ZHANG.key)["flow"] == "register"


def test_an_activity_in_one_sentence_prefills_the_activity_form(engine, registry):
    r = said(send(engine, "昨天开了动员会，80人参加"))
    assert "活动形式：动员会 ✓" in r and "活动日期：2026-12-01 ✓" in r and "参加人数：80 人 ✓" in r, r
    assert "活动在什么地点举行" in r
    for text in ("锅炉厂职工之家", "召开安康杯竞赛动员会", "跳过", "跳过"):
        send(engine, text)
    assert "活动已记录（2026-12-01 动员会，80 人参加）" in said(send(engine, "", choice="confirm"))


def test_choosing_a_reading_keeps_the_fields_already_understood(engine, registry):
    r = send(engine, "五小竞赛 哈尔滨锅炉厂 国企")
    assert "您是想" in said(r)
    chosen = values(r)["登记竞赛"]
    assert chosen == "/register 五小竞赛 哈尔滨锅炉厂 国企"  # the text goes with the button
    r = said(send(engine, "", choice=chosen))
    assert "竞赛类型：五小 ✓" in r and "参赛单位：哈尔滨锅炉厂 ✓" in r and "单位性质：公有 ✓" in r, r
    assert registry.load_state(ZHANG.key)["data"]["type"] == "五小"
    send(engine, "/cancel")
    # typed as a command, the same: /register with the text fills the form from it
    assert "竞赛类型：安康杯 ✓" in said(send(engine, "/register 我们厂搞安康杯"))


def _register_one(engine) -> None:
    send(engine, ONE_MESSAGE)
    for text in ("2027年锅炉厂安康杯竞赛", "哈尔滨市总工会", "公有", "跳过", "跳过"):
        send(engine, text)
    send(engine, "", choice="confirm")


def test_corrections_in_words_while_editing_from_my(engine, registry):
    _register_one(engine)
    [c] = mine(registry)
    r = said(send(engine, f"/edit {c.id} contact"))
    assert "联系人" in r
    # another field named: that one changes, and the asked one is asked again
    r = said(send(engine, "人数写错了，是250人"))
    assert "已修改 计划参赛职工数：250 人 ✓" in r and "联系人" in r, r
    assert mine(registry)[0].planned == 250 and registry.load_state(ZHANG.key)["field"] == "contact"
    # the asked field named: its value is the answer
    r = said(send(engine, "联系人改成李娜"))
    assert "联系人：李娜 ✓" in r and registry.load_state(ZHANG.key) is None
    assert mine(registry)[0].contact == "李娜"
    send(engine, f"/edit {c.id} contact")
    r = said(send(engine, "人数写错了，是五千人"))  # over the total (1200): refused, nothing changed
    assert "不能多于" in r and mine(registry)[0].planned == 250


def test_a_plan_sent_while_registering_fills_what_is_still_empty(engine, registry):
    send(engine, "/register")
    send(engine, "锅炉厂自己起的名字")  # the name typed first stays
    r = said(send(engine, file=InFile("竞赛方案.docx", _plan_docx())))
    assert "我从“竞赛方案.docx”中读到了以下内容" in r and "开始日期：2027-03-01 ✓" in r, r
    assert "您已填写的内容保持不变" in r and "竞赛名称：2027年锅炉厂" not in r
    data = registry.load_state(ZHANG.key)["data"]
    assert data["name"] == "锅炉厂自己起的名字" and data["total"] == 1200 and data["phone"] == "13904511234"
    # a photo is no plan: the register form says so and loses nothing
    r = said(send(engine, file=InFile("现场.jpg", b"\xff\xd8\xff\xe0")))
    assert registry.load_state(ZHANG.key)["data"]["name"] == "锅炉厂自己起的名字"
