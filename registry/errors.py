"""Registry errors; messages are Chinese because adapters show them to users as they are."""

from __future__ import annotations


class RegistryError(Exception):
    """Base of every error the registry raises on purpose."""


class InvalidValue(RegistryError):
    """One field's value is not acceptable; `message` says why, in Chinese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class DuplicateCompetition(RegistryError):
    def __init__(self, existing: object) -> None:
        reg_no = getattr(existing, "reg_no", "")
        super().__init__(f"已有同一单位、同名、同一开始日期的竞赛：{reg_no}。")
        self.existing = existing


class NotFound(RegistryError):
    pass


class PermissionDenied(RegistryError):
    pass
