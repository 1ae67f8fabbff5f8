"""What an activity was about (活动内容), when the message says more than its kind, date, place and people.

A message is cut into clauses; a clause is content when, without the facts already read (place, competition,
kind and the words that qualify it, dates, head counts, who it was for) and without chatter, it keeps at
least `CONTENT_MIN` Chinese characters (`叉车实操`, `讲了工伤保险和安全操作规程`). Only those clauses are kept:
a message that states facts only has no summary, so the form asks (or skips) rather than store the
message again as its own content.
"""

from __future__ import annotations

import re

from bot.understanding import spans
from bot.understanding.vocabulary import KIND_WORDS, TYPE_WORDS

CONTENT_MIN = 4

_LABEL = re.compile(r"(?:活动内容|主要内容|内容|简介|情况)\s*(?:[:：]|是|为)\s*(?P<s>.+)", re.S)
_CHATTER = re.compile(
    r"^(?:好的|好|嗯|那|另外|再)*[，,\s]?(?:请|麻烦)?(?:再)?(?:帮我|给我|帮忙)?(?:记一下|记录一下|记下|登记一下|录一下|记个|记一个|记录|登记|补录个?)"
    r"(?:活动)?[：:，,]?"
)
_CLAUSE = re.compile(r"[，,。；;！!？?\s]+")
# who it was for (给一线班组搞了…, 给新入职的农民工搞了…) and the words right before the kind (安全培训, 叉车技能比武)
_AUDIENCE = re.compile(r"给[^，,。\s]{1,12}?(?=搞|开|做|进行|组织|办|念|讲|发)")
_MEASURED = re.compile(
    r"[\d一二两三四五六七八九十百千万几]+(?:份|张|条|幅|块|场|次|篇|期|个|名|位|项|多|余|来)?"
)
_DATES = re.compile(
    r"\d{2,4}[年月日号.\-/]\d{0,2}[月日号]?\d{0,2}[日号]?|\d{1,2}[日号]|[一二三四五六七八九十]+月|[一二三四五六七八九十]+[日号]"
)
_FILLER = re.compile(
    r"帮我|麻烦|请|记一下|记录一下|记下|记上|先|登记一下|开了个|开了|开完|开的|召开了?|举行了?|举办了?|组织了?|开展了?|搞了场|搞了个?|"
    r"搞完了?|进行了?|做了次?|办了|来了|到了|参加|参会|参与|参赛|出席|到场|参训|大概|大约|差不多|约|近|共|有|"
    r"今天|昨天|昨儿个?|前天|大前天|今早|今晨|刚刚?|刚才|上午|下午|中午|晚上|上周.|本周.|这周.|下周.|上个月|下个月|本月|那天|时间是|"
    r"全厂|全体|全公司|都|收到|要去|要|去|发|开|搞|办|正式|启动|配套|人数|没统计|统计|领导|厂领导|选手|学员|决赛|初赛|"
    r"职工|工人|员工|人员|同志|大家|我们|咱们|工会|活动|竞赛|一次|一场|一期|篇|个|了|的|在|和|人|名|多|余|来|左右|[：:、]|"
    # who took part, said as a clause of its own (车间班组长, 新入职的农民工)
    r"班组长|班组|一线|新员工|新入职|农民工|代表|干部|会员|骨干|学徒工?|车间|新来|全市|全区|全省|全县|劳动"
)


def content(text: str, fields: dict, kind_said: str | None) -> str | None:
    m = _LABEL.search(text)
    if m:
        return m["s"].strip()[:2000]
    # (跟你说一下哈，…: chatter before the message)
    said = re.sub(r"^(?:跟你说一下哈?|跟你说下|和你说一下|那个|嗯)[，,\s]*", "", text.strip())
    said = _CHATTER.sub("", said).strip("，,。 ")
    kept = [c for c in _CLAUSE.split(said) if c and _is_content(c, fields, kind_said)]
    return "，".join(kept)[:2000] if kept else None


# a clause that opens with what was done or said (号召…, 表彰了…, 讲的是…, 聊…) is content whatever its length
_CONTENT_VERB = re.compile(
    r"^(?:今天|昨天|前天|上午|下午|晚上|早上)*(?:主要是|主要)?(?!宣讲活动)(?:号召|倡议(?!书)|表彰了|讲了|摆摊|拉了?横幅|摆了?展板|设了?咨询台|讲的是|练的是|学的是|交流|聊|部署|学习|观看|解读|宣讲|签订|签了|"
    r"征集|征求|听取|谈谈|慰问|演练|观摩|讨论|研究|通报|总结|发了|发出了?|发放|挂了|贴了|张贴了|更新了|布置了|练了|练习|"
    r"收到|决出|表彰(?!会|大会)|给[^，,。]{1,10}(?:颁了?奖|做了|办了|发了)|向[^，,。]{1,10}发出)[\u4e00-\u9fff\d《]{2}"
)
# 给二十多件小发明颁了奖: what was awarded, however short
_AWARDED = re.compile(r"^给[^，,。]{1,12}颁了?奖")
# a clause that is the kind with what it taught or was about (安全生产知识培训, 电工取证培训): content
_QUALIFIED_KIND = re.compile(
    r"^(?!.*(?:在|了|组织|开展|搞|举办|进行))[\u4e00-\u9fff]{4,12}(?:培训|讲座|宣讲|宣传)$"
)


# who came (安全部门和各车间负责人参加) is people, not content
_ATTENDANCE = re.compile(
    r"(?:参加|参会|出席|到场|到会|参与|观看|参赛|都来了|来了)了?$|(?:职工|人|观众)(?:不少|挺多|很多|特别多)$|"
    # a round or part of a competition said (属于…技能比武的初赛): the competition, not content
    r"^属于|^是[^，,]{2,24}的(?:初赛|决赛|预赛|一项|一部分)|还没记|忘记登|忘了记|忘了登|^具体是|[共各约][\d零〇一二两三四五六七八九十百千万]+(?:多|余)?人$|^算其[他它]|"
    r"^(?:参加|参会|到会|参赛)的(?:有|是)"
)
# 参建单位代表四十人, 线上观看两千多人: a short clause that ends in a head count says who came and how many
# (not 评出一等奖2名, 决出前三名)
_COUNTED = re.compile(
    r"^(?!.*(?:评|决|奖|表彰|授|选出))(?=.{0,14}$).*[\d零〇一二两三四五六七八九十百千万]+(?:多|余|来)?(?:人|名)$"
)
# meetings of no listed kind and the hour (九点, 下午三点半) say no content either
_MEETING = re.compile(
    r"推进会|调度会|部署会|协调会|观摩会|现场会|总结会|例会|会议|[\d一二三四五六七八九十]+点(?:半|钟)?"
)


_HELD = re.compile(r"^(?:搞了|开展了|举办了|组织了|办了|进行了)(?:一次|一场|一期|个|场|次)?")
_TIME_WORDS = re.compile(
    r"今天|昨天|前天|昨儿个?|今儿个?|上午|下午|晚上|早上|上周.|本周.|这周.|下周.|上个月|本月|线上|网上|那天|当天"
)
_DONE_VERB = re.compile(r"^(?:发了|发出了?|挂了|贴了|张贴了|更新了|布置了)(?:一份|一个|一条|个|份|条)?")


def _is_content(clause: str, fields: dict, kind_said: str | None) -> bool:
    timeless = re.sub(r"^(?:我们|工会)", "", _DATES.sub("", _TIME_WORDS.sub("", clause)))
    done = _DONE_VERB.match(timeless)
    if done and timeless[done.end() :] in KIND_WORDS:
        return False  # 昨天发了倡议书: the kind itself, no content
    place = fields.get("place")
    # 3号在培训中心给新员工做了…: what was done, once the day and the place said first are set aside
    bare = re.sub(
        r"^(?:我们|工会)?(?:在|于)?",
        "",
        timeless.replace(place, "", 1) if isinstance(place, str) else timeless,
    )
    held = _HELD.sub("", bare)  # 搞了一次安全知识培训: the kind with what it was about
    if _only_facts(timeless, fields, kind_said) or _COUNTED.search(clause):
        return False  # 工会今天发了五小竞赛倡议书: kind, competition and day, nothing more (spent blind sets 12, 13)
    if (
        _CONTENT_VERB.match(clause)
        or _CONTENT_VERB.match(bare)
        or _QUALIFIED_KIND.match(held)
        or _AWARDED.match(bare)
    ):
        return True
    if _ATTENDANCE.search(clause):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", _residue(clause, fields, kind_said))) >= CONTENT_MIN


# what a clause that only restates the facts holds besides them (发了, 开了个, 一份, 的)
_BARE_FILLER = re.compile(
    r"我们|工会|开了个?|发了|发出了?|搞了个?|组织了?|开展了?|召开了?|举办了?|举行了?|进行了?|一份|一场|一次|个|了|的|在|向|给|全体职工|职工"
)


def _only_facts(clause: str, fields: dict, kind_said: str | None) -> bool:
    rest = clause
    for value in (fields.get("place"), fields.get("competition")):
        if isinstance(value, str) and value:
            rest = rest.replace(value, "")
    for value in sorted((*TYPE_WORDS, "竞赛"), key=len, reverse=True):
        rest = rest.replace(value, "")
    if kind_said:  # the kind as a word of its own (倡议书), not inside another (宣传单)
        rest = re.sub(rf"{re.escape(kind_said)}(?![\u4e00-\u9fff])", "", rest)
    return len(re.findall(r"[\u4e00-\u9fff\d]", _BARE_FILLER.sub("", rest))) < 2


def _residue(clause: str, fields: dict, kind_said: str | None) -> str:
    """A clause without the facts read first, the kind, dates, counts and filler."""
    rest = _AUDIENCE.sub("", clause)
    # the facts read first (a competition's name may stand right before the kind: …劳动竞赛推进会)
    for value in (fields.get("place"), fields.get("competition")):
        if isinstance(value, str) and value:
            rest = rest.replace(value, "")
    if kind_said and kind_said in rest:  # the kind and up to four words that qualify it
        rest = re.sub(rf"[\u4e00-\u9fff]{{0,4}}{re.escape(kind_said)}", "", rest)
    for value in (*TYPE_WORDS, *(w for w, v in KIND_WORDS.items() if v != "其他")):
        rest = rest.replace(value, "")
    rest = spans.COUNT_RE.sub("", rest)
    rest = _MEETING.sub("", rest)
    rest = _DATES.sub("", rest)  # before the numbers, or 11月25号 would leave 月号
    rest = _MEASURED.sub("", rest)
    return _FILLER.sub("", rest)
