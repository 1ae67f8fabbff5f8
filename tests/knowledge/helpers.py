"""Builders for small real documents, so knowledge tests do not depend on the ingest pipeline."""

from __future__ import annotations

import hashlib

from ingest.model import Chunk, DocMeta, Document


def make_doc(
    source: str,
    title: str,
    passages: list[tuple[str | None, str]],
    *,
    doc_type: str = "法律",
    date: str = "2021-12-24",
    section: tuple[str, ...] = ("第一章 总则",),
) -> Document:
    """A document whose chunks are the given (article, text) passages, in order."""
    text, chunks, at = "", [], 0
    for i, (article, body) in enumerate(passages):
        piece = f"{article} {body}" if article else body
        chunks.append(Chunk(i, piece, at, at + len(piece), section, article))
        text += piece + "\n"
        at = len(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        source=source,
        text=text,
        meta=DocMeta(title=title, doc_type=doc_type, date=date),
        content_hash=digest,
        chunks=tuple(chunks),
        format="md",
    )


UNION_LAW = make_doc(
    "mem://gonghuifa",
    "中华人民共和国工会法",
    [
        ("第二条", "工会是中国共产党领导的职工自愿结合的工人阶级群众组织。"),
        ("第十一条", "用人单位有会员二十五人以上的，应当建立基层工会委员会。"),
        (
            "第四十三条",
            "工会经费的来源：工会会员缴纳的会费；建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费。",
        ),
        ("第三十六条", "国有企业职工代表大会是企业实行民主管理的基本形式，是职工行使民主管理权力的机构。"),
    ],
)

COMPETITION_NOTICE = make_doc(
    "mem://notice",
    "关于开展劳动和技能竞赛的通知",
    [
        (
            None,
            "以推动重点产业项目建设为重点开展竞赛，确保所有开工项目全部开展劳动和技能竞赛，切实做到全覆盖。",
        ),
        (None, "围绕企业安全生产，以高危行业为重点，开展安康杯竞赛活动。"),
        (None, "通过召开座谈会、动员会、启动会、发倡议书等形式，广泛进行思想动员。"),
    ],
    doc_type="通知",
    date="2020-05-27",
    section=("二、精准实施",),
)

# the same passage in another document: search must show it once
DUPLICATE_NOTICE = make_doc(
    "mem://notice-copy",
    "转发：关于开展劳动和技能竞赛的通知",
    [(None, "围绕企业安全生产，以高危行业为重点，开展安康杯竞赛活动。")],
    doc_type="通知",
    date="2020-06-01",
    section=("转发",),
)
