"""Registry errors. Each carries its `code`, HTTP `status` and Chinese `message`, so every adapter
translates it once (CLI line, JSON envelope, chat reply) without parsing the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from registry.model import Competition


class RegistryError(Exception):
    """Base of every error the registry raises on purpose."""

    code = "refused"
    status = 400
    default = "登记库拒绝了这个操作。"

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        self.message = message or self.default
        self.field = field
        super().__init__(self.message)

    def details(self) -> dict[str, object]:
        """Extra machine-readable facts for the API envelope (e.g. the existing registration number)."""
        return {}


class InvalidValue(RegistryError):
    """One field's value is not acceptable; `message` says why, in Chinese."""

    code = "invalid"
    status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


class DuplicateCompetition(RegistryError):
    code = "duplicate"
    status = 409

    def __init__(self, existing: Competition) -> None:
        super().__init__(f"已有同一单位、同名、同一开始日期的竞赛：{existing.reg_no}。")
        self.existing = existing

    def details(self) -> dict[str, object]:
        return {"reg_no": self.existing.reg_no}


class NotFound(RegistryError):
    code = "not_found"
    status = 404
    default = "没有找到这条记录。"


class PermissionDenied(RegistryError):
    code = "forbidden"
    status = 403
    default = "您没有执行这个操作的权限。"
