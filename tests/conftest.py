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


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """A font with Chinese glyphs for certificates (`./run test` installs fonts-wqy-microhei as root)."""
    from training.certificate import find_font
    from training.errors import TrainingError

    try:
        return find_font("")
    except TrainingError as exc:
        pytest.skip(f"no Chinese font for the certificate PDF: {exc}")
