"""Constants shared by the ingest tests (a uniquely named module: tests/ has no packages)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "knowledge" / "samples" / "harbin_2020_labour_competition_notice.txt"
SEED_TITLE = "哈尔滨市总工会办公室关于印发黄玉生同志在全市劳动和技能竞赛动员会议上讲话的通知"
