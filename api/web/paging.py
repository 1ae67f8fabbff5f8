"""Paged console lists (竞赛, 活动): the page size, the registry's limit/offset for a page number, and the
previous/next links that keep the chosen filters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

PAGE_SIZE = 20


@dataclass(frozen=True)
class Paging:
    page: int
    pages: int
    links: dict[str, str | None]


def window(page: int) -> tuple[int, int, int]:
    """(page, limit, offset) of a 1-based page number; anything below 1 is the first page."""
    page = max(page, 1)
    return page, PAGE_SIZE, (page - 1) * PAGE_SIZE


def paging(path: str, query: dict[str, str], page: int, total: int) -> Paging:
    pages = max(1, -(-total // PAGE_SIZE))
    links = {
        "prev": f"{path}?{urlencode(query | {'page': page - 1})}" if page > 1 else None,
        "next": f"{path}?{urlencode(query | {'page': page + 1})}" if page < pages else None,
    }
    return Paging(page, pages, links)
