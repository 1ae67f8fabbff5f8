"""Competitions registry: unions, users, key projects, competitions, activities, audit log, state."""

from registry.errors import DuplicateCompetition, InvalidValue, NotFound, PermissionDenied, RegistryError
from registry.registry import Registry

__all__ = [
    "DuplicateCompetition",
    "InvalidValue",
    "NotFound",
    "PermissionDenied",
    "Registry",
    "RegistryError",
]
