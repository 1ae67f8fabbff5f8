"""Parsing an uploaded file in a child process with its own memory and CPU limits.

The loaders bound what they read (ingest/limits.py), but a file they do not foresee could still make
a parser grow without end; in `gonghui serve` that took the whole server (and its /health) down with
it. Here the parse runs in a fresh interpreter (`python -m service.sandbox`) under RLIMIT_AS and
RLIMIT_CPU, watched by a wall clock: whatever the file does, the child is the one that runs out, and
the job fails with a Chinese reason while the server goes on. The prepared document (or the reason)
comes back as pickled frames on the child's stdout, with the OCR page progress before it.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError, LimitExceeded, TooSlow
from ingest.formats.base import OcrPage
from ingest.model import Document
from ingest.ocr.reader import PageProgress
from service.settings import Settings

MB = 1024 * 1024
GRACE_SECONDS = 30  # past the loaders' own time limit, before the child is killed
# fewer malloc arenas and one math thread: a child's address space then stays close to what it uses
# (OCR peaks at ~0.9 GB of address space this way, ~1.1 GB without), and it leaves the cores to the server
CHILD_ENV = {"MALLOC_ARENA_MAX": "2", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
_HEADER = struct.Struct(">I")


def too_much_memory(limit_mb: int) -> str:
    return f"文件处理时占用内存过多（超过 {limit_mb} MB），已跳过；请拆分后再导入"


def too_slow(seconds: int) -> str:
    return f"文件处理超时（超过 {seconds} 秒），已跳过；请拆分后再导入"


@dataclass(frozen=True)
class _Request:
    path: str
    overrides: dict[str, str] | None
    settings: Settings


def prepare_isolated(
    path: Path,
    settings: Settings,
    *,
    overrides: dict[str, str] | None = None,
    on_page: PageProgress | None = None,
) -> Document:
    """``ingest.pipeline.prepare`` of one file, run in a child process; raises IngestError."""
    limit_mb, seconds = settings.ingest_max_memory_mb, settings.ingest_max_seconds
    pythonpath = os.pathsep.join(p for p in sys.path if p)  # the same modules as this process
    env = {**os.environ, **CHILD_ENV, "PYTHONPATH": pythonpath}
    child = subprocess.Popen(
        [sys.executable, "-m", "service.sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert child.stdin is not None and child.stdout is not None  # both are pipes (PIPE above)
    try:
        child.stdin.write(pickle.dumps(_Request(str(path), overrides, settings)))
        child.stdin.close()
        deadline = time.monotonic() + seconds + GRACE_SECONDS
        for message in _frames(child.stdout.fileno(), deadline):
            kind, *rest = message
            if kind == "page" and on_page is not None:
                done, total, number, confidence, low = rest
                # the parent hears a page's confidence; its text arrives with the document
                on_page(done, total, number, OcrPage("", confidence, low))
            elif kind == "ok":
                return rest[0]
            elif kind == "memory":
                raise LimitExceeded(str(path), too_much_memory(limit_mb))
            elif kind == "error":
                raise IngestError(str(path), rest[0])
        if time.monotonic() >= deadline:
            raise TooSlow(str(path), too_slow(seconds))
        code = child.wait(timeout=10)
        if code in (-signal.SIGXCPU, -signal.SIGKILL, -signal.SIGABRT):
            # SIGXCPU: the CPU limit; SIGKILL from outside us: the kernel's OOM killer; SIGABRT: a C++
            # parser (pdfium) aborting on std::bad_alloc when the address space runs out
            raise LimitExceeded(
                str(path), too_slow(seconds) if code == -signal.SIGXCPU else too_much_memory(limit_mb)
            )
        raise IngestError(str(path), f"文件解析时意外中断（退出码 {code}），已跳过；请检查文件是否完好")
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def _frames(fd: int, deadline: float):
    """Messages from the child until it closes its stdout or the deadline passes."""
    buffer = bytearray()  # appended in place: a document of megabytes arrives in 64 KB reads
    # poll, not select: a long-running server holds many descriptors, and select() refuses any above 1024
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        if not poller.poll(remaining * 1000):
            return
        block = os.read(fd, 1 << 20)
        if not block:
            return
        buffer += block
        while len(buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer)
            if len(buffer) < _HEADER.size + size:
                break
            yield pickle.loads(buffer[_HEADER.size : _HEADER.size + size])
            del buffer[: _HEADER.size + size]


# -- the child ---------------------------------------------------------------------------------------
def _near_limit(limit_bytes: int) -> bool:
    """Whether this process came close to its address-space limit: then a parser's error (lxml says
    "Memory allocation failed", others raise their own) is the memory limit speaking."""
    status = Path("/proc/self/status").read_text()
    peak_kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmPeak:")), 0)
    return peak_kb * 1024 > 0.9 * limit_bytes


def _main() -> None:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr: stdout carries the frames alone

    def send(*message: object) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()

    request: _Request = pickle.load(sys.stdin.buffer)
    settings = request.settings
    limit = settings.ingest_max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = settings.ingest_max_seconds + GRACE_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        from ingest.pipeline import prepare
        from service.documents import ocr_reader

        def on_page(done: int, total: int, number: int, page) -> None:
            send("page", done, total, number, page.confidence, page.low)

        doc = prepare(
            request.path,
            overrides=request.overrides,
            max_chars=settings.chunk_chars,
            overlap=settings.chunk_overlap,
            limits=settings.ingest_limits,
            ocr=ocr_reader(settings, on_page=on_page),
        )
        send("ok", doc)
    except MemoryError:
        send("memory")
    except IngestError as exc:
        send("memory") if _near_limit(limit) else send("error", exc.reason)
    except Exception as exc:  # noqa: BLE001 - any parser failure is this file's, reported on its job
        send("memory") if _near_limit(limit) else send("error", f"处理失败：{exc}")


if __name__ == "__main__":
    _main()
