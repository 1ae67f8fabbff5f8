"""Pydantic models of the HTTP edge (requests and the documented responses). Field descriptions are
Chinese because they show on the OpenAPI page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, create_model
from pydantic_core import PydanticCustomError

from api.params import BodyId, DatePrefix, Reference
from registry.validation import LABELS

Scalar = str | int | float | None


def _present(value: object, info: ValidationInfo) -> object:
    # the registry's required fields: null is refused here, so the schema can say "not nullable"
    if value is None:
        label = LABELS.get(info.field_name or "", info.field_name)
        raise PydanticCustomError("required_value", "为必填项（{label}）", {"label": label})
    return value


Present = Annotated[str | int | float, BeforeValidator(_present)]


def optional_copy(model: type[BaseModel], name: str, doc: str) -> type[BaseModel]:
    """The PATCH twin of a registration model: the same fields and checks, every one optional."""
    fields: dict[str, Any] = {}
    for key, info in model.model_fields.items():
        kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[key] = (kind, Field(None, description=info.description))
    return create_model(name, __doc__=doc, __config__=model.model_config, **fields)


class ErrorBody(BaseModel):
    code: str = Field(description="机器可读的错误代码，如 unauthorized、forbidden、not_found、invalid")
    message: str = Field(description="中文说明，可直接展示给用户")
    field: str | None = Field(None, description="出错的字段（校验错误时）")


class ErrorEnvelope(BaseModel):
    ok: bool = Field(False, description="总是 false")
    error: ErrorBody


# -- knowledge -------------------------------------------------------------------------------------
class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc_types: list[Annotated[str, Field(max_length=50)]] | None = Field(
        None, max_length=50, description='只在这些文档类型中查找，如 ["法律", "通知"]'
    )
    doc_ids: list[BodyId] | None = Field(None, max_length=500, description="只在这些文档编号中查找")
    date_from: DatePrefix | None = Field(None, description="发文日期不早于，如 2020 或 2020-05-01")
    date_to: DatePrefix | None = Field(None, description="发文日期不晚于，如 2021-12")


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=500, description="问题，如：工会经费有哪些来源？")
    filters: FiltersIn | None = Field(None, description="可选的文档筛选条件")
    stream: bool = Field(
        False,
        strict=True,
        description="为 true 时以 text/event-stream（SSE）逐步返回：若干 `delta` 事件 `{text}`（追加显示的文字），"
        "最后一个 `final` 事件为与非流式相同结构的完整回答（已核验，以它为准替换已显示的文字）",
    )
    history: list[Annotated[str, Field(max_length=500)]] = Field(
        default_factory=list,
        max_length=10,
        description="同一对话中之前的问题（从早到晚，最多 10 个，每个最多 500 字）；追问（如“那女职工呢？”）"
        "据此改写成完整的问题再检索",
    )


class CitationOut(BaseModel):
    n: int = Field(description="引用编号，对应回答中的 [n]")
    doc_id: int
    title: str = Field(description="文件标题")
    section: str = Field(description="章节路径")
    article: str | None = Field(None, description="条款，如 第四十三条")
    quote: str = Field(description="原文")
    short_title: str | None = Field(None, description="文件简称，如 工会法")
    label: str | None = Field(None, description="引用的写法，如 《工会法》第四十三条")
    status: str | None = Field(None, description="效力状态：现行有效 / 已修订 / 已废止")
    superseded_by: str | None = Field(None, description="取代它的文件（已修订或已废止时）")
    jurisdiction: str | None = Field(None, description="外地规定的说明，如 上海市地方性法规")


class HitOut(BaseModel):
    doc_id: int
    title: str
    section: str
    article: str | None = None
    text: str = Field(description="段落原文")
    score: float = Field(description="相关度得分")
    short_title: str | None = Field(None, description="文件简称")
    status: str | None = Field(None, description="效力状态：现行有效 / 已修订 / 已废止")
    superseded_by: str | None = Field(None, description="取代它的文件（已修订或已废止时）")


class AskOut(BaseModel):
    answer: str = Field(description="带编号引用的回答；文件中没有依据时如实说明")
    found: bool = Field(description="是否在文档中找到了依据")
    citations: list[CitationOut]
    closest: list[HitOut] = Field(description="没有找到依据时最接近的段落")
    standalone: str = Field(description="问题被理解成的完整问题；不是追问时与 question 相同")


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class OcrPageOut(BaseModel):
    page: int = Field(description="页码（从 1 起）")
    confidence: float | None = Field(None, description="识别置信度 0–1")
    low: bool = Field(False, description="置信度低于 GONGHUI_OCR_MIN_CONFIDENCE")


class JobOut(BaseModel):
    id: str = Field(description="任务编号，用于查询进度")
    kind: str = Field(description="ingest（导入）或 reindex（重建索引）")
    filename: str | None = None
    status: str = Field(description="queued / running / done / failed")
    status_name: str = Field(description="状态的中文名称：排队中 / 处理中 / 已完成 / 失败")
    reason: str | None = Field(None, description="失败原因（中文）")
    outcome: str | None = Field(None, description="导入结果：added 新增 / replaced 更新 / unchanged 未变化")
    doc_id: int | None = None
    title: str | None = None
    chunks: int | None = None
    documents: int | None = Field(None, description="重建索引的文档数")
    pages_done: int | None = Field(None, description="扫描件：已 OCR 识别的页数")
    pages_total: int | None = Field(None, description="扫描件：需要 OCR 识别的页数")
    ocr_pages: list[OcrPageOut] = Field(
        default_factory=list, description="扫描件逐页识别结果：页码、置信度、是否偏低（偏低的页请核对原件）"
    )
    chunks_done: int | None = Field(None, description="已存入索引的段落数")
    chunks_total: int | None = Field(None, description="文档的段落总数（解析完成后才知道）")
    attempts: int = Field(0, description="已开始处理的次数；中断两次的任务不再自动重试")
    user: str | None = None
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None


class DocumentEditIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    short_title: str | None = Field(None, description="回答中使用的简称；空字符串恢复自动生成的简称")
    in_force_from: str | None = Field(None, description="施行日期，如 2022-01-01")
    superseded_by: str | None = Field(None, description="已被哪个文件取代（标题）；空字符串表示没有")
    status: str | None = Field(None, description="效力状态：现行有效、已修订或已废止；空字符串恢复自动判断")


class ReindexIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lexical_only: bool = Field(False, strict=True, description="只重建关键词索引（更新词典后使用，很快）")


# -- registry --------------------------------------------------------------------------------------
class CompetitionIn(BaseModel):
    """竞赛登记项；取值由登记库校验（日期可写 2026-06-01 或 2026年6月1日，人数可写 1200）。"""

    model_config = ConfigDict(extra="forbid")
    name: Present = Field(description="竞赛名称（必填）")
    type: Present = Field(description="竞赛类型（必填）：安康杯、五小、六比一创、三保一促、五创、……、其他")
    type_other: Scalar = Field(None, description="其他竞赛形式（类型为“其他”时填写）")
    level: Scalar = Field(None, description="竞赛级别：市级、区县级、企业级……")
    union_name: Present = Field(description="主办工会（必填）")
    unit: Present = Field(description="参赛单位（必填）")
    ownership: Present = Field(description="单位性质（必填）：公有 或 非公")
    industry: Scalar = Field(None, description="所属行业")
    project_id: Reference | None = Field(None, description="关联重点项目（名称或编号）")
    start: Present = Field(description="开始日期（必填）")
    end: Present = Field(description="结束日期（必填）")
    planned: Present = Field(description="计划参赛职工数（必填）")
    total: Present = Field(description="单位职工总数（必填）")
    contact: Present = Field(description="联系人（必填）")
    phone: Present = Field(description="联系电话（必填）")
    description: Scalar = Field(None, description="竞赛简介")


if TYPE_CHECKING:  # made at import time; to the checker a model like any other
    CompetitionPatch = BaseModel
else:
    CompetitionPatch = optional_copy(
        CompetitionIn,
        "CompetitionPatch",
        "只提交要修改的登记项；每项修改都写入修改记录（谁、字段、旧值 → 新值）。",
    )


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: str = Field(
        description="新状态：草稿、已登记、进行中、已结束、已表彰（只能向后推进，管理员除外）"
    )


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Present = Field(description="活动形式（必填）：动员会、座谈会、启动会、倡议书、宣传、培训……")
    kind_other: Scalar = Field(None, description="其他活动形式（形式为“其他”时填写）")
    date: Present = Field(description="活动日期（必填）")
    place: Present = Field(description="活动地点（必填）")
    organiser: Scalar = Field(None, description="组织单位（默认为关联竞赛的主办工会或本人所在工会）")
    participants: Present = Field(description="参加人数（必填）")
    summary: Present = Field(description="活动内容（必填）")
    competition_id: Reference | None = Field(None, description="关联竞赛（登记编号或编号）")


if TYPE_CHECKING:  # made at import time; to the checker a model like any other
    ActivityPatch = BaseModel
else:
    ActivityPatch = optional_copy(
        ActivityIn, "ActivityPatch", "只提交要修改的登记项；每项修改都写入修改记录（谁、字段、旧值 → 新值）。"
    )


class Page(BaseModel):
    total: int = Field(description="符合条件的总数")
    limit: int
    offset: int
    items: list[dict[str, Any]]


# -- chat ------------------------------------------------------------------------------------------
class ChatFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filename: str = Field(description="文件名")
    content_base64: str = Field(description="文件内容（base64）")
    mime: str = Field("", description="MIME 类型")


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session: str = Field(
        "default",
        max_length=64,
        pattern=r"^[\w.-]+$",
        description="会话名（同一用户可有多个并行会话，如每个浏览器标签一个）；默认 default",
    )
    text: str | None = Field(None, max_length=2000, description="输入的文字或命令，如 /register")
    choice: str | None = Field(None, max_length=200, description="按下的按钮的 value")
    file: ChatFileIn | None = Field(None, description="发送的照片或文件（记录活动时）")


class ButtonOut(BaseModel):
    label: str = Field(description="按钮文字")
    value: str = Field(description="按下时作为 choice 发回")


class FileOut(BaseModel):
    filename: str
    mime: str
    size: int
    content_base64: str


class ReplyOut(BaseModel):
    text: str
    buttons: list[ButtonOut]
    file: FileOut | None = None
    extra: dict[str, Any] = Field(
        default_factory=dict, description="附加信息，如回答的引用 citations、登记编号 reg_no"
    )


class ChatOut(BaseModel):
    session: str
    replies: list[ReplyOut]
