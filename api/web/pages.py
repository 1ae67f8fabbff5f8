"""登录、问答、对话、文档库 pages of the web console."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import chat as api_chat
from api import knowledge_routes
from api.errors import ApiError
from api.params import PassageIndex, RowId
from api.schemas import ChatIn, DocumentEditIn
from api.web.common import (
    COOKIE,
    COOKIE_MAX_AGE,
    LoginRequired,
    WebRoute,
    WebUser,
    is_htmx,
    render,
    safe_next,
    user_from_token,
    web_user,
)

router = APIRouter(route_class=WebRoute, include_in_schema=False)
CHAT_SESSION = "console"  # the console's own conversation, apart from API clients' "default"


# -- login -----------------------------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> RedirectResponse:
    try:
        web_user(request)
    except LoginRequired:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse("/ask", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", next=safe_next(next))


@router.post("/login")
def login(
    request: Request, token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = ""
) -> Response:
    token = token.strip()
    try:
        if not token:
            raise LoginRequired("请填写 API 令牌。")
        user_from_token(request, token)
    except LoginRequired as exc:
        return render(request, "login.html", status_code=401, error=exc.message, next=safe_next(next))
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response


# -- 问答 ------------------------------------------------------------------------------------------
def _locate(kb, doc_id: int, article: str | None, section: str, text: str):
    """The stored chunk a citation or hit quotes (its quote may be trimmed with …)."""
    chunks = kb.catalog.doc_chunks(doc_id)
    lines = [line.strip("… \n") for line in text.splitlines() if line.strip("… \n")]
    probe = max(lines, key=len)[:40] if lines else ""
    matches = [c for c in chunks if probe and probe in c.text]
    exact = [c for c in matches if c.article == article]
    if exact or matches:
        return (exact or matches)[0]
    same = [c for c in chunks if c.article == article and c.section == section]
    return same[0] if same else None


def cited(kb, items: list[dict], *, text_key: str) -> list[dict]:
    """Citations (or closest hits) with the passage they came from: its index and full text."""
    out = []
    for i, item in enumerate(items, 1):
        chunk = _locate(kb, item["doc_id"], item.get("article"), item.get("section") or "", item[text_key])
        out.append(
            item
            | {
                "n": item.get("n", i),
                "idx": chunk.idx if chunk else None,
                "passage": chunk.text if chunk else item[text_key],
            }
        )
    return out


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, user: WebUser, q: str | None = None) -> HTMLResponse:
    result = _ask(request, user, q) if q and q.strip() else None
    return render(request, "ask.html", active="ask", question=q or "", result=result)


ASK_HISTORY = 4  # previous questions the 问答 page keeps in its form, so a follow-up works there too


def _conversation(request: Request, user, question: str, history: list[str] | None):
    """(question, history, standalone question, the asker's region): a follow-up is read in context."""
    question = question.strip()[:500]
    if not question:
        raise ApiError(422, "invalid", "请填写问题。", field="question")
    history = [h[:500] for h in (history or []) if h.strip()][-ASK_HISTORY:]
    kb = request.app.state.knowledge
    return (
        question,
        history,
        kb.standalone(question, history).text,
        request.app.state.registry.region_of(user),
    )


def _answer_view(kb, answer, *, question: str, standalone: str, history: list[str]) -> dict:
    out = answer.to_json()
    return out | {
        "citations": cited(kb, out["citations"], text_key="quote"),
        "closest": cited(kb, [h.to_json() for h in answer.closest], text_key="text"),
        "understood": standalone if standalone != question else None,
        "standalone": standalone,
        "history": [*history, standalone][-ASK_HISTORY:],
    }


def _ask(request: Request, user, question: str, history: list[str] | None = None) -> dict:
    question, history, standalone, region = _conversation(request, user, question, history)
    kb = request.app.state.knowledge
    answer = kb.ask(standalone, region=region)
    return _answer_view(kb, answer, question=question, standalone=standalone, history=history)


@router.get("/ask/stream")
def ask_stream(
    request: Request, user: WebUser, q: str = "", history: Annotated[list[str] | None, Query()] = None
) -> Response:
    """The answer as server-sent events (app.js reads them): each verified sentence as it arrives,
    then the whole rendered answer, which replaces them. Without JavaScript the form posts as usual."""
    question, history, standalone, region = _conversation(request, user, q, history)
    kb = request.app.state.knowledge
    events = kb.ask_stream(standalone, region=region)

    def final(answer) -> dict:
        view = _answer_view(kb, answer, question=question, standalone=standalone, history=history)
        html = bytes(render(request, "_answer.html", result=view, question=question, oob=True).body).decode()
        return {"html": html}

    return knowledge_routes.stream_response(knowledge_routes.answer_events(events, final))


@router.post("/ask", response_class=HTMLResponse)
def ask(
    request: Request,
    user: WebUser,
    question: Annotated[str, Form()] = "",
    history: Annotated[list[str] | None, Form()] = None,
) -> HTMLResponse:
    result = _ask(request, user, question, history)
    if is_htmx(request):
        return render(request, "_answer.html", result=result, question=question, oob=True)
    return render(request, "ask.html", active="ask", question=question, result=result)


# -- 对话 ------------------------------------------------------------------------------------------
def _chat_view(replies: list[dict], kb) -> list[dict]:
    out = []
    for r in replies:
        view = dict(r)
        extra = r.get("extra") or {}
        view["citations"] = cited(kb, extra.get("citations") or [], text_key="quote")
        if r.get("file"):
            f = r["file"]
            view["file_url"] = f"data:{f['mime'] or 'application/octet-stream'};base64,{f['content_base64']}"
        out.append(view)
    return out


CHAT_MAX_CHARS = ChatIn.model_fields["text"].metadata[0].max_length


@router.get("/chat", response_class=HTMLResponse)
def chat_page(request: Request, user: WebUser) -> HTMLResponse:
    return render(request, "chat.html", active="chat", exchanges=[])


@router.post("/chat", response_class=HTMLResponse)
def chat(
    request: Request,
    user: WebUser,
    text: Annotated[str, Form()] = "",
    choice: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
) -> HTMLResponse:
    if not text.strip() and not choice:
        raise ApiError(422, "invalid", "请填写 text（文字）或 choice（按钮的值）。", field="text")
    if len(text) > CHAT_MAX_CHARS or len(choice) > CHAT_MAX_CHARS:  # the API's bound (ChatIn)
        raise ApiError(422, "invalid", f"输入不能超过 {CHAT_MAX_CHARS} 个字。", field="text")
    out = api_chat.converse(
        request.app.state.engine, user, CHAT_SESSION, text=text.strip(), choice=choice or None
    )
    said = text.strip() or label or choice
    exchange = {"said": said, "replies": _chat_view(out["replies"], request.app.state.knowledge)}
    if is_htmx(request):
        return render(request, "_chat_exchange.html", ex=exchange, seq=id(exchange))
    return render(request, "chat.html", active="chat", exchanges=[exchange])


# -- 文档库 ----------------------------------------------------------------------------------------
def _documents(request: Request) -> list:
    return request.app.state.knowledge.catalog.documents()


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, user: WebUser) -> HTMLResponse:
    jobs = [j for j in request.app.state.library.jobs(user, 10) if j.kind == "ingest"]
    return render(request, "documents.html", active="documents", docs=_documents(request), jobs=jobs)


@router.get("/documents/rows", response_class=HTMLResponse)
def document_rows(request: Request, user: WebUser) -> HTMLResponse:
    return render(request, "_doc_rows.html", docs=_documents(request))


@router.post("/documents/upload", response_class=HTMLResponse)
async def upload(
    request: Request,
    user: WebUser,
    file: Annotated[UploadFile, File()],
    title: Annotated[str, Form()] = "",
    doc_type: Annotated[str, Form()] = "",
    short_title: Annotated[str, Form()] = "",
) -> Response:
    job = (
        await knowledge_routes.receive_upload(
            request,
            user,
            file,
            title=title or None,
            doc_type=doc_type or None,
            short_title=short_title or None,
        )
    ).to_json()
    if is_htmx(request):
        return render(request, "_job.html", status_code=202, job=job)
    return RedirectResponse(f"/jobs/{job['id']}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_status(job_id: str, request: Request, user: WebUser) -> HTMLResponse:
    job = request.app.state.library.job(user, job_id).to_json()
    headers = {"HX-Trigger": "docs-changed"} if job["status"] == "done" else None
    if is_htmx(request):
        return render(request, "_job.html", job=job, headers=headers)
    return render(request, "job.html", active="documents", job=job)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(doc_id: RowId, request: Request, user: WebUser) -> HTMLResponse:
    doc = knowledge_routes.document_json(*request.app.state.library.document(doc_id))
    return render(request, "document.html", active="documents", doc=doc)


@router.post("/documents/{doc_id}/edit")
def edit_document(
    doc_id: RowId,
    request: Request,
    user: WebUser,
    short_title: Annotated[str, Form()] = "",
    in_force_from: Annotated[str, Form()] = "",
    superseded_by: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
) -> Response:
    """The document page's small form: short name, 施行日期, status and what replaces it (admins)."""
    body = DocumentEditIn(
        short_title=short_title, in_force_from=in_force_from, superseded_by=superseded_by, status=status
    )
    try:
        request.app.state.library.edit(user, doc_id, knowledge_routes.edit_values(body))
    except ApiError as exc:
        if exc.status == 403:
            raise
        doc = knowledge_routes.document_json(*request.app.state.library.document(doc_id))
        return render(
            request, "document.html", status_code=exc.status, active="documents", doc=doc, error=exc.message
        )
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


@router.get("/documents/{doc_id}/passages/{idx}", response_class=HTMLResponse)
def passage_page(doc_id: RowId, idx: PassageIndex, request: Request, user: WebUser) -> HTMLResponse:
    doc = knowledge_routes.document_json(*request.app.state.library.document(doc_id))
    chunk = next((c for c in doc["chunk_list"] if c["idx"] == idx), None)
    if chunk is None:
        return render(
            request, "error.html", status_code=404, status=404, message=f"文档 {doc_id} 中没有第 {idx} 段。"
        )
    return render(request, "passage.html", active="ask", doc=doc, chunk=chunk)


@router.post("/documents/{doc_id}/delete")
def delete_document(doc_id: RowId, request: Request, user: WebUser) -> Response:
    request.app.state.library.remove(user, doc_id)
    if is_htmx(request):
        return HTMLResponse("", headers={"HX-Trigger": "docs-changed"})
    return RedirectResponse("/documents", status_code=303)
