"""Who may do what: the one table of roles and actions. The registry enforces it on every call; the
API, the console and the chat ask it (`allows`) only to decide what to offer."""

from __future__ import annotations

from enum import Enum

from registry.errors import PermissionDenied
from registry.model import User


class Action(Enum):
    READ = "read"  # see the records of one's union tree
    WRITE = "write"  # register competitions, record activities, edit them
    STATS = "stats"  # statistics
    UPLOAD_DOCUMENTS = "upload_documents"  # add documents to the knowledge base
    MANAGE_DOCUMENTS = "manage_documents"  # delete documents, re-index, replace someone else's upload
    MANAGE_USERS = "manage_users"  # invite and approve users (cadres: only within their tree)
    ADMIN = "admin"  # reconcile unions, move a status backwards, see everything
    TEACH = "teach"  # build, review and publish training courses, see their reports (one's own)
    LEARN = "learn"  # join a published course with its invite code, take its quizzes


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "admin": frozenset(Action),
    "cadre": frozenset(
        {Action.READ, Action.WRITE, Action.STATS, Action.UPLOAD_DOCUMENTS, Action.MANAGE_USERS, Action.LEARN}
    ),
    "trainer": frozenset(
        {Action.READ, Action.WRITE, Action.STATS, Action.UPLOAD_DOCUMENTS, Action.TEACH, Action.LEARN}
    ),
    "viewer": frozenset({Action.READ, Action.LEARN}),
    # a 非公企业 union cadre in training, often outside the union tree yet: courses only
    "trainee": frozenset({Action.LEARN}),
}

REFUSALS = {
    Action.READ: "您的账号没有查看登记库的权限，请联系管理员。",
    Action.WRITE: "您的账号为只读（查看）权限，不能登记、上传或修改，请联系管理员。",
    Action.STATS: "查看统计需要管理员、工会干部或培训师权限。",
    Action.UPLOAD_DOCUMENTS: "您的账号为只读（查看）权限，不能上传文档，请联系管理员。",
    Action.MANAGE_DOCUMENTS: "只有管理员可以删除文档或重建索引。",
    Action.MANAGE_USERS: "只有管理员（或本工会及下属工会的工会干部）才能邀请或审核用户。",
    Action.ADMIN: "只有管理员可以执行这个操作。",
    Action.TEACH: "只有培训师或管理员可以管理培训课程。",
    Action.LEARN: "您的账号不能参加培训，请联系管理员。",
}
NOT_APPROVED = "您的账号尚未通过审核，请联系管理员或使用邀请码。"


def allows(user: User | None, action: Action) -> bool:
    return user is not None and user.approved and action in ROLE_ACTIONS.get(user.role, frozenset())


def require(user: User | None, action: Action) -> User:
    """PermissionDenied (with the Chinese reason) unless the user may do this; the user when they may."""
    if user is None or not user.approved:
        raise PermissionDenied(NOT_APPROVED)
    if not allows(user, action):
        raise PermissionDenied(REFUSALS[action])
    return user
