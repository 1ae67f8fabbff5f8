"""Whether a sentence can be a question by itself (rules found in two blind reviews of generated items):
a whole sentence, not a piece of one the source's layout broke; no reference to what came before
(前款, 上述, 该…, a subject or an object named in full only in the sentence before); no statistics of a
speech or report (今年我市…111个), which are trivia that date, not rules."""

from __future__ import annotations

import re

from training.corpus import squash

_ENDS = "。！？!?；;：:）)」』”’、"
_CLOSED = re.compile(r"[。！？!?；;][”’」』）)]*$")
_ARTICLE_END = re.compile(r"第[零一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?$")
_LIST_MARK = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]\s*")

# words that point at another part of the text: what they stand for is not in the question
_POINTS_BACK = re.compile(
    r"前款|前条|前项|前[两二三四五六七八九十]款|前述|上述|上款|本款|此项|该项|"
    r"(?:本条)?第[一二三四五六七八九十]+款|依照前|按照前|(?<!应)该(?![当死])"
)
# a sentence opening with a pronoun, a connective or a bare organ name continues the one before
# (…产业工会全国委员会的建立…。全国委员会每届任期五年。)
_OPENS_BACK = re.compile(
    r"^(?:不足|不满|未满|超过|[零〇一二两三四五六七八九十百千\d]|累计|逾期|期满|届满|期限届满|负责处理的|有关部门|有关单位|相关部门|该|其|此|这|但|但是|否则|同时|此外|另外|因此|为此|对此|如|上列|或者|或|并|以及|而|且|也|还|"
    r"全国委员会|委员会|常务委员会|代表大会|大会|会议|小组|双方|对方|本人|"
    # 被人民法院驳回起诉…的, 依照…规定: a case or a rule the sentence before sets (被派遣劳动者 is a subject)
    r"被(?!派遣|保险|申请|申诉|告|扶养|抚养|赡养)[^，,。；;]*的[，,]|依照前|按照前|"
    # 案情复杂需要延长的，…: extending the time limit the clause before set
    r"[^，,。；;]{0,8}(?:需要|需|确需)延长的[，,])"
)
# what only state organs do (全国人民代表大会每届任期, 国务院…规定, the national bodies of the union), not an
# enterprise union cadre's business: no item is made from a sentence whose subject is one of them
_STATE_ORGAN = re.compile(
    r"^(?:全国人民代表大会|全国人大|国务院|中央军事委员会|国家主席|中华人民共和国主席|最高人民法院|最高人民检察院|"
    r"地方各级人民代表大会|[^，,。；;]{0,8}人民代表大会(?:常务委员会)?每届|产业工会全国委员会|中华全国总工会|"
    r"中国工会全国代表大会|全国总工会)"
)
# an object received or answered (接到书面意见之日起) that the sentence before introduced
_RECEIVED = re.compile(
    r"(?:接到|收到|接受|受理|答复)([^，,。；;之的]{0,6}?)(意见|申请|申诉|举报|投诉|控告|报告|通知|告知|建议|要求|材料|资料|文本|请求|异议)"
)
# 有下列行为之一的，…处十日以上十五日以下拘留: the cases are in a list the question does not show
_FORWARD = re.compile(r"下列|如下|以下(?:情形|行为|条件|事项|规定|程序|内容|权利|义务|职责|措施|方式)")
_HANDLES = re.compile(r"予以(?:研究)?(?:处理|答复|改正|纠正)")
_WHAT = re.compile(r"接到|收到|提出|申请|建议|意见|要求|举报|投诉|异议|问题|行为")
_UNNAMED = ("", "书面", "有关", "相关", "上述", "该", "其")
_POINTING = ("有关", "相关", "上述", "该", "其")

# a count of a speech or report (今年我市确定了“省百大项目”111个), not a rule; a rule has a modal verb
_DATED = re.compile(
    r"今年|去年|明年|前年|本年度|上半年|下半年|近年来|近几年|近[一二三四五六七八九十两\d]+年来|截至|截止|目前|"
    r"全市共|全省共|全区共|全国共|全县共|我市|我省|我区"
)
# 累计培训职工12万人次: a running total of a report (每周工作时间累计不超过二十四小时 is a rule)
_TOTAL = re.compile(r"(?:累计|共有|共计|已有|先后)[^，,。；;]*\d")
_RULE = re.compile(r"应当|应该|必须|不得|不应|须|可以|有权|禁止|享受|享有|是指|不超过|不少于|不低于")


def stands_alone(text: str, sentence: str) -> bool:
    """The sentence is whole (it starts where the text starts a sentence and ends with 。；！？), and
    refers to nothing outside itself."""
    if not _CLOSED.search(sentence.strip()):
        return False  # 按照不低于劳动合 (a line the layout broke) or …的， (half a condition)
    body = _LIST_MARK.sub("", sentence.strip())
    if _POINTS_BACK.search(body) or _OPENS_BACK.search(body) or _FORWARD.search(body):
        return False
    if _HANDLES.search(body) and not _WHAT.search(body):
        return False  # 单位应当予以研究处理: handles what the clause before raised
    flat, piece = squash(text), squash(sentence)
    at = flat.find(piece)
    before = flat[:at] if at > 0 else ""
    if before and before[-1] not in _ENDS and not _ARTICLE_END.search(before):
        return False
    # 接到书面意见: which 意见 only the sentence before says (收到仲裁申请 names it)
    unnamed = [m for m in _RECEIVED.finditer(body) if m.group(1) in _UNNAMED]
    # 收到相关资料: which ones the sentence never says; 接到书面意见: the sentence before does
    return not any(m.group(1) in _POINTING or m.group(2) in before[-200:] for m in unnamed)


def opens_back(clause: str) -> bool:
    """A clause that continues the one before it: 不足二十五人的，… (of what?), 或者…, 但是…."""
    return bool(_OPENS_BACK.search(_LIST_MARK.sub("", clause.strip())))


def off_scope(sentence: str) -> bool:
    """A sentence about what a state organ or the union's national bodies do: of no use to a trainee."""
    return bool(_STATE_ORGAN.search(_LIST_MARK.sub("", sentence.strip())))


MAX_CONTEXT = 80
# the other half of a contrast the sentence before draws (…二百人以上的，应当…。职工不足二百人的，可以…)
_CONTRAST = re.compile(r"^[^，,。；;]{0,10}(?:不足|不满|未满|少于)[^，,。；;]*的[，,]?")


def is_contrast(sentence: str) -> bool:
    """A later sentence that opens with the case the one before leaves out (职工不足二百人的，…)."""
    return bool(_CONTRAST.search(_LIST_MARK.sub("", sentence.strip())))


def context(first: str) -> str | None:
    """The article's first sentence as the setting a later sentence of it needs (终局裁决…, which
    contract, which 月平均工资): only a short, whole one that stands alone, else the later sentence is
    no question at all."""
    first = _LIST_MARK.sub("", first.strip())
    if (
        len(first) > MAX_CONTEXT
        or not first.endswith("。")
        or "：" in first
        or ":" in first
        or "“" in first
        or opens_back(first)
        or _POINTS_BACK.search(first)
    ):
        return None
    return first.rstrip("。")


def is_statistic(sentence: str) -> bool:
    """A dated count of a speech or report (今年…111个, 全市共…), which no trainee should learn by heart."""
    return bool(_DATED.search(sentence) or _TOTAL.search(sentence)) and not _RULE.search(sentence)


def gives_away(answer: str, *texts: str) -> bool:
    """Whether the blank's answer can be read off the question: it stands in the stem or the title."""
    return any(answer in t for t in texts)
