"""Imports run one way: gonghui → api → service → bot → knowledge, registry → ingest; channels stay in
adapters. `service` is the composition root both the CLI and the API use."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "ingest": {
        "knowledge",
        "registry",
        "bot",
        "api",
        "gonghui",
        "service",
        "chromadb",
        "sqlite_utils",
        "telegram",
        "fastapi",
        "training",
    },
    "knowledge": {"training", "registry", "bot", "service", "api", "gonghui", "telegram", "fastapi"},
    "registry": {"training", "knowledge", "bot", "service", "api", "gonghui", "telegram", "fastapi"},
    "bot": {"service", "api", "gonghui", "telegram", "fastapi"},
    "service": {"api", "gonghui", "telegram", "fastapi"},
    "api": {"gonghui"},
    "training": {"bot", "service", "api", "gonghui", "telegram", "fastapi"},
}
ADAPTERS = {"bot/telegram_adapter.py": {"telegram"}}


def imported_roots(path: Path) -> set[str]:
    """Top-level packages a module imports at run time (imports for type checking only do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for n in ast.walk(stmt)
    }
    roots = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_run_one_way(package):
    offenders = []
    for path in sorted((REPO / package).rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        allowed = ADAPTERS.get(rel, set())
        bad = (imported_roots(path) & FORBIDDEN[package]) - allowed
        if bad:
            offenders.append(f"{rel}: {sorted(bad)}")
    assert not offenders, offenders


PRODUCT = ("ingest", "knowledge", "registry", "training", "bot", "service", "api", "gonghui")
MAX_LINES = 400


def test_no_product_file_over_400_lines():
    """Small modules with one job: a product file past 400 lines is split along its seams."""
    sizes = {
        path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for package in PRODUCT
        for path in (REPO / package).rglob("*.py")
    }
    assert len(sizes) > 50  # the walk found the packages
    over = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not over, over
