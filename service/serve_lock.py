"""`<data dir>/serve.lock`: written by `gonghui serve` (and by `gonghui telegram` run alone) while it
runs, so the command line can tell that a server holds the data dir (and say how to upload through it). A lock whose process is gone (a
`kill -9`, a power cut) is stale and ignored."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.consistency import process_alive

LOCK_FILE = "serve.lock"


@dataclass(frozen=True)
class ServeHolder:
    pid: int
    url: str  # where the server answers, e.g. http://127.0.0.1:8000
    embedder: str = ""
    chroma_url: str = ""  # empty: the embedded chroma, which only this process may write
    command: str = "serve"  # or "telegram": the bot alone, with no HTTP address to upload through

    @property
    def name(self) -> str:
        """How the holder is named in a message: `gonghui serve（进程 N）`."""
        return f"gonghui {self.command}（进程 {self.pid}）"

    def shares_stores_with(self, embedder: str, chroma_url: str) -> bool:
        """Whether another process with these settings may write beside the server: the embedded
        chroma keeps its index in the server's memory (another process's vectors stay invisible to
        it and break its searches), so only a lexical-only pair or a shared chroma server can."""
        if embedder != self.embedder:
            return False
        return embedder == "none" or (bool(chroma_url) and chroma_url == self.chroma_url)

    def upload_hint(self) -> str:
        if not self.url:
            return "Telegram 机器人没有上传网址：请在 Telegram 中发送文件，或先停止它再用命令行导入"
        return (
            f'请通过它上传：浏览器打开 {self.url}/documents，或 curl -H "Authorization: Bearer 令牌"'
            f" -F file=@文件 {self.url}/api/v1/documents"
        )


class DataDirInUse(Exception):
    code = "data_dir_in_use"
    status = 409

    def __init__(self, holder: ServeHolder, data_dir: Path) -> None:
        self.holder = holder
        where = f"，{holder.url}" if holder.url else ""
        self.message = (
            f"另一个 gonghui {holder.command}（进程 {holder.pid}{where}）正在使用数据目录 {data_dir}。"
        )
        super().__init__(self.message)


def current(data_dir: Path) -> ServeHolder | None:
    """The live server holding `data_dir`, or None (no lock, unreadable, or its process is gone)."""
    try:
        raw = json.loads((Path(data_dir) / LOCK_FILE).read_text(encoding="utf-8"))
        holder = ServeHolder(
            pid=int(raw["pid"]),
            url=str(raw.get("url", "")),
            embedder=str(raw.get("embedder", "")),
            chroma_url=str(raw.get("chroma_url", "")),
            command=str(raw.get("command", "serve")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return holder if process_alive(holder.pid) else None


@contextlib.contextmanager
def hold(
    data_dir: Path, *, url: str, embedder: str = "", chroma_url: str = "", command: str = "serve"
) -> Iterator[ServeHolder]:
    """Own the data dir while the block runs; refuses (DataDirInUse) when another live server has it."""
    path = Path(data_dir) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    me = ServeHolder(pid=os.getpid(), url=url, embedder=embedder, chroma_url=chroma_url, command=command)
    text = json.dumps(
        {"pid": me.pid, "url": url, "embedder": embedder, "chroma_url": chroma_url, "command": command},
        ensure_ascii=False,
    )
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            other = current(data_dir)
            if other is not None and other.pid != me.pid:
                raise DataDirInUse(other, data_dir) from None
            path.unlink(missing_ok=True)  # stale: its server is gone
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        break
    try:
        yield me
    finally:
        held = current(data_dir)
        if held is not None and held.pid == me.pid:
            path.unlink(missing_ok=True)
