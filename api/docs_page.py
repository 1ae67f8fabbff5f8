"""The API reference page, rendered from the OpenAPI schema on the server.

FastAPI's Swagger UI loads its scripts from a CDN, which an offline union office cannot reach; this
page needs nothing but the schema."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

METHODS = ("get", "post", "put", "patch", "delete")


def render(schema: dict) -> str:
    rows = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            tags = "、".join(op.get("tags", []))
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(tags)}</td><td><strong>{escape(op.get('summary', ''))}</strong>"
                f"<br><span>{escape(op.get('description', ''))}</span></td></tr>"
            )
    info = schema.get("info", {})
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(info.get('title', 'API'))} 接口说明</title>"
        "<style>body{font-family:sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;line-height:1.5}"
        "table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top}"
        "code{white-space:nowrap}span{color:#555}</style></head><body>"
        f"<h1>{escape(info.get('title', 'API'))} 接口说明</h1><p>{escape(info.get('description', ''))}</p>"
        "<p>机器可读的完整定义：<a href='openapi.json'>openapi.json</a></p>"
        "<table><thead><tr><th>方法</th><th>路径</th><th>分类</th><th>说明</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )


def install(app: FastAPI, *, path: str) -> None:
    @app.get(path, include_in_schema=False, response_class=HTMLResponse)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(render(app.openapi()))
