"""Application.training reads the passages from the knowledge catalogue (no embedder loaded) and sees
documents another process ingests while it runs."""

from __future__ import annotations

from service.composition import Application
from service.documents import prepare_all
from service.settings import Settings

from .conftest import SAMPLES


def test_training_sees_documents_ingested_elsewhere(tmp_path):
    settings = Settings.from_env({}, data_dir=tmp_path, embedder="none")
    first = Application(settings)
    first.knowledge.ingest(prepare_all([SAMPLES / "01_gonghuifa_2021.md"], settings))
    server = Application(settings)  # a long-running process (the API) started before the next ingest
    items = server.training.generate("工会法", article="第十一条", n=3)
    assert items and items[0].source.title == "中华人民共和国工会法"
    assert server.training.corpus.find("集体合同规定") is None
    other = Application(settings)
    other.knowledge.ingest(prepare_all([SAMPLES / "26_jitihetongguiding_2004.md"], settings))
    found = server.training.generate("集体合同规定", article="第五十三条")
    assert any(i.kind.value == "order" for i in found)
