from __future__ import annotations

import datetime as dt

import pytest

from registry import DuplicateCompetition, InvalidValue, Registry
from tests.registry.conftest import competition


def test_registration_numbers_follow_the_start_year_and_never_repeat(reg: Registry):
    admin = reg.ensure_local_admin()
    a = reg.register_competition(competition(name="甲"), by=admin)
    b = reg.register_competition(competition(name="乙"), by=admin)
    c = reg.register_competition(
        competition(name="丙", start=dt.date(2027, 1, 5), end=dt.date(2027, 3, 1)), by=admin
    )
    assert (a.reg_no, b.reg_no, c.reg_no) == ("JS-2026-0001", "JS-2026-0002", "JS-2027-0001")
    assert a.status == "已登记" and a.created_by == admin.id


def test_duplicate_registration_carries_the_existing_record(reg: Registry):
    admin = reg.ensure_local_admin()
    first = reg.register_competition(competition(), by=admin)
    # same unit + name + start, typed with different spacing and full-width characters
    with pytest.raises(DuplicateCompetition) as err:
        reg.register_competition(competition(unit=" 中建八局 黑龙江分公司", contact="另一人"), by=admin)
    assert err.value.existing == first
    assert first.reg_no in str(err.value)
    assert reg.find_duplicate(unit="中建八局黑龙江分公司", name=first.name, start=first.start) == first
    # another start date is another competition
    reg.register_competition(competition(start=dt.date(2026, 7, 1)), by=admin)
    assert len(reg.competitions(user=admin)) == 2


def test_whole_record_validation_names_the_missing_field(reg: Registry):
    admin = reg.ensure_local_admin()
    with pytest.raises(InvalidValue) as err:
        reg.register_competition(competition(phone=None), by=admin)
    assert err.value.field == "phone" and "请填写联系电话" in err.value.message
    with pytest.raises(InvalidValue) as err:
        reg.register_competition(competition(type="其他"), by=admin)
    assert err.value.field == "type_other"
    other = reg.register_competition(competition(type="其他", type_other="职工创新大赛"), by=admin)
    assert (other.type, other.type_other) == ("其他", "职工创新大赛")
    assert reg.competitions(user=admin) == [other]  # the failed attempts left nothing behind


def test_known_union_is_linked_unknown_one_kept_for_reconciliation(reg: Registry):
    admin = reg.ensure_local_admin()
    linked = reg.register_competition(competition(union_name="松北区工会"), by=admin)
    assert linked.union_id == reg.find_union("松北区总工会").id and linked.union_name == "松北区工会"
    typed = reg.register_competition(competition(name="乙", union_name="哈尔滨新区临空工会"), by=admin)
    assert typed.union_id is None and typed.union_name == "哈尔滨新区临空工会"
    assert reg.unreconciled() == [typed]
    reg.add_union("哈尔滨新区临空工会", parent="松北区总工会")
    assert reg.reconcile_union("哈尔滨新区临空工会", union="哈尔滨新区临空工会", by=admin) == 1
    assert reg.unreconciled() == []


def test_update_writes_the_audit_log(reg: Registry):
    cadre = reg.get_user("songbei")
    c = reg.register_competition(competition(), by=cadre)
    updated = reg.update_competition(c.reg_no, field="phone", value="(0451)84611234", by=cadre)
    assert updated.phone == "0451-84611234"
    reg.update_competition(c.id, field="end", value=dt.date(2026, 11, 30), by=cadre)
    with pytest.raises(InvalidValue, match="早于开始日期"):
        reg.update_competition(c.id, field="end", value=dt.date(2026, 1, 1), by=cadre)
    with pytest.raises(InvalidValue, match="不能多于"):
        reg.update_competition(c.id, field="planned", value=301, by=cadre)
    log = reg.audit_log(record=c.reg_no)
    assert [(e["action"], e["field"], e["old"], e["new"]) for e in log] == [
        ("create", "status", None, "已登记"),
        ("update", "phone", "13812345678", "0451-84611234"),
        ("update", "end", "2026-10-31", "2026-11-30"),
    ]
    assert all(e["user_name"] == "songbei" and e["at"] for e in log)
    assert reg.audit_log(record=str(c.id)) == log


def test_type_other_and_type_stay_consistent_on_update(reg: Registry):
    admin = reg.ensure_local_admin()
    c = reg.register_competition(competition(), by=admin)
    with pytest.raises(InvalidValue) as err:
        reg.update_competition(c.id, field="type", value="其他", by=admin)
    assert err.value.field == "type_other"
    c = reg.update_competition(c.id, field="type_other", value="班组擂台赛", by=admin)
    assert (c.type, c.type_other) == ("其他", "班组擂台赛")
    c = reg.update_competition(c.id, field="type", value="五创", by=admin)
    assert (c.type, c.type_other) == ("五创", None)


def test_update_cannot_create_a_duplicate(reg: Registry):
    admin = reg.ensure_local_admin()
    first = reg.register_competition(competition(), by=admin)
    second = reg.register_competition(competition(name="乙"), by=admin)
    with pytest.raises(DuplicateCompetition) as err:
        reg.update_competition(second.id, field="name", value=first.name, by=admin)
    assert err.value.existing.id == first.id


def test_status_moves_forward_only_except_for_admins(reg: Registry):
    cadre, admin = reg.get_user("songbei"), reg.ensure_local_admin()
    c = reg.register_competition(competition(), by=cadre)
    assert reg.set_status(c.reg_no, "进行中", by=cadre).status == "进行中"
    with pytest.raises(InvalidValue, match="只能向后推进"):
        reg.set_status(c.reg_no, "已登记", by=cadre)
    with pytest.raises(InvalidValue, match="状态“暂停”无效"):
        reg.set_status(c.reg_no, "暂停", by=cadre)
    assert reg.update_competition(c.id, field="status", value="已结束", by=cadre).status == "已结束"
    assert reg.set_status(c.reg_no, "草稿", by=admin).status == "草稿"
    fields = [(e["old"], e["new"]) for e in reg.audit_log(record=c.reg_no) if e["action"] == "status"]
    assert fields == [("已登记", "进行中"), ("进行中", "已结束"), ("已结束", "草稿")]


def test_listing_filters(reg: Registry):
    admin = reg.ensure_local_admin()
    reg.register_competition(competition(), by=admin)
    reg.register_competition(competition(name="乙", type="安康杯", union_name="道里区总工会"), by=admin)
    assert [c.name for c in reg.competitions(user=admin, type="安康杯竞赛")] == ["乙"]
    assert [c.name for c in reg.competitions(user=admin, district="道里")] == ["乙"]
    assert len(reg.competitions(user=admin, status="已登记")) == 2
    assert reg.competitions(user=admin, status="进行中") == []
