"""Bearer-token authentication: `Authorization: Bearer gh_…` → the registry User, or 401/403."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from registry.model import User

bearer = HTTPBearer(auto_error=False, description="API 令牌：`gonghui users token 用户名` 生成。")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def current_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> User:
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            "unauthorized",
            "需要登录：请在请求头中提供 Authorization: Bearer <API 令牌>。",
            headers=_CHALLENGE,
        )
    user = request.app.state.registry.user_for_token(credentials.credentials)
    if user is None:
        raise ApiError(
            401, "invalid_token", "API 令牌无效或已被吊销，请向管理员重新申请。", headers=_CHALLENGE
        )
    if not user.approved:
        raise ApiError(403, "forbidden", "您的账号尚未通过审核，请联系管理员。")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
