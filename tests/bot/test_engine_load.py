"""A small run of the concurrency benchmark (the real one is `python -m bench.engine_load`, 200 users)."""

from __future__ import annotations

from bench.engine_load import run


def test_concurrent_registrations_lose_nothing():
    result = run(users=30)
    assert result["ok"], result
    assert result["competitions"] == result["unique_reg_nos"] == 30
