"""The web console: server-rendered Chinese pages (Jinja2 + a vendored htmx) over the same registry,
knowledge base and conversation engine as the API, logged in with the same API tokens (in a cookie)."""

from __future__ import annotations

from fastapi import APIRouter

from api.web import activity_pages, competition_pages, pages, report_pages, training_pages
from api.web.common import STATIC_DIR

router = APIRouter()
router.include_router(pages.router)
router.include_router(competition_pages.router)
router.include_router(activity_pages.router)
router.include_router(report_pages.router)
router.include_router(training_pages.router)

__all__ = ["STATIC_DIR", "router"]
