"""A small smoke run of the benchmarks (the real runs are `./run bench`, not part of CI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.mark.shared
def test_cadre_benchmark_runs_end_to_end(shared_dir, tmp_path):
    env = {**os.environ, "GONGHUI_BENCH_OUT": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "cadre", "--embedder", "none"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "answer_hit_rate" in proc.stdout
    result = json.loads((tmp_path / "cadre-none.json").read_text(encoding="utf-8"))
    assert result["questions_in_scope"] >= 40 and result["questions_out_of_scope"] >= 5
    # BM25 alone finds most gold passages: a broken ingest or index would not
    assert result["hit@5"] > 0.6
    for key in ("heldout", "blind"):
        other = json.loads((tmp_path / f"cadre-{key}-none.json").read_text(encoding="utf-8"))
        assert other["questions_in_scope"] >= 20 and other["hit@5"] > 0.4, key


@pytest.mark.shared
def test_adapter_study_runs_end_to_end(shared_dir, tmp_path):
    pytest.importorskip("torch", reason="the adapter study needs torch (extra st-test)")
    env = {**os.environ, "GONGHUI_BENCH_OUT": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "adapter", "--embedder", "hash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    splits = json.loads((tmp_path / "adapter-study.json").read_text(encoding="utf-8"))["splits"]
    assert set(splits) == {"train", "dev", "dev, gold seen in train", "dev, gold never in train"}
    assert splits["dev"]["n"] == 308
    # the adapter does learn its training questions (the point of the study is what it learns)
    assert splits["train"]["adapter"] > splits["train"]["plain"] + 0.1


@pytest.mark.shared
def test_answers_benchmark_runs_before_and_after_side_by_side(shared_dir, tmp_path):
    env = {**os.environ, "GONGHUI_BENCH_OUT": str(tmp_path)}
    questions = "bench/data/cadre_questions.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "answers", "--embedder", "none", "--questions", questions],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "answer length, median" in proc.stdout and "before" in proc.stdout
    result = json.loads((tmp_path / "answers-none.json").read_text(encoding="utf-8"))["cadre_questions"]
    before, after = result["before"], result["after"]
    assert after["answered"] > 0 and before["answered"] > 0
    # what the composer guarantees, whatever the retrieval: short names, whole sentences, no heading twice
    assert after["long_title_share"] == 0 and after["cut_sentences"] == 0 and after["repeated_headings"] == 0
    assert before["long_title_share"] > 0  # the baseline still named documents by their full titles


def test_followups_benchmark_runs_end_to_end(shared_dir, tmp_path):
    env = {**os.environ, "GONGHUI_BENCH_OUT": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "followups", "--embedder", "none"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "with history" in proc.stdout and "Cross-paired switches" in proc.stdout
    result = json.loads((tmp_path / "followups-followups_tuning-none.json").read_text(encoding="utf-8"))
    follow, switch = result["followup"], result["switch"]
    assert follow["dialogues"] >= 30 and switch["dialogues"] >= 10
    # the history helps follow-ups even with BM25 alone, and no switch is rewritten
    assert follow["hit@5_history"] > follow["hit@5_bare"] + 0.2
    assert switch["rewritten"] == 0 and switch["lost"] == []


def test_quiz_benchmark_writes_its_review_sample(tmp_path):
    # the shipped samples alone when ../shared is absent; with it the whole corpus (about 15 s)
    env = {**os.environ, "GONGHUI_BENCH_OUT": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "quiz"], capture_output=True, text=True, env=env, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "per 100 items" in proc.stdout
    result = json.loads((tmp_path / "quiz.json").read_text(encoding="utf-8"))
    # 150 over the shared corpus (41 documents) after the review rounds' rules; far fewer from the samples
    assert result["items"] > (120 if result["documents"] > 10 else 20)
    assert result["failing_second_check"] == 0
    assert all(result["per_kind"][k] > 0 for k in ("cloze", "judge", "choice", "order"))
    lines = (tmp_path / "quiz_review_sample.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 60
    assert set(json.loads(lines[0])) == {"id", "kind", "question", "options", "answer", "source"}
