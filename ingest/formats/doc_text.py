"""Legacy Word (.doc) and WPS (.wps) → text, through a Debian tool: catdoc, else antiword.

Both are small, long-lived C programs that read the Word 97–2003 binary format, which WPS 文字 also
writes in its .wps files. They run as a subprocess under the ingest limits: a memory cap of their own
(RLIMIT_AS), a timeout of what is left of the file's time, and their output read only up to the text
limit. Where neither is installed the file is refused with a Chinese reason saying what to do.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import tempfile
import threading

from ingest.errors import CorruptFile, MissingTool, TooSlow
from ingest.formats.base import RawText
from ingest.limits import DEFAULT_LIMITS, MB, Budget
from ingest.linejoin import looks_hard_wrapped

TOOL_MEMORY = 1024 * MB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LABEL = {"doc": "旧版 Word（.doc）", "wps": "WPS 文字（.wps）"}


def tool_commands() -> list[list[str]]:
    """The commands available here, best first; each takes the file path as its last argument."""
    commands = []
    # catdoc first: antiword crashes (SIGSEGV) on some minimal files that catdoc reads; each is tried
    # in turn until one yields text
    if shutil.which("catdoc"):
        commands.append(["catdoc", "-d", "utf-8", "-w"])
    if shutil.which("antiword"):
        commands.append(["antiword", "-m", "UTF-8.txt", "-w", "0"])
    return commands


def load_doc(data: bytes, *, path: str, fmt: str = "doc", budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    label = _LABEL.get(fmt, _LABEL["doc"])
    commands = tool_commands()
    if not commands:
        raise MissingTool(
            path,
            f"读取{label}文件需要服务器安装 catdoc 或 antiword（Debian/Ubuntu：apt-get install catdoc），"
            "或在 Word/WPS 中另存为 .docx 后再导入",
        )
    if not data.startswith(_OLE_MAGIC):
        raise CorruptFile(
            path, f"{label}文件已损坏或不是 Word 97–2003 格式，请在 Word/WPS 中另存为 .docx 后再导入"
        )
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        text = ""
        for command in commands:
            text = _run([*command, tmp.name], budget)
            if text.strip():
                break
    if not text.strip():
        raise CorruptFile(path, f"无法从该{label}文件中读出文字，请在 Word/WPS 中另存为 .docx 后再导入")
    return RawText(text, fmt, hard_wrapped=looks_hard_wrapped(text))


def _limit_memory() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (TOOL_MEMORY, TOOL_MEMORY))


def _run(command: list[str], budget: Budget) -> str:
    left = max(1.0, budget.limits.seconds - budget.elapsed())
    cap = budget.limits.chars * 4 + 1  # bytes of UTF-8 that could still be within the text limit
    try:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_limit_memory,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    except OSError:
        return ""
    timed_out = threading.Event()

    def stop() -> None:  # a read blocked on a hung tool ends when the tool is killed
        timed_out.set()
        proc.kill()

    timer = threading.Timer(left, stop)
    timer.start()
    try:
        out = proc.stdout.read(cap) if proc.stdout else b""
        if len(out) >= cap:
            proc.kill()
    finally:
        timer.cancel()
        if proc.stdout:
            proc.stdout.close()
        proc.wait()
    if len(out) >= cap:
        budget.check_chars(budget.limits.chars + 1)  # raises TextTooLong
    if timed_out.is_set():
        raise TooSlow(budget.path, f"文件处理超时（超过 {budget.limits.seconds} 秒），已跳过")
    return out.decode("utf-8", errors="replace") if proc.returncode == 0 else ""
