"""Request bodies of /api/v1/courses (pydantic at the edge only; the service validates the rest)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.params import MAX_ID


class CourseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=100, description="课程名称，如 非公企业工会干部入门")
    parts: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="课时来源，每项为“文件 [部分]”：工会法 第二章、集体合同规定、工会法 第十一条",
    )
    description: str = Field("", max_length=1000, description="课程简介")
    pass_mark: int | None = Field(None, ge=0, le=100, description="及格分（百分制），默认 80")


class LessonsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    parts: list[str] = Field(min_length=1, max_length=50, description="追加的课时来源，格式同上")


class ItemIdsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        min_length=1, max_length=1000, description="题目编号"
    )


class EnrolIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=32, description="课程邀请码")
    enterprise: str | None = Field(None, max_length=60, description="所在企业")
    union: str | None = Field(None, max_length=60, description="所属工会")


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    item_id: int = Field(ge=1, le=MAX_ID, description="题目编号（来自 next）")
    answer: str | bool | list[str] = Field(
        description="填空/单选：文字；判断：true/false 或 对/错；排序：步骤列表或“2 1 3”"
    )
