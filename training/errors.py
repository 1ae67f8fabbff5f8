"""Training errors: registry errors (code, HTTP status, Chinese message), so every adapter that already
translates a RegistryError shows these the same way."""

from __future__ import annotations

from registry.errors import InvalidValue, NotFound, PermissionDenied, RegistryError


class TrainingError(RegistryError):
    code = "training"
    default = "培训操作未能完成。"


class CourseNotFound(NotFound):
    default = "没有找到这门课程。"


class ItemNotFound(NotFound):
    default = "没有找到这道题。"


class BadInviteCode(TrainingError):
    code = "bad_invite"
    status = 404
    default = "邀请码无效，或课程尚未发布。请向培训师核对邀请码。"


class NotEnrolled(TrainingError):
    code = "not_enrolled"
    status = 403
    default = "您还没有加入这门课程，请先用邀请码报名。"


class NotPublishable(TrainingError):
    code = "not_publishable"
    status = 409


class ItemRejected(InvalidValue):
    """An edited or proposed item failed verification against its source."""


__all__ = [
    "BadInviteCode",
    "CourseNotFound",
    "InvalidValue",
    "ItemNotFound",
    "ItemRejected",
    "NotEnrolled",
    "NotFound",
    "NotPublishable",
    "PermissionDenied",
    "TrainingError",
]
