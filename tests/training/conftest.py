from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry import Registry
from training.corpus import Corpus
from training.service import TrainingService

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples"


@pytest.fixture(scope="session")
def sample_corpus() -> Corpus:
    return Corpus.from_files(sorted(SAMPLES.iterdir()))


class Clock:
    """A clock the test moves: attempts and certificates get distinct, known times."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def registry(tmp_path) -> Registry:
    reg = Registry(tmp_path / "registry.db", attachments_dir=tmp_path / "attachments")
    reg.add_union("哈尔滨市总工会")
    reg.add_union("松北区总工会", parent="哈尔滨市总工会")
    return reg


@pytest.fixture
def people(registry):
    return {
        "admin": registry.add_user("admin1", display_name="管理员", role="admin"),
        "zhang": registry.add_user("zhang", display_name="张老师", role="trainer"),
        "wang": registry.add_user("wang", display_name="王老师", role="trainer"),
        "li": registry.add_user("li", display_name="李明", role="trainee"),
        "zhao": registry.add_user("zhao", display_name="赵红", role="trainee", union="松北区总工会"),
        "viewer": registry.add_user("kan", display_name="只读", role="viewer"),
    }


def open_service(tmp_path: Path, registry: Registry, corpus: Corpus) -> TrainingService:
    return TrainingService(tmp_path / "training.db", registry=registry, corpus=lambda: corpus, clock=Clock())


@pytest.fixture
def service(tmp_path, registry, sample_corpus) -> TrainingService:
    svc = open_service(tmp_path, registry, sample_corpus)
    yield svc
    svc.close()


@pytest.fixture
def published(service, people):
    """A published two-lesson course of 张老师, every generated item approved."""
    course = service.create_course(
        people["zhang"], "建会与经费", parts=["工会法 第二章", "工会法 第四十三条"]
    )
    service.approve(people["zhang"], [i.id for i in service.items(people["zhang"], course.id)])
    return service.publish(people["zhang"], course.id)
