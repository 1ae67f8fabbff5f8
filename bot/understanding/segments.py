"""Fields of a registration typed as a terse list (`五创 嘉和科技 非公企业 创新创效 3月1号~9月30号 三百人`):
the pieces between spaces and commas, each one field. What the running-text rules leave, read from its
place and shape (classes found on the spent blind sets 3 and 4):

- a piece right before an ownership word is the unit (`宏远纺织 私营企业`, `华兴化工（民企）`);
- a piece that ends as a competition does and says more than its type is its name (`叉车技能比武`,
  `收银员岗位练兵`, `粮食安全储存百日竞赛`), also when called so (`优质服务竞赛，叫文明出行服务有我`);
- in a list of four pieces or more, the first piece no other field accounts for is what it is about
  (`降低吨钢能耗`, `一班一项节能措施`), and so is what is `开展`ed (`开展安全生产月和应急演练`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.understanding import spans
from bot.understanding.naming import names_more_than_a_type
from bot.understanding.vocabulary import OWNERSHIP_WORDS, TYPE_WORDS

_SPLIT = re.compile(r"[，,。；;：:！!？?\s]+")
_OWNED = "|".join(sorted(OWNERSHIP_WORDS, key=len, reverse=True))
_OWNERSHIP_PIECE = re.compile(rf"^(?:{_OWNED})(?:企业|单位|的)?$")
_BRACKETED = re.compile(rf"[（(]((?:{_OWNED})(?:企业|单位)?)[）)]")
_CJK = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,20}$")
# a piece that says something else: a request, chatter, a person, a time or a count
_SAYS_ELSE = re.compile(
    "(?:"
    r"报|登|一下|申报|备案|录|开展|搞|准备|举办|组织|俺|车间|下个月|你好|您好|谢谢|麻烦|领导|帮|我|咱|你|嗯|那个|这个|吧|呢|啊|想|要|"
    r"工会|联系|电话|手机|参加|参赛|职工|员工|全员|时间|开始|结束|到|至|起|止|底|初|中旬|季度|明年|今年|下周|本周|"
    r"\d|[零〇一二两三四五六七八九十百千万]{1,6}(?:多|来|余)?(?:个)?(?:人|名|位)(?!一)|"
    r"[零〇一二两三四五六七八九十百千万]{1,6}(?:月|日|号|年|天|周)|" + _OWNED + ")"
)
_COMPETITION_END = re.compile(
    r"(?:竞赛|大赛|比武|练兵|比赛|擂台赛|联赛|挑战赛|抢答赛|展示赛|技能赛|趣味赛|友谊赛|知识赛|运动会|大比拼|活动)$"
)
_LEAD = re.compile(
    r"^(?:你好|您好|嗯|那个|我们|咱们|我|想|要|准备|打算|计划|也|还|就)*"
    r"(?:报名|报|登记|申报|备案|搞|弄|办|举办|开展|组织|参加|录)?(?:了|一个|一下|个|一项|一场|一次)?"
)
_CALLED = re.compile(
    r"(?:竞赛|比赛|比武|练兵|大赛|活动)[，,\s]*(?:名字|名称)?(?:就)?(?:叫做|叫|名为)\s*[“\"]?"
    r"(?P<n>[^，,。；;！!？?\s“”\"]{2,30})"
)
_ORG_WORD = re.compile(spans.ORG_SUFFIX + "$|" + spans.TRADES + "$|工会|项目|工程|建设$")
# what no name holds: a verb of doing or asking, a person, a pointer, a firm in the middle of it
_NOT_IN_NAME = re.compile(
    r"报|登|搞|弄|办|开展|组织|准备|新建|想|要|让|我|咱|俺|你|这边|那个|这个|的那|公司|集团|[厂局]|车间|单位|部门|"
    r"下个月|明年|今年|年底|名称|名字|叫"
)
# what no content piece is: a label, a pointer, a half phrase (数控车工的), a numeral (总共三百五, 壹仟玖佰人)
_NOT_CONTENT = re.compile(
    # chatter about the registration itself (不知道算啥类, 人数还不确定, 老板同意了, 下学期的事, 刚开完会)
    r"不知道|不确定|拿不准|同意|的事$|开完会|还没|没定|不会|打字|开工|启动|年后|节后|其实|在吗|对接|回头|再补|以后再|先这样|"
    r"名称|名字|单位|叫|类型|类别|其他|其它|那种|这种|之类|所有制|^属于|不属于|以后|跟去年|一样|那几类|岗位$|[A-Za-z]|的$|(?:竞|竟|比)[赛塞寨]$|^(?:是|为|有)|[零〇一二两三四五六七八九十百千万]{2,}|[壹贰叁肆伍陆柒捌玖拾佰仟]"
)
_CARRIED_OUT = re.compile(r"^开展(?P<what>[\u4e00-\u9fff、和与及]{4,30})$")
MIN_PIECES = 4


def pieces(text: str) -> list[str]:
    return [p for p in _SPLIT.split(_BRACKETED.sub(r" \1 ", text)) if p]


# a piece then its ownership, apart by a space, a comma or brackets (not a colon: `所有制：国有` is a label)
_BEFORE_OWNED = re.compile(
    rf"(?:^|(?<=[，,。；;\s]))(?P<u>[^，,。；;：:\s（()）]{{2,20}})(?:[\s，,]+|[（(])(?=(?:{_OWNED})(?:企业|单位|的)?(?:[）)]|[，,。；;\s]|$))"
)
_LABEL_WORDS = re.compile(r"^(?:所有制|性质|单位性质|企业性质|类型|类别|经济类型|企业类型)$")


def owned_unit(text: str) -> str | None:
    """The piece right before an ownership word, when it can be a unit's name."""
    for m in _BEFORE_OWNED.finditer(_BRACKETED.sub(r"（\1）", text)):
        before = re.sub(r"^(?:我们是|我们|咱们是|咱们|我是)(?=..)", "", m["u"])  # 我们是金穗粮油储备库，国有
        if (
            not _LABEL_WORDS.match(before)
            and _CJK.match(before)
            and not _SAYS_ELSE.search(before)
            and not _COMPETITION_END.search(before)
            and not any(w in before for w in TYPE_WORDS)
        ):
            unit = re.sub(r"^(?:单位|企业|公司)(?:名称)?(?:是|为)?", "", before) or before
            # a name with its legal suffix (…有限公司的, …工程处承办) the organisation rules read better
            return None if re.search(spans.ORG_SUFFIX + r"(?:的|承办|主办|组织|牵头)?$", unit) else unit
    return None


def named(text: str) -> str | None:
    """A competition's name from its piece of a list, or called so after the competition."""
    m = _CALLED.search(text)
    if m and names_more_than_a_type(m["n"]):
        return m["n"]
    for piece in pieces(text):
        name = _LEAD.sub("", piece)
        if (
            4 <= len(name) <= 30
            and _COMPETITION_END.search(name)
            and not _ORG_WORD.search(name)
            and not _NOT_IN_NAME.search(name)
            and not re.search(r"\d{1,2}月|\d{1,2}[日号]|参加|参赛|开始", name)
            and names_more_than_a_type(name)
        ):
            return name
    return None


def about(text: str, known: Iterable[object]) -> str | None:
    """What a terse list says the competition is about: what is 开展ed, or the first piece no field holds."""
    found = pieces(text)
    for piece in found:
        m = _CARRIED_OUT.match(piece)
        if m and names_more_than_a_type(m["what"]):
            return m["what"]
    if len(found) < MIN_PIECES:
        return None
    said = [str(v) for v in known if v]
    for piece in found:
        if (
            len(piece) >= 4
            and _CJK.match(piece)
            and not _SAYS_ELSE.search(piece)
            and not _ORG_WORD.search(piece)
            and not _OWNERSHIP_PIECE.match(piece)
            and not _NOT_CONTENT.search(piece)
            and names_more_than_a_type(piece)
            and not any(piece in v or v in piece for v in said)
        ):
            return re.sub(r"^(?:就是|也就是)(?=.{4})", "", piece)  # 就是一人一条节能建议
    return None
