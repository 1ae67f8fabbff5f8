"""How the command line shows a domain error: one Chinese line, with the command-line hint if any."""

from __future__ import annotations


def error_line(exc: Exception) -> str:
    message = getattr(exc, "message", "") or str(exc)
    hint = getattr(exc, "hint", "")
    if hasattr(exc, "path") and hasattr(exc, "reason"):  # an ingest error names its file
        message = f"{exc.path}：{exc.reason}"
    return f"错误：{message}{hint}"
