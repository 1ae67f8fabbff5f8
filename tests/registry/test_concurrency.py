from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from registry import Registry
from tests.registry.conftest import competition


def _hammer(registries: list[Registry], n: int) -> list[str]:
    admin = registries[0].ensure_local_admin()
    barrier = threading.Barrier(n)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def one(i: int) -> None:
        registry = registries[i % len(registries)]
        barrier.wait()
        try:
            year = 2026 + i % 2
            data = competition(name=f"竞赛{i}", start=dt.date(year, 6, 1), end=dt.date(year, 9, 1))
            numbers.append(registry.register_competition(data, by=admin).reg_no)
        except BaseException as exc:  # collected: a thread's exception would otherwise vanish
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return numbers


def _check(numbers: list[str], registry: Registry, n: int) -> None:
    assert len(numbers) == n and len(set(numbers)) == n
    for year in (2026, 2027):
        mine = sorted(x for x in numbers if x.startswith(f"JS-{year}-"))
        assert mine == [f"JS-{year}-{k:04d}" for k in range(1, n // 2 + 1)]  # no gaps, no reuse
    assert len(registry.competitions(user=registry.ensure_local_admin())) == n


def test_200_threads_on_one_registry_lose_nothing(tmp_path: Path):
    registry = Registry(tmp_path / "r.db", attachments_dir=tmp_path / "a")
    _check(_hammer([registry], 200), registry, 200)


def test_200_threads_over_separate_connections_lose_nothing(tmp_path: Path):
    # separate Registry objects have separate connections: what several processes sharing the file do
    registries = [Registry(tmp_path / "r.db", attachments_dir=tmp_path / "a") for _ in range(8)]
    numbers = _hammer(registries, 200)
    _check(numbers, Registry(tmp_path / "r.db", attachments_dir=tmp_path / "a"), 200)
