"""Short names for documents, as a colleague would say them: 《工会法》, 《集体合同规定》,
《哈尔滨市总工会劳动和技能竞赛动员讲话》.

Answers name each document once, by this name; the full title stays in the metadata. Rules, in order:
drop 中华人民共和国 (anywhere, also inside 《》) and a trailing edition note (（2008年修改本）); for
关于印发/转发…的通知 use what was issued, with the issuer; for the Supreme Court's interpretations
the law they interpret; keep any other title of at most MAX_CHARS; shorten longer ones by dropping the
issuer and filler words, and only as a last resort cut them with an ellipsis.
"""

from __future__ import annotations

import re

from ingest.patterns import HAN

MAX_CHARS = 20

_NATIONAL = "中华人民共和国"
_EDITION = re.compile(r"[（(](?:(?:19|20)\d{2}年?)?[^（）()]{0,8}(?:修正|修订|修改本?|版|文本)[）)]$")
_ISSUE = re.compile(rf"^(?P<issuer>[{HAN}（）]*?)关于(?:印发|转发|下发|颁发|发布)(?P<what>.+?)的?通知$")
_SPEECH = re.compile(
    rf"^(?:[{HAN}]{{2,4}}(?:同志|书记|主席|局长|部长|市长|省长))?在(?P<meeting>.+?)(?:会议|大会|会)上?的?"
    r"(?P<kind>讲话|发言|报告|致辞|讲话稿)$"
)
_COURT = re.compile(r"^最高人民法院关于(?P<body>.+?)的解释(?P<number>[（(][一二三四五六七八九十]+[）)])?$")
_COURT_CASES = re.compile(r"审理(?P<what>.+?)案件适用法律(?:若干)?问题")
_QUOTED = re.compile(r"《(?P<name>[^》]+)》")
_ABOUT = re.compile(rf"^(?P<issuer>[{HAN}（）]*?)关于(?P<body>.+)$")
# whole-area and emphasis words that a short name can lose without becoming ambiguous
_FILLER = ("全市", "全省", "全国", "全区", "全县", "广大", "进一步", "切实", "认真", "扎实", "深入", "积极")
_OFFICE = re.compile(r"(?:办公室|办公厅)$")  # an office issues on behalf of its body
_SPEECH_FILLER = re.compile(r"^(?:全市|全省|全国|全区|全县|全市各级|全省各级)")


def short_title(title: str, *, issuer: str | None = None) -> str:
    """The short name of a document titled ``title`` (issued by ``issuer``, when known)."""
    base = _without_edition(title.replace(_NATIONAL, "").strip()) or title.strip()
    for derive in (_issued, _court):
        derived = derive(base, issuer)
        if derived:
            return _fit(derived)
    return _fit(base)


def _without_edition(title: str) -> str:
    return _EDITION.sub("", title).strip()


def _issued(title: str, issuer: str | None) -> str | None:
    """关于印发X的通知 → the issuer's short name + X (a speech reduced to its occasion)."""
    m = _ISSUE.match(title)
    if not m:
        return None
    what = m.group("what").strip()
    quoted = _QUOTED.fullmatch(what)
    what = quoted.group("name") if quoted else what.strip("《》")
    speech = _SPEECH.match(what)
    if speech:
        what = _SPEECH_FILLER.sub("", speech.group("meeting")) + speech.group("kind").removesuffix("稿")
    who = _OFFICE.sub("", m.group("issuer") or issuer or "")
    if who and not what.startswith(who) and len(who) + len(what) <= MAX_CHARS:
        return who + what
    return what


def _court(title: str, issuer: str | None) -> str | None:
    """最高人民法院关于…《工会法》…的解释 → 工会法司法解释; …审理劳动争议案件… → 劳动争议司法解释（一）."""
    m = _COURT.match(title)
    if not m:
        return None
    body, number = m.group("body"), m.group("number") or ""
    named = _QUOTED.search(body)
    cases = _COURT_CASES.search(body)
    if named:
        core = named.group("name")
    elif cases:
        core = cases.group("what")
    else:
        return None
    return f"{core}司法解释{number}"


def _fit(name: str) -> str:
    """At most MAX_CHARS: drop the issuer before 关于, then 关于 and filler words, then cut."""
    if len(name) <= MAX_CHARS:
        return name
    about = _ABOUT.match(name)
    if about:
        name = about.group("body")
        if len(name) <= MAX_CHARS:
            return name
    for word in _FILLER:
        name = name.replace(word, "")
    name = name.replace("的通知", "通知").replace("的意见", "意见").replace("的决定", "决定")
    if len(name) <= MAX_CHARS:
        return name
    return name[: MAX_CHARS - 1] + "…"


def title_key(title: str) -> str:
    """What two revisions of one document share: the title without 中华人民共和国, edition or spaces."""
    return re.sub(r"\s+", "", _without_edition(title.replace(_NATIONAL, "").strip())).strip("《》")
