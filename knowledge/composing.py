"""Writing the answer: each chosen text with its citation number, whose rule it is when that matters,
a warning when the rule is no longer in force, then 另见 references; the citations name each document
once, by its short name."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.short_title import short_title
from knowledge.choosing import Choice
from knowledge.jurisdiction import label, place_of
from knowledge.model import Answer, Citation, Hit, Reach
from knowledge.passages import body_of

QUOTE_CHARS = 240
OCR_NOTE = "（扫描件识别，请核对原件）"  # after a quote from a page OCR read with low confidence


def whose(hit: Hit) -> str:
    if hit.reach is Reach.NATIONAL:
        return "国家规定"
    place = place_of(hit.title) or place_of(hit.issuer)
    return label(place, doc_type=hit.doc_type, issuer=hit.issuer) if place else hit.name


def _validity_note(hit: Hit) -> str:
    if hit.in_force:
        return ""
    by = f"《{short_title(hit.superseded_by)}》" if hit.superseded_by else ""
    if hit.status == "已修订":
        return f"（注意：该条出自已修订的旧文本，现行规定见{by or '新修订的文本'}。）"
    return f"（注意：该文件已废止{'，由' + by + '取代' if by else ''}，请以现行规定为准。）"


def compose(question: str, picked: list[Choice], also: Sequence[Choice] = ()) -> Answer:
    mixed = len({p.hit.reach is Reach.NATIONAL for p in picked}) > 1
    lines, citations = [], []
    for n, p in enumerate(picked, 1):
        prefix = f"{whose(p.hit)}：" if mixed else ""
        suffix = f"（{p.hit.jurisdiction}）" if p.hit.jurisdiction and not mixed else ""
        ocr = OCR_NOTE if p.hit.ocr_low else ""
        lines.append(f"{prefix}{p.text}[{n}]{ocr}{suffix}{_validity_note(p.hit)}")
        citations.append(_citation(n, p))
    if also:
        refs = "".join(f"[{n}]" for n in range(len(picked) + 1, len(picked) + len(also) + 1))
        lines.append(f"另见{refs}。")
        citations += [_citation(len(picked) + i, c) for i, c in enumerate(also, 1)]
    return Answer(question=question, answer="\n".join(lines), found=True, citations=tuple(citations))


def _citation(n: int, p: Choice) -> Citation:
    h = p.hit
    return Citation(
        n=n,
        doc_id=h.doc_id,
        title=h.title,
        section=h.section,
        article=h.article,
        quote=quote_around(body_of(h), p.text),
        short_title=h.name,
        status=h.status,
        superseded_by=h.superseded_by,
        jurisdiction=h.jurisdiction,
        ocr_low=h.ocr_low,
    )


def quote_around(text: str, sentence: str, *, limit: int = QUOTE_CHARS) -> str:
    """The passage, trimmed to `limit` characters around the sentence that answers."""
    if len(text) <= limit:
        return text
    at = max(text.find(sentence.split("……")[-1]), 0)  # a list item quoted with its lead-in
    start = max(0, min(at - (limit - len(sentence)) // 2, len(text) - limit))
    body = text[start : start + limit]
    return ("…" if start > 0 else "") + body + ("…" if start + limit < len(text) else "")
