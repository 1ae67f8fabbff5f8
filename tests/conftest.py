from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# a worktree outside the main checkout points GONGHUI_SHARED at the shared data
SHARED = Path(os.environ.get("GONGHUI_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent: the shared corpus and benchmark are not available here")
    return SHARED
