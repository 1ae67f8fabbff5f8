"""bench/understanding.py scores what it should: right, wrong and unstated fields, intents and confusion."""

from __future__ import annotations

import json

from bench.understanding import run, same


def test_scores_on_a_small_set(tmp_path):
    rows = [
        {
            "id": "r1",
            "today": "2026-12-02",
            "text": "我们厂6月1日起搞安康杯竞赛，二百人参加",
            "fields": {"type": "安康杯", "start": "2026-06-01", "unit": "哈尔滨锅炉厂"},
        }
    ]
    (tmp_path / "registrations_x.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    )
    intents = [
        {"id": "i1", "text": "怎么用", "intent": "help"},
        {"id": "i2", "text": "导出竞赛台账", "intent": "my"},
    ]
    (tmp_path / "intents_x.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in intents))
    out = run(set_dir=tmp_path)
    reg = out["registrations"]
    # type right; start read as 2027 (next year) so wrong; unit not filled; planned filled but not in gold
    assert reg["field_accuracy"] == 1 / 3
    assert reg["filled_wrongly"] == 2 / 3  # start (differs) and planned (gold lacks it) of 3 filled
    assert out["intents"]["accuracy"] == 0.5 and out["intents"]["confusion"]["my"] == {"export": 1}


def test_long_texts_compare_by_containment():
    assert same("summary", "开了座谈会", "今天上午开了座谈会，来了三十人")
    assert not same("unit", "哈尔滨锅炉厂", "哈尔滨锅炉厂有限责任公司")


def test_a_competition_compares_as_its_type_word_or_its_name_as_said():
    assert same("competition", "五创竞赛", "五创")
    assert same("competition", "安康杯", "安康杯竞赛")
    assert not same("competition", "五创劳动竞赛", "五创")
    assert not same("competition", "电焊工技能比武", "技术比武")
    assert not same("type", "五创竞赛", "五创")  # only the activity's competition
