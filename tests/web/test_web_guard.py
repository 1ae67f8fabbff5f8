"""The console in the browser: its pages cannot be framed by another site and are not sniffed, and a
state-changing console request must name this host in Origin or Referer (403 in Chinese otherwise);
API requests with a token are not affected by that rule; the login cookie is Secure behind https."""

from __future__ import annotations

from fastapi.testclient import TestClient

FRAMING = {"x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin"}


def _framing_refused(response) -> None:
    for name, value in FRAMING.items():
        assert response.headers.get(name) == value, (name, response.headers)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_console_pages_and_errors_refuse_framing(console):
    client = console("admin")
    for url in ("/login", "/ask", "/documents", "/competitions", "/no-such-page", "/static/app.css"):
        _framing_refused(client.get(url))
    _framing_refused(console.anonymous().get("/ask"))  # the redirect to 登录 as well


def _logged_in_without_origin(console) -> TestClient:
    client = console.anonymous(origin=None)
    r = client.post(
        "/login",
        data={"token": console.tokens["admin"], "next": "/ask"},
        headers={"Referer": "http://testserver/login"},
    )
    assert r.status_code == 303, r.text
    return client


def test_a_console_post_without_origin_or_referer_is_refused(console):
    client = _logged_in_without_origin(console)
    for url, form in (
        ("/chat", {"text": "/help"}),
        ("/logout", {}),
        ("/ask", {"question": "工会经费有哪些来源？"}),
    ):
        r = client.post(url, data=form)
        assert r.status_code == 403 and "来源" in r.text and "拒绝" in r.text, (url, r.status_code)
        _framing_refused(r)
    # a foreign Referer is refused too; this host's Referer or Origin is accepted
    r = client.post("/chat", data={"text": "/help"}, headers={"Referer": "http://evil.example/page"})
    assert r.status_code == 403 and "其他网站" in r.text
    assert client.post("/chat", data={"text": "/help"}, headers={"Origin": "null"}).status_code == 403
    assert (
        client.post(
            "/chat", data={"text": "/help"}, headers={"Referer": "http://testserver/chat"}
        ).status_code
        == 200
    )
    assert (
        client.post("/chat", data={"text": "/help"}, headers={"Origin": "http://testserver"}).status_code
        == 200
    )


def test_api_token_requests_need_no_origin(console):
    client = TestClient(console.app)
    headers = {"Authorization": f"Bearer {console.tokens['admin']}"}
    r = client.post("/api/v1/chat", json={"text": "/help"}, headers=headers)
    assert r.status_code == 200, r.text
    r = client.post(
        "/api/v1/chat", json={"text": "/help"}, headers=headers | {"Origin": "http://evil.example"}
    )
    assert r.status_code == 200, r.text
    _framing_refused(r)


def test_the_login_cookie_is_secure_behind_https(console):
    client = TestClient(
        console.app,
        base_url="https://union.example",
        follow_redirects=False,
        headers={"Origin": "https://union.example"},
    )
    r = client.post("/login", data={"token": console.tokens["admin"], "next": "/ask"})
    assert r.status_code == 303 and "secure" in r.headers["set-cookie"].lower()
    plain = console.anonymous().post("/login", data={"token": console.tokens["admin"], "next": "/ask"})
    assert "secure" not in plain.headers["set-cookie"].lower()
