"""Unions (市总工会 → 区县总工会/产业工会 → 基层工会), users and invite codes."""

from __future__ import annotations

import secrets

from registry.core import RegistryBase, now
from registry.errors import InvalidValue, PermissionDenied
from registry.model import ROLES, Union, User
from registry.policy import Action
from registry.text import clean, district_of, key, union_key

LOCAL_ADMIN = "local:admin"
ROLE_NAMES = {
    "admin": "管理员",
    "cadre": "工会干部",
    "trainer": "培训师",
    "viewer": "查看者",
    "trainee": "学员",
}
# no 0/O/1/I/L: codes are read aloud and typed on phones
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class OrgsMixin(RegistryBase):
    # --- unions ----------------------------------------------------------------------------------
    def add_union(self, name: str, *, parent: str | None = None, district: str | None = None) -> Union:
        """Idempotent for the same name; a 区/县/市 总工会 under a parent gets its district from its name."""
        shown = clean(name)
        if not shown:
            raise InvalidValue("union", "请填写工会名称。")
        with self._write():
            parent_union = self._require_union(parent) if parent else None
            existing = self._union_row_exact(shown)
            if existing is not None:
                if parent_union and existing["parent_id"] != parent_union.id:
                    raise InvalidValue(
                        "union", f"工会“{existing['name']}”已存在，且上级工会不是“{parent_union.name}”。"
                    )
                return self._union(existing)
            if district is None and parent_union is not None:
                district = district_of(shown) or parent_union.district
            row_id = self._insert(
                "unions",
                {
                    "name": shown,
                    "key": union_key(shown),
                    "parent_id": parent_union.id if parent_union else None,
                    "district": clean(district) if district else None,
                },
            )
            self._audit(by=None, record=f"union:{shown}", action="create", new=shown)
        return self._union(self._one("SELECT * FROM unions WHERE id = ?", (row_id,)))

    def _union_row_exact(self, name: str) -> dict | None:
        for row in self._rows("SELECT * FROM unions WHERE key = ?", (union_key(name),)):
            if key(row["name"]) == key(name):
                return row
        return None

    def find_union(self, name: str) -> Union | None:
        """Exact (ignoring spaces and full/half width) first, then the loose key (松北区工会 = 松北区总工会)
        when it names exactly one union."""
        if not name or not clean(name):
            return None
        exact = self._union_row_exact(name)
        if exact is not None:
            return self._union(exact)
        loose = self._rows("SELECT * FROM unions WHERE key = ?", (union_key(name),))
        return self._union(loose[0]) if len(loose) == 1 else None

    def _require_union(self, name: str) -> Union:
        union = self.find_union(name)
        if union is None:
            raise InvalidValue("union", f"没有找到工会“{clean(name)}”，请先由管理员添加该工会，或核对名称。")
        return union

    def unions(self) -> list[Union]:
        return [self._union(r) for r in self._rows("SELECT * FROM unions ORDER BY id")]

    def union_by_id(self, union_id: int) -> Union | None:
        row = self._row("SELECT * FROM unions WHERE id = ?", (union_id,))
        return self._union(row) if row else None

    def region_of(self, user: User | None) -> str | None:
        """Where a user is, for answers that prefer their own local rules: their union's name and its
        parents', outermost first ("哈尔滨市总工会 松北区总工会"); None without a union."""
        names: list[str] = []
        union = self.union_by_id(user.union_id) if user and user.union_id else None
        while union is not None and len(names) < 10:  # a parent chain is short; never loop on bad data
            names.append(union.name)
            union = self.union_by_id(union.parent_id) if union.parent_id else None
        return " ".join(reversed(names)) or None

    # --- users -----------------------------------------------------------------------------------
    @staticmethod
    def _check_role(role: str) -> str:
        if role not in ROLES:
            choices = "、".join(f"{r}（{ROLE_NAMES[r]}）" for r in ROLES)
            raise InvalidValue("role", f"角色“{role}”无效，可选：{choices}。")
        return role

    def add_user(
        self,
        name: str,
        *,
        display_name: str,
        role: str,
        union: str | None = None,
        identity: tuple[str, str] | None = None,
        approved: bool = True,
    ) -> User:
        """`identity` is (channel, external id), e.g. ("tg", "12345"), for a person who chats with us."""
        login = clean(name)
        if not login:
            raise InvalidValue("name", "请填写用户名。")
        if "#" in login:  # web chat sessions are keyed "web:<name>#<session>"
            raise InvalidValue("name", "用户名不能包含“#”。")
        self._check_role(role)
        with self._write():
            union_id = self._require_union(union).id if union else None
            if self.get_user(login) is not None:
                raise InvalidValue("name", f"用户“{login}”已存在。")
            self.db.table("users").insert(
                {
                    "name": login,
                    "display_name": clean(display_name) or login,
                    "role": role,
                    "union_id": union_id,
                    "channel": identity[0] if identity else None,
                    "external_id": identity[1] if identity else None,
                    "approved": int(approved),
                    "created_at": now(),
                }
            )
            self._audit(by=None, record=f"user:{login}", action="create", field="role", new=role)
        return self._user_named(login)

    def get_user(self, name: str) -> User | None:
        row = self._row("SELECT * FROM users WHERE name = ?", (clean(name),))
        return self._user(row) if row else None

    def _user_named(self, name: str) -> User:
        """A user this registry has just written (or read) under that name."""
        return self._user(self._one("SELECT * FROM users WHERE name = ?", (clean(name),)))

    def user_by_identity(self, channel: str, external_id: str) -> User | None:
        """The user a chat channel knows as `external_id` (a Telegram user id, a WeCom user id …)."""
        row = self._row(
            "SELECT * FROM users WHERE channel = ? AND external_id = ?", (channel, str(external_id))
        )
        return self._user(row) if row else None

    def users(self) -> list[User]:
        return [self._user(r) for r in self._rows("SELECT * FROM users ORDER BY id")]

    def ensure_local_admin(self) -> User:
        with self._write():
            user = self.get_user(LOCAL_ADMIN)
            if user is None:
                user = self.add_user(LOCAL_ADMIN, display_name="本机管理员", role="admin", approved=True)
        return user

    def pending_users(self) -> list[User]:
        return [self._user(r) for r in self._rows("SELECT * FROM users WHERE approved = 0 ORDER BY id")]

    def _require_manager(self, by: User, *, union: Union | None, role: str) -> None:
        """Admins manage everyone; a cadre may bring people into their own union tree, never as admin."""
        self.require(by, Action.MANAGE_USERS)
        if self.allows(by, Action.ADMIN):
            return
        allowed = (
            role != "admin"
            and union is not None
            and by.union_id is not None
            and union.id in self.subtree_ids(by.union_id)
        )
        if not allowed:
            raise PermissionDenied("只有管理员（或本工会及下属工会的工会干部）才能邀请或审核用户。")

    def approve_user(self, name: str, *, by: User, union: str | None = None, role: str | None = None) -> User:
        with self._write():
            user = self.get_user(name)
            if user is None:
                raise InvalidValue("name", f"没有找到用户“{clean(name)}”。")
            new_role = self._check_role(role) if role else user.role
            target = (
                self._require_union(union)
                if union
                else (self.union_by_id(user.union_id) if user.union_id is not None else None)
            )
            self._require_manager(by, union=target, role=new_role)
            changes = {
                "approved": (user.approved, True),
                "role": (user.role, new_role),
                "union_id": (user.union_id, target.id if target else None),
            }
            self.db.table("users").update(
                user.id, {"approved": 1, "role": new_role, "union_id": target.id if target else None}
            )
            for field, (old, new) in changes.items():
                if old != new:
                    self._audit(
                        by=by, record=f"user:{user.name}", action="approve", field=field, old=old, new=new
                    )
        return self._user_named(user.name)

    # --- invites ---------------------------------------------------------------------------------
    def create_invite(self, *, union: str, role: str, by: User) -> str:
        self._check_role(role)
        with self._write():
            target = self._require_union(union)
            self._require_manager(by, union=target, role=role)
            code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
            self.db.table("invites").insert(
                {"code": code, "union_id": target.id, "role": role, "created_by": by.id, "created_at": now()}
            )
            self._audit(by=by, record=f"invite:{code}", action="create", field="role", new=role)
        return code

    def redeem_invite(
        self, code: str, *, name: str, display_name: str, identity: tuple[str, str] | None = None
    ) -> User:
        normalised = key(code).upper().replace("-", "")
        with self._write():
            invite = self._row("SELECT * FROM invites WHERE code = ?", (normalised,))
            if invite is None or invite["used_by"] is not None:
                raise InvalidValue("invite", "邀请码无效或已被使用，请向管理员索取新的邀请码。")
            values = {"role": invite["role"], "union_id": invite["union_id"], "approved": 1}
            user = self.get_user(name)
            if user is None:
                user = self.add_user(
                    name, display_name=display_name, role=invite["role"], identity=identity, approved=True
                )
            if identity is not None:
                values["channel"], values["external_id"] = identity
            self.db.table("users").update(user.id, values)
            self.db.table("invites").update(normalised, {"used_by": user.id, "used_at": now()})
            self._audit(
                by=user,
                record=f"user:{user.name}",
                action="invite",
                field="union_id",
                old=user.union_id,
                new=invite["union_id"],
            )
        return self._user_named(user.name)
