"""Per-user API tokens for the HTTP API. A token is shown once when created; only its sha256 is stored,
with a short random prefix that finds the row without scanning every hash.

Format: ``gh_<prefix 8>_<secret 40>``; anything else is simply not a token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from registry.core import now
from registry.errors import InvalidValue, PermissionDenied
from registry.model import User
from registry.orgs import OrgsMixin

PREFIX_CHARS = 8
_TOKEN = re.compile(r"^gh_([0-9a-z]{8})_([0-9A-Za-z_-]{20,80})$")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = "".join(secrets.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(PREFIX_CHARS))
    return prefix, f"gh_{prefix}_{secrets.token_urlsafe(30)}"


class TokensMixin(OrgsMixin):
    def create_token(self, name: str, *, label: str | None = None) -> tuple[User, str]:
        """A new token for an approved user; returns (user, token). The token cannot be shown again."""
        user = self.ensure_local_admin() if name == "local:admin" else self.get_user(name)
        if user is None:
            raise InvalidValue("name", f"没有找到用户“{name}”，请先用 gonghui users add 添加。")
        if not user.approved:
            raise PermissionDenied(f"用户“{user.name}”尚未通过审核，不能创建 API 令牌。")
        with self._write() as db:
            while True:
                prefix, token = _new_token()
                if not self._row("SELECT 1 AS x FROM api_tokens WHERE prefix = ?", (prefix,)):
                    break
            db.table("api_tokens").insert(
                {
                    "user_id": user.id,
                    "prefix": prefix,
                    "hash": _digest(token),
                    "label": label,
                    "created_at": now(),
                }
            )
            self._audit(by=None, record=f"user:{user.name}", action="token", field="api_token", new=prefix)
        return user, token

    def revoke_tokens(self, name: str) -> int:
        """Revokes every live token of a user; returns how many."""
        user = self.get_user(name)
        if user is None:
            raise InvalidValue("name", f"没有找到用户“{name}”。")
        with self._write() as db:
            cur = db.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                (now(), user.id),
            )
            count = cur.rowcount
            if count:
                self._audit(
                    by=None, record=f"user:{user.name}", action="revoke", field="api_token", new=count
                )
        return count

    def user_for_token(self, token: str) -> User | None:
        """The user a token belongs to, or None for a malformed, unknown or revoked token."""
        m = _TOKEN.match(token.strip())
        if m is None:
            return None
        row = self._row(
            "SELECT t.hash, t.id AS token_id, u.* FROM api_tokens t JOIN users u ON u.id = t.user_id "
            "WHERE t.prefix = ? AND t.revoked_at IS NULL",
            (m.group(1),),
        )
        if row is None or not hmac.compare_digest(row["hash"], _digest(token.strip())):
            return None
        return self._user(row)
