import re


def test_reference_page_lists_every_route_offline(api):
    page = api.client.get("/api/v1/docs")
    assert page.status_code == 200 and "接口说明" in page.text
    schema = api.client.get("/api/v1/openapi.json").json()
    for path in schema["paths"]:
        assert f"<code>{path}</code>" in page.text
    # nothing to fetch from elsewhere: no script tags, no absolute URLs
    assert "<script" not in page.text and not re.search(r"(src|href)=['\"]https?://", page.text)
