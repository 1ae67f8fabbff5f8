"""Editing a recorded activity: checked like a new record, scoped like every read, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from registry.errors import InvalidValue, NotFound, PermissionDenied

from .conftest import competition


@pytest.fixture
def activity(reg):
    by = reg.get_user("songbei")
    return reg.record_activity(
        {
            "kind": "动员会",
            "date": dt.date(2026, 6, 1),
            "place": "会议室",
            "participants": 80,
            "summary": "誓师",
        },
        by=by,
    )


def test_a_field_is_changed_checked_and_audited(reg, activity):
    by = reg.get_user("songbei")
    updated = reg.update_activity(activity.id, field="participants", value="120", by=by)
    assert updated.participants == 120
    updated = reg.update_activity(activity.id, field="date", value="2026-06-03", by=by)
    assert updated.date == dt.date(2026, 6, 3)
    entries = [(e["field"], e["old"], e["new"]) for e in reg.audit_log(record=f"activity:{activity.id}")]
    assert entries[-2:] == [("participants", "80", "120"), ("date", "2026-06-01", "2026-06-03")]
    # the same value again changes and logs nothing
    reg.update_activity(activity.id, field="place", value="会议室", by=by)
    assert len(reg.audit_log(record=f"activity:{activity.id}")) == len(entries)
    # and the change is on disk, not only in the returned record
    assert reg.activity(activity.id, user=by).participants == 120


def test_bad_values_are_refused_in_chinese_and_nothing_changes(reg, activity):
    by = reg.get_user("songbei")
    with pytest.raises(InvalidValue, match="参加人数"):
        reg.update_activity(activity.id, field="participants", value="很多", by=by)
    with pytest.raises(InvalidValue, match="请填写活动地点"):
        reg.update_activity(activity.id, field="place", value=" ", by=by)
    with pytest.raises(InvalidValue, match="其他活动形式"):
        reg.update_activity(activity.id, field="kind", value="其他", by=by)
    with pytest.raises(InvalidValue, match="不是可以修改"):
        reg.update_activity(activity.id, field="recorded_by", value=1, by=by)
    assert reg.activity(activity.id, user=by) == activity


def test_describing_another_form_switches_the_kind(reg, activity):
    by = reg.get_user("songbei")
    updated = reg.update_activity(activity.id, field="kind_other", value="职工健步走", by=by)
    assert (updated.kind, updated.kind_other) == ("其他", "职工健步走")
    updated = reg.update_activity(activity.id, field="kind", value="座谈会", by=by)
    assert (updated.kind, updated.kind_other) == ("座谈会", None)


def test_scope_and_roles(reg, activity):
    with pytest.raises(PermissionDenied):
        reg.update_activity(activity.id, field="place", value="礼堂", by=reg.get_user("daoli"))
    with pytest.raises(PermissionDenied):
        reg.update_activity(activity.id, field="place", value="礼堂", by=reg.get_user("viewer"))
    with pytest.raises(NotFound):
        reg.update_activity(9999, field="place", value="礼堂", by=reg.get_user("songbei"))
    with pytest.raises(PermissionDenied):
        reg.activity(activity.id, user=reg.get_user("daoli"))


def test_linking_a_competition_gives_the_record_to_its_owner(reg, activity):
    by = reg.get_user("songbei")
    comp = reg.register_competition(competition(union_name="哈尔滨电机厂有限责任公司工会"), by=by)
    updated = reg.update_activity(activity.id, field="competition_id", value=comp.reg_no, by=by)
    assert updated.competition_id == comp.id
    # the factory's cadre now sees it, as if it had been recorded under that competition
    assert reg.activity(activity.id, user=reg.get_user("factory")).id == activity.id
    unlinked = reg.update_activity(activity.id, field="competition_id", value="", by=by)
    assert unlinked.competition_id is None


def test_files_are_added_later_all_or_none_and_audited(reg, activity, tmp_path):
    by = reg.get_user("songbei")
    updated = reg.add_attachments(activity.id, [("现场.jpg", b"\xff\xd8jpeg"), ("签到表.xlsx", b"PK")], by=by)
    assert [a.filename for a in updated.attachments] == ["现场.jpg", "签到表.xlsx"]
    assert reg.attachment_path(updated.attachments[0].path).read_bytes() == b"\xff\xd8jpeg"
    assert [e["new"] for e in reg.audit_log(record=f"activity:{activity.id}") if e["action"] == "attach"] == [
        "现场.jpg",
        "签到表.xlsx",
    ]
    limits = reg.limits
    with pytest.raises(InvalidValue, match=f"一次最多上传 {limits.files_per_upload} 个"):
        reg.add_attachments(
            activity.id, [(f"{i}.jpg", b"x") for i in range(limits.files_per_upload + 1)], by=by
        )
    room = limits.files_per_activity - 2
    while room > 0:  # fill the activity up to its lifetime limit, in batches the upload limit allows
        batch = min(room, limits.files_per_upload)
        reg.add_attachments(activity.id, [(f"{room}-{i}.jpg", b"x") for i in range(batch)], by=by)
        room -= batch
    with pytest.raises(InvalidValue, match=f"每条活动最多 {limits.files_per_activity} 个附件"):
        reg.add_attachments(activity.id, [("one-more.jpg", b"x"), ("and.jpg", b"x")], by=by)
    kept = reg.activity(activity.id, user=by).attachments
    assert len(kept) == limits.files_per_activity  # nothing of the refused batches
    assert len(list((tmp_path / "attachments" / str(activity.id)).iterdir())) == len(kept)  # no orphan files
    with pytest.raises(InvalidValue):
        reg.add_attachments(activity.id, [], by=by)
    with pytest.raises(PermissionDenied):
        reg.add_attachments(activity.id, [("a.jpg", b"x")], by=reg.get_user("daoli"))
    with pytest.raises(PermissionDenied):
        reg.add_attachments(activity.id, [("a.jpg", b"x")], by=reg.get_user("viewer"))


def test_a_wrong_photo_is_removed_with_its_file_and_the_audit_keeps_its_trace(reg, activity):
    by = reg.get_user("songbei")
    act = reg.add_attachments(activity.id, [("错的.jpg", b"wrong"), ("对的.jpg", b"right")], by=by)
    wrong = act.attachments[0]
    with pytest.raises(PermissionDenied):
        reg.remove_attachment(wrong.id, by=reg.get_user("daoli"))
    after = reg.remove_attachment(wrong.id, by=by)
    assert [a.filename for a in after.attachments] == ["对的.jpg"]
    assert not reg.attachment_path(wrong.path).exists()
    [entry] = [e for e in reg.audit_log(record=f"activity:{activity.id}") if e["action"] == "detach"]
    assert entry["old"].startswith("错的.jpg（sha256 ")
    with pytest.raises(NotFound):
        reg.remove_attachment(wrong.id, by=by)


def test_safe_filenames_keep_their_extension_and_fit_the_file_system():
    from registry.text import safe_filename

    long_chinese = safe_filename("关于" + "开展劳动竞赛" * 40 + "的通知.docx")
    assert long_chinese.endswith("的通知.docx") is False and long_chinese.endswith(".docx")
    assert len(long_chinese.encode()) <= 180 and len(long_chinese) <= 120
    assert safe_filename("../../照片.jpg") == "照片.jpg" and safe_filename("a<b>:c?.pdf") == "a_b_c_.pdf"
    assert safe_filename("...") == "附件" and safe_filename("") == "附件"
