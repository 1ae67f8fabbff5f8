"""The Registry: one object per process over one SQLite file, assembled from single-purpose parts."""

from __future__ import annotations

from registry.export import ExportMixin
from registry.state import StateMixin
from registry.tokens import TokensMixin


class Registry(ExportMixin, StateMixin, TokensMixin):
    """Unions, users, key projects, competitions, activities, audit log and conversation state.

    Thread-safe within a process (one connection behind a lock) and across processes (WAL,
    busy_timeout, BEGIN IMMEDIATE for every write). Raises only RegistryError subclasses on purpose,
    each with a message in Chinese that adapters may show as it is.
    """
