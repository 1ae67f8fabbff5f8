from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry import InvalidValue, PermissionDenied, Registry
from tests.registry.conftest import competition


def test_cadre_sees_own_union_and_sub_unions_only(reg: Registry):
    songbei, daoli, factory = reg.get_user("songbei"), reg.get_user("daoli"), reg.get_user("factory")
    mine = reg.register_competition(competition(), by=songbei)
    sub = reg.register_competition(
        competition(name="厂内比武", union_name="哈尔滨电机厂有限责任公司工会"), by=factory
    )
    theirs = reg.register_competition(competition(name="道里竞赛", union_name="道里区总工会"), by=daoli)
    assert {c.id for c in reg.competitions(user=songbei)} == {mine.id, sub.id}
    assert reg.competitions(user=factory) == [sub]
    with pytest.raises(PermissionDenied, match="无权查看"):
        reg.competition(theirs.reg_no, user=songbei)
    with pytest.raises(PermissionDenied):
        reg.update_competition(theirs.id, field="planned", value=10, by=songbei)
    reg.update_competition(sub.id, field="planned", value=10, by=songbei)  # a parent union may edit
    assert len(reg.competitions(user=reg.ensure_local_admin())) == 3


def test_unlinked_union_belongs_to_the_creators_union(reg: Registry):
    songbei, daoli = reg.get_user("songbei"), reg.get_user("daoli")
    c = reg.register_competition(competition(union_name="某新建企业工会"), by=songbei)
    assert c.union_id is None
    reg.add_user("songbei2", display_name="松北同事", role="cadre", union="松北区总工会")
    assert reg.competitions(user=reg.get_user("songbei2")) == [c]
    assert reg.competitions(user=daoli) == []


def test_viewer_reads_but_cannot_write(reg: Registry):
    viewer = reg.get_user("viewer")
    c = reg.register_competition(competition(), by=reg.get_user("songbei"))
    assert reg.competitions(user=viewer) == [c]  # 市总工会 viewer sees the whole tree
    with pytest.raises(PermissionDenied, match="只读"):
        reg.register_competition(competition(name="新"), by=viewer)
    with pytest.raises(PermissionDenied, match="只读"):
        reg.update_competition(c.id, field="planned", value=5, by=viewer)
    with pytest.raises(PermissionDenied, match="只读"):
        reg.set_status(c.id, "进行中", by=viewer)
    with pytest.raises(PermissionDenied, match="只读"):
        reg.record_activity(
            {"kind": "培训", "date": dt.date(2026, 6, 1), "place": "厂", "participants": 3, "summary": "x"},
            by=viewer,
        )
    assert reg.competition(c.id, user=reg.ensure_local_admin()).planned == 200


def test_unapproved_user_is_refused(reg: Registry):
    pending = reg.add_user("tg:99", display_name="新人", role="cadre", union="松北区总工会", approved=False)
    assert reg.pending_users() == [pending]
    with pytest.raises(PermissionDenied, match="尚未通过审核"):
        reg.competitions(user=pending)
    approved = reg.approve_user("tg:99", by=reg.ensure_local_admin(), role="trainer")
    assert approved.approved and approved.role == "trainer" and reg.pending_users() == []
    assert [e["field"] for e in reg.audit_log(record="user:tg:99") if e["action"] == "approve"] == [
        "approved",
        "role",
    ]


def test_cadre_cannot_approve_outside_their_tree_or_make_admins(reg: Registry):
    reg.add_user("tg:5", display_name="x", role="viewer", approved=False)
    songbei = reg.get_user("songbei")
    with pytest.raises(PermissionDenied):
        reg.approve_user("tg:5", by=songbei, union="道里区总工会")
    with pytest.raises(PermissionDenied):
        reg.create_invite(union="松北区总工会", role="admin", by=songbei)
    assert reg.approve_user("tg:5", by=songbei, union="哈尔滨电机厂有限责任公司工会").approved


def test_invites_are_single_use(reg: Registry):
    code = reg.create_invite(union="道里区总工会", role="cadre", by=reg.ensure_local_admin())
    assert len(code) == 8
    user = reg.redeem_invite(f" {code.lower()} ", name="tg:42", display_name="李娜", identity=("tg", "42"))
    assert (user.role, user.union_id, user.external_id, user.approved) == (
        "cadre",
        reg.find_union("道里区总工会").id,
        "42",
        True,
    )
    with pytest.raises(InvalidValue) as err:
        reg.redeem_invite(code, name="tg:43", display_name="王五")
    assert err.value.field == "invite" and "已被使用" in err.value.message
    with pytest.raises(InvalidValue):
        reg.redeem_invite("NOPE2345", name="tg:44", display_name="赵六")
    assert reg.get_user("tg:43") is None


def test_invite_approves_a_pending_telegram_user(reg: Registry):
    reg.add_user("tg:7", display_name="待审", role="viewer", identity=("tg", "7"), approved=False)
    code = reg.create_invite(union="松北区总工会", role="cadre", by=reg.ensure_local_admin())
    user = reg.redeem_invite(code, name="tg:7", display_name="待审", identity=("tg", "7"))
    assert user.approved and user.role == "cadre" and reg.pending_users() == []


def test_unions_users_and_roles(reg: Registry):
    assert reg.find_union("松北区工会").name == "松北区总工会"
    assert reg.find_union(" 松北  总工会").name == "松北区总工会"
    assert reg.find_union("松北区").district == "松北区"
    assert reg.find_union("哈尔滨电机厂有限责任公司 工会") is not None
    assert reg.find_union("南岗区总工会") is None
    city = reg.find_union("哈尔滨市总工会")
    assert reg.subtree_ids(city.id) == {u.id for u in reg.unions()}
    assert reg.add_union("松北区总工会").id == reg.find_union("松北区总工会").id  # idempotent
    with pytest.raises(InvalidValue, match="角色“boss”无效"):
        reg.add_user("x", display_name="x", role="boss")
    with pytest.raises(InvalidValue, match="没有找到工会“南岗区总工会”"):
        reg.add_user("x", display_name="x", role="cadre", union="南岗区总工会")
    with pytest.raises(InvalidValue, match="已存在"):
        reg.add_user("songbei", display_name="x", role="cadre")
    admin = reg.ensure_local_admin()
    assert (admin.name, admin.role, admin.approved) == ("local:admin", "admin", True)
    assert reg.ensure_local_admin() == admin


def test_state_survives_a_restart(tmp_path: Path):
    first = Registry(tmp_path / "r.db", attachments_dir=tmp_path / "a")
    state = {
        "flow": "register",
        "step": "end",
        "draft": {"name": "安康杯", "start": dt.date(2026, 6, 1), "planned": 200},
    }
    first.save_state("tg:1", state)
    first.save_state("tg:2", {"flow": "activity"})
    first.close()
    second = Registry(tmp_path / "r.db", attachments_dir=tmp_path / "a")
    assert second.load_state("tg:1") == state  # the date comes back as a date
    second.clear_state("tg:1")
    assert second.load_state("tg:1") is None and second.load_state("tg:2") == {"flow": "activity"}
    assert second.load_state("nobody") is None


def test_user_names_cannot_contain_the_web_session_separator(reg: Registry):
    from registry.errors import InvalidValue

    with pytest.raises(InvalidValue, match="#"):
        reg.add_user("zhang#2", display_name="张", role="cadre", union="松北区总工会")
    assert reg.get_user("zhang#2") is None
