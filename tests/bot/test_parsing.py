"""Table-driven and property tests for bot.parsing (pure functions, runs in well under 5 s)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsing import (
    ParseError,
    intent_of,
    looks_like_question,
    match_choice,
    normalise,
    parse_count,
    parse_date,
)
from registry.model import COMPETITION_TYPES

# A fixed Wednesday, so every relative date below is deterministic.
TODAY = date(2026, 11, 25)
assert TODAY.weekday() == 2

ALIASES = {"五小竞赛": "五小", "N个一": "节能减排/N个一", "安全": "安康杯"}

PROPERTY = settings(max_examples=150, deadline=None)


# --------------------------------------------------------------------------- oracle

_CN_DIGITS = "零一二三四五六七八九"


def _cn_section(n: int, *, leading: bool) -> str:
    """0 < n < 10000 in standard Chinese; a leading 一十 is said 十 ("十二", not "一十二")."""
    out, pending_zero, started = "", False, False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            pending_zero = started
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += name if (unit == 10 and d == 1 and leading and not started) else _CN_DIGITS[d] + name
        started = True
    return out


def to_chinese(n: int) -> str:
    """Independent reference formatter for 0 < n < 10**8 (the test oracle, not used by the bot)."""
    assert 0 < n < 10**8
    high, low = divmod(n, 10000)
    if not high:
        return _cn_section(low, leading=True)
    text = _cn_section(high, leading=True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _cn_section(low, leading=False)
    return text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10010, "一万零一十"),
        (35000, "三万五千"),
        (100000, "十万"),
        (12345678, "一千二百三十四万五千六百七十八"),
    ],
)
def test_oracle_formats_like_people_write(n, text):
    assert to_chinese(n) == text


# --------------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  ２０２６年５月  ", "2026年5月"),
        ("ＡＢＣ ｏｋ", "ABC ok"),
        ("a\u3000\u3000b", "a b"),
        ("a\n\n b\t c", "a b c"),
        ("什么是五小竞赛？", "什么是五小竞赛？"),  # Chinese punctuation kept
        ("好的，确认！", "好的，确认！"),
        ("（一）", "（一）"),
        ("①", "1"),
        ("\u200b二百\ufeff", "二百"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@PROPERTY
@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_trimmed(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute
        ("2026年5月26日", date(2026, 5, 26)),
        ("2026-05-26", date(2026, 5, 26)),
        ("2026/5/26", date(2026, 5, 26)),
        ("2026.5.26", date(2026, 5, 26)),
        ("2026-5-26", date(2026, 5, 26)),
        ("20260526", date(2026, 5, 26)),
        ("2026年06月01日", date(2026, 6, 1)),
        ("2026年6月1号", date(2026, 6, 1)),
        ("2026年6月1", date(2026, 6, 1)),
        ("26年5月26日", date(2026, 5, 26)),
        ("2026 年 5 月 26 日", date(2026, 5, 26)),
        ("2026年6月", date(2026, 6, 1)),
        ("2027年1月", date(2027, 1, 1)),
        # no year → this year, even when long past (documented)
        ("5月26日", date(2026, 5, 26)),
        ("5月26号", date(2026, 5, 26)),
        ("6月1日", date(2026, 6, 1)),
        ("1月2日", date(2026, 1, 2)),
        ("6/1", date(2026, 6, 1)),
        ("12月31日", date(2026, 12, 31)),
        # month only → the 1st
        ("一月", date(2026, 1, 1)),
        ("1月", date(2026, 1, 1)),
        ("十二月", date(2026, 12, 1)),
        # day only → this month
        ("15号", date(2026, 11, 15)),
        ("三十日", date(2026, 11, 30)),
        # Chinese numerals
        ("二〇二六年五月二十六日", date(2026, 5, 26)),
        ("二零二六年五月二十六日", date(2026, 5, 26)),
        ("二○二六年五月二十六日", date(2026, 5, 26)),
        ("二〇二六年十二月三十一号", date(2026, 12, 31)),
        ("二〇二七年一月十日", date(2027, 1, 10)),
        ("五月廿六日", date(2026, 5, 26)),
        ("六月一日", date(2026, 6, 1)),
        # full width, punctuation, spaces
        ("２０２６年５月２６日", date(2026, 5, 26)),
        ("２０２６－０５－２６", date(2026, 5, 26)),
        ("  “6月1日”。", date(2026, 6, 1)),
        ("6月1日！", date(2026, 6, 1)),
        ("（2026年6月1日）", date(2026, 6, 1)),
        ("6月1日起", date(2026, 6, 1)),
        ("6月1日开始", date(2026, 6, 1)),
        # an added weekday that agrees is accepted
        ("2026年5月26日（星期二）", date(2026, 5, 26)),
        ("2026年5月26日 周二", date(2026, 5, 26)),
        ("5月26日星期二", date(2026, 5, 26)),
        # relative days
        ("今天", date(2026, 11, 25)),
        ("今日", date(2026, 11, 25)),
        ("明天", date(2026, 11, 26)),
        ("后天", date(2026, 11, 27)),
        ("大后天", date(2026, 11, 28)),
        ("昨天", date(2026, 11, 24)),
        ("前天", date(2026, 11, 23)),
        # weeks start on Monday
        ("下周一", date(2026, 11, 30)),
        ("下周五", date(2026, 12, 4)),
        ("下星期一", date(2026, 11, 30)),
        ("下个星期天", date(2026, 12, 6)),
        ("下个礼拜三", date(2026, 12, 2)),
        ("下下周一", date(2026, 12, 7)),
        ("本周三", date(2026, 11, 25)),
        ("本周五", date(2026, 11, 27)),
        ("本周一", date(2026, 11, 23)),
        ("这周日", date(2026, 11, 29)),
        ("这个星期六", date(2026, 11, 28)),
        ("周五", date(2026, 11, 27)),
        ("星期日", date(2026, 11, 29)),
        ("上周五", date(2026, 11, 20)),
        # months
        ("下个月1号", date(2026, 12, 1)),
        ("下月1日", date(2026, 12, 1)),
        ("下个月一号", date(2026, 12, 1)),
        ("下个月", date(2026, 12, 1)),
        ("下个月15号", date(2026, 12, 15)),
        ("下下个月1号", date(2027, 1, 1)),
        ("本月20日", date(2026, 11, 20)),
        ("这个月底", date(2026, 11, 30)),
        ("下个月底", date(2026, 12, 31)),
        ("上个月1号", date(2026, 10, 1)),
        # years
        ("明年一月", date(2027, 1, 1)),
        ("明年1月", date(2027, 1, 1)),
        ("明年三月十五日", date(2027, 3, 15)),
        ("今年十二月", date(2026, 12, 1)),
        ("去年12月31日", date(2025, 12, 31)),
        ("后年6月", date(2028, 6, 1)),
        # leap years
        ("2028-02-29", date(2028, 2, 29)),
        ("2028年2月29日", date(2028, 2, 29)),
        ("2000年2月29日", date(2000, 2, 29)),
        ("2028年2月底", date(2028, 2, 29)),
        ("2026年2月底", date(2026, 2, 28)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026年2月29日", "不存在"),
        ("2月30日", "不存在"),
        ("2026-02-30", "不存在"),
        ("2100年2月29日", "不存在"),  # 2100 is not a leap year
        ("2026年4月31日", "不存在"),
        ("2026年13月1日", "不存在"),
        ("2026/0/10", "不存在"),
        ("2026年5月0日", "不存在"),
        ("32号", "不存在"),
        ("2026年5月26日周三", "星期二"),  # stated weekday contradicts the date
        ("3000年1月1日", "年份"),
        ("明年", "月份"),
        ("2026年", "月份"),
        ("下周", "星期几"),
        ("", "日期"),
        ("   ", "日期"),
        ("abc", "格式"),
        ("不知道", "格式"),
        ("下周八", "格式"),
        ("2026年5月26日5点", "格式"),
        ("二百人", "格式"),
    ],
)
def test_parse_date_rejects(text, fragment):
    with pytest.raises(ParseError) as err:
        parse_date(text, today=TODAY)
    assert fragment in err.value.message
    assert isinstance(err.value, ValueError)
    assert str(err.value) == err.value.message


def test_invalid_date_message_names_the_date():
    with pytest.raises(ParseError) as err:
        parse_date("2026年2月29日", today=TODAY)
    assert "2026年2月没有29日" in err.value.message


def test_parse_date_default_error_message_is_the_documented_hint():
    with pytest.raises(ParseError) as err:
        parse_date("随便", today=TODAY)
    assert err.value.message == "没能识别这个日期，请按“2026年6月1日”或“6月1日”的格式输入。"


def test_year_boundaries_for_relative_dates():
    new_years_eve = date(2026, 12, 31)  # a Thursday
    assert parse_date("明天", today=new_years_eve) == date(2027, 1, 1)
    assert parse_date("下个月1号", today=new_years_eve) == date(2027, 1, 1)
    assert parse_date("下周一", today=new_years_eve) == date(2027, 1, 4)
    assert parse_date("上个月底", today=date(2027, 1, 15)) == date(2026, 12, 31)
    with pytest.raises(ParseError, match="不存在"):
        parse_date("下个月30号", today=date(2027, 1, 10))  # February 2027


_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _cn_digits(n: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))


@PROPERTY
@given(_DATES)
def test_parse_date_round_trips_written_forms(d):
    forms = [
        d.isoformat(),
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month:02d}.{d.day:02d}",
        f"{d.year}年{d.month}月{d.day}号",
        f"{_cn_digits(d.year)}年{to_chinese(d.month)}月{to_chinese(d.day)}日",
        d.isoformat().translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
        d.strftime("%Y%m%d"),
    ]
    for form in forms:
        assert parse_date(form, today=TODAY) == d, form


@PROPERTY
@given(_DATES.filter(lambda d: date(1901, 1, 1) <= d <= date(2100, 12, 1)))
def test_month_day_without_year_uses_todays_year(today):
    assert parse_date(f"{today.month}月{today.day}日", today=today) == today
    assert parse_date("今天", today=today) == today
    assert parse_date("明天", today=today) == today + timedelta(days=1)


@PROPERTY
@given(_DATES.filter(lambda d: date(1901, 1, 1) <= d <= date(2100, 12, 1)), st.sampled_from("一二三四五六日"))
def test_weeks_are_monday_based(today, weekday):
    this_week = parse_date(f"本周{weekday}", today=today)
    next_week = parse_date(f"下周{weekday}", today=today)
    assert next_week - this_week == timedelta(days=7)
    assert this_week.weekday() == "一二三四五六日".index(weekday)
    assert abs((this_week - today).days) <= 6
    assert this_week.isocalendar()[:2] == today.isocalendar()[:2]


# --------------------------------------------------------------------------- parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二百人", 200),
        ("两百", 200),
        ("1,200", 1200),
        ("1，200", 1200),
        ("1,234,567", 1234567),
        ("1200人", 1200),
        ("一千二百", 1200),
        ("一千二", 1200),
        ("1.2万", 12000),
        ("1.25万人", 12500),
        ("三万五", 35000),
        ("三万五千", 35000),
        ("120名", 120),
        ("约300人", 300),
        ("300 人", 300),
        ("  300  ", 300),
        ("３００人", 300),
        ("300人。", 300),
        ("大约三百人", 300),
        ("300多人", 300),
        ("三百人左右", 300),
        ("300余名", 300),
        ("三百来人", 300),
        ("共计1500人", 1500),
        ("职工总数1200人", 1200),
        ("一共八十六名职工", 86),
        ("十", 10),
        ("十二", 12),
        ("一百零五", 105),
        ("一万零五百", 10500),
        ("两千", 2000),
        ("1万2千", 12000),
        ("1万2", 12000),
        ("一点五万", 15000),
        ("5千", 5000),
        ("十万", 100000),
        ("一亿", 100000000),
        ("壹佰贰拾", 120),
        ("1", 1),
        ("12个", 12),
        ("3支", 3),
    ],
)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0", "不能为零"),
        ("0人", "不能为零"),
        ("零", "不能为零"),
        ("-5", "负数"),
        ("－5", "负数"),
        ("负三百", "负数"),
        ("1.5", "整数"),
        ("1.23456万", "整数"),
        ("200-300人", "范围"),
        ("二百到三百人", "范围"),
        ("abc", "没能识别"),
        ("很多人", "没能识别"),
        ("人", "没能识别"),
        ("万人", "没能识别"),
        ("一两百人", "没能识别"),
        ("百人", "没能识别"),
        ("1,2", "没能识别"),
        ("300人300人", "没能识别"),
        ("", "还没有收到"),
        ("   ", "还没有收到"),
    ],
)
def test_parse_count_rejects(text, fragment):
    with pytest.raises(ParseError) as err:
        parse_count(text)
    assert fragment in err.value.message
    assert "请输入" in err.value.message or "请填写" in err.value.message


@PROPERTY
@given(st.integers(min_value=1, max_value=10**7))
def test_parse_count_round_trips_arabic(n):
    assert parse_count(str(n)) == n
    assert parse_count(f"{n:,}") == n
    assert parse_count(f"{n}人") == n
    assert parse_count(f"约 {n} 人") == n
    assert parse_count(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


@PROPERTY
@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_parse_count_round_trips_chinese(n):
    text = to_chinese(n)
    assert parse_count(text) == n
    assert parse_count(text + "人") == n
    # 两 is the everyday way to say 2 before 百/千/万
    assert parse_count(text.replace("二百", "两百").replace("二千", "两千").replace("二万", "两万")) == n


@PROPERTY
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from([(10, "十"), (100, "百"), (1000, "千"), (10**4, "万")]),
)
def test_abbreviated_trailing_digit(a, b, unit):
    value, name = unit
    if value == 10:  # "三十五" is not an abbreviation but must still read correctly
        assert parse_count(f"{_CN_DIGITS[a]}十{_CN_DIGITS[b]}") == a * 10 + b
    else:
        assert parse_count(f"{_CN_DIGITS[a]}{name}{_CN_DIGITS[b]}") == a * value + b * value // 10
        assert parse_count(f"{a}{name}{b}") == a * value + b * value // 10


# --------------------------------------------------------------------------- match_choice


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # exact, case/width-insensitive
        ("五小", "五小"),
        (" 安康杯 ", "安康杯"),
        ("节能减排/N个一", "节能减排/N个一"),
        ("节能减排／Ｎ个一", "节能减排/N个一"),
        ("节能减排/n个一", "节能减排/N个一"),
        ("“其他”", "其他"),
        # option numbers, 1-based
        ("1", "安康杯"),
        ("2", "五小"),
        ("2.", "五小"),
        ("2、", "五小"),
        ("(2)", "五小"),
        ("（2）", "五小"),
        ("２", "五小"),
        ("②", "五小"),
        ("第二个", "五小"),
        ("第2个", "五小"),
        ("第二", "五小"),
        ("第二项", "五小"),
        ("选2", "五小"),
        ("选第三个", "六比一创"),
        ("11", "其他"),
        ("第十一个", "其他"),
        ("⑪", "其他"),
        # aliases
        ("五小竞赛", "五小"),
        ("N个一", "节能减排/N个一"),
        ("安全", "安康杯"),
        # unique substring either way
        ("六比一创竞赛", "六比一创"),
        ("我们搞的是技术比武", "技术比武"),
        ("合理化建议", "四新合理化建议"),
        ("节能减排", "节能减排/N个一"),
        ("安康杯竞赛活动", "安康杯"),
        ("优质服务竞赛", "优质服务"),
        ("五创竞赛", "五创"),
    ],
)
def test_match_choice_competition_types(text, expected):
    assert match_choice(text, COMPETITION_TYPES, aliases=ALIASES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "0",
        "12",  # only 11 options
        "第十二个",
        "五",  # in both 五小 and 五创: too short to guess
        "岗位练兵和技术比武",  # names two options
        "劳动竞赛",
        "我们厂的活动",
        "？",
        # an option named to rule it out is not picked
        "不是五小",
        "我们没搞安康杯",
        "不要技术比武",
    ],
)
def test_match_choice_none(text):
    assert match_choice(text, COMPETITION_TYPES, aliases=ALIASES) is None


def test_match_choice_without_aliases():
    assert match_choice("安全", COMPETITION_TYPES) is None
    assert match_choice("N个一", COMPETITION_TYPES) == "节能减排/N个一"  # substring still works
    assert match_choice("五小竞赛", COMPETITION_TYPES) == "五小"


def test_match_choice_alias_to_a_missing_option_is_ignored():
    assert match_choice("安全", ("五小", "五创"), aliases={"安全": "安康杯"}) is None
    assert match_choice("安全", ("安康杯",), aliases={"安全": " 安康杯 "}) == "安康杯"


def test_match_choice_prefers_the_longest_named_option():
    ownerships = ("公有", "非公")
    assert match_choice("非公企业", ownerships) == "非公"
    assert match_choice("公有制企业", ownerships) == "公有"
    assert match_choice("公", ownerships) is None
    assert match_choice("2", ownerships) == "非公"


def test_match_choice_exact_beats_number_and_latin_is_caseless():
    assert match_choice("2", ("1", "2", "3")) == "2"
    assert match_choice("3", ("10", "3")) == "3"
    assert match_choice("ok", ("OK", "Cancel")) == "OK"
    assert match_choice("ＣＡＮＣＥＬ", ("OK", "Cancel")) == "Cancel"
    assert match_choice("anything", ()) is None


@PROPERTY
@given(
    st.lists(
        st.text(alphabet="安康杯五小创比一技术岗位练兵ab", min_size=2, max_size=6),
        min_size=1,
        max_size=8,
        unique=True,
    )
)
def test_match_choice_numbers_and_self_match(options):
    for i, opt in enumerate(options, start=1):
        picked = match_choice(opt, options)
        # An option equal (after normalising) to another cannot be told apart; otherwise itself.
        assert picked == opt or sum(o.casefold() == opt.casefold() for o in options) > 1
        if not any(o.strip() == str(i) for o in options):
            assert match_choice(str(i), options) == opt


# --------------------------------------------------------------------------- intent_of


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # skip
        ("跳过", "skip"),
        ("略过", "skip"),
        ("没有", "skip"),
        ("无", "skip"),
        ("不填", "skip"),
        ("暂无", "skip"),
        ("-", "skip"),
        ("—", "skip"),
        ("/", "skip"),
        ("没有。", "skip"),
        ("跳过吧", "skip"),
        ("先跳过", "skip"),
        ("暂时没有", "skip"),
        ("skip", "skip"),
        ("/skip", "skip"),
        # back
        ("上一步", "back"),
        ("返回", "back"),
        ("后退", "back"),
        ("back", "back"),
        ("Back", "back"),
        ("/back", "back"),
        ("返回上一步", "back"),
        ("请返回", "back"),
        # cancel
        ("/cancel", "cancel"),
        ("/cancel@GonghuiBot", "cancel"),
        ("取消", "cancel"),
        ("不登记了", "cancel"),
        ("算了", "cancel"),
        ("算了吧", "cancel"),
        ("退出", "cancel"),
        ("那就算了吧。", "cancel"),
        ("放弃", "cancel"),
        # confirm
        ("确认", "confirm"),
        ("确定", "confirm"),
        ("是", "confirm"),
        ("是的", "confirm"),
        ("对", "confirm"),
        ("好的", "confirm"),
        ("好的！", "confirm"),
        ("没问题", "confirm"),
        ("没有问题", "confirm"),
        ("ok", "confirm"),
        ("OK", "confirm"),
        ("ＯＫ", "confirm"),
        ("Yes", "confirm"),
        ("提交", "confirm"),
        ("确认提交", "confirm"),
        ("可以", "confirm"),
        # edit
        ("修改", "edit"),
        ("改一下", "edit"),
        ("不对", "edit"),
        ("不对！", "edit"),
        ("我要修改", "edit"),
        ("有误", "edit"),
    ],
)
def test_intent_of(text, intent):
    assert intent_of(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "",
        "无锡市总工会",
        "没有参加过",
        "无线电厂",
        "跳过是什么意思",
        "确认？",  # a question about confirming, not a confirmation
        "取消了吗？",
        "是否需要填写",
        "对接会",
        "好多人",
        "返回值",
        "二百人",
        "2026年6月1日",
        "技术比武",
        "否",
        "no",
        "-5",
        "结束",  # a status answer ("已结束"), not a cancel
    ],
)
def test_intent_of_none(text):
    assert intent_of(text) is None


# --------------------------------------------------------------------------- looks_like_question


@pytest.mark.parametrize(
    "text",
    [
        "什么是五小竞赛？",
        "什么是五小竞赛",
        "六比一创是什么意思",
        "怎么算职工总数",
        "职工总数怎么算",
        "啥叫安康杯",
        "安康杯是啥",
        "五小和五创有什么区别",
        "需要填哪些内容",
        "这个必须填吗",
        "可以不填吗？",
        "劳务派遣的算不算",
        "如何统计参赛人数",
        "请问开始日期指的是哪天",
        "日期写哪个？",
        "不明白这一项",
        "能不能以后再补",
        "为什么要填这个",
        "是不是要写全称",
        "参赛人数?",
    ],
)
def test_looks_like_question_true(text):
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "我们厂的技术比武",
        "2026年6月1日",
        "二百人",
        "",
        "五小",
        "六比一创竞赛",
        "无锡市总工会",
        "确认",
        "跳过",
        "二十几人",
        "下周一",
        "我们车间组织岗位练兵，共86人参加。",
        "不清楚",
    ],
)
def test_looks_like_question_false(text):
    assert not looks_like_question(text)
