"""The terminal channel: a line-by-line REPL over the engine, scriptable through stdin.

Buttons are shown as numbered choices; typing a number presses that button (the engine maps the number
back: `ButtonMode.NUMBERS`, as for any text-only channel). `/file PATH` sends a file (e.g. a photo of an
activity). Files in replies are written to `out_dir` (the current directory).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TextIO

from bot import texts
from bot.keys import ButtonMode
from bot.messages import Button, Incoming, InFile, Reply, Sender


def run_chat(engine, *, sender: Sender, stdin: TextIO, stdout: TextIO, out_dir: Path | None = None) -> int:
    """Chat until EOF; returns the number of messages sent to the engine."""
    out_dir = Path.cwd() if out_dir is None else Path(out_dir)
    interactive = _isatty(stdin) and _isatty(stdout)
    _print(stdout, texts.TERMINAL_BANNER)
    _show(engine.resume(sender, buttons=ButtonMode.NUMBERS), stdout, out_dir)
    sent = 0
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:  # EOF: the conversation state is already saved, nothing to flush
            break
        text = line.strip()
        if not text:
            continue
        msg = _incoming(sender, text, stdout)
        if msg is None:
            continue
        sent += 1
        _show(engine.handle(msg, buttons=ButtonMode.NUMBERS), stdout, out_dir)
    if interactive:
        _print(stdout, "\n" + texts.TERMINAL_BYE)
    return sent


def _incoming(sender: Sender, text: str, stdout: TextIO) -> Incoming | None:
    if text.startswith("/file "):
        path = Path(text.removeprefix("/file ").strip().strip("\"'")).expanduser()
        if not path.is_file():
            _print(stdout, texts.TERMINAL_NO_FILE.format(path=path))
            return None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Incoming(sender, file=InFile(path.name, path.read_bytes(), mime))
    return Incoming(sender, text=text)


def _show(replies: list[Reply], stdout: TextIO, out_dir: Path) -> None:
    for reply in replies:
        _print(stdout, reply.text)
        if reply.file is not None:
            _print(stdout, texts.TERMINAL_SAVED.format(path=_save(reply.file, out_dir)))
        if reply.buttons:
            _print(stdout, _numbered(reply.buttons))
        _print(stdout, "")


def _numbered(buttons: tuple[Button, ...]) -> str:
    """ "1. 安康杯  2. 五小 …", wrapped so a line stays readable in an 80-column terminal."""
    lines: list[str] = []
    line = ""
    for b in buttons:  # in NUMBERS mode a button's value is the number to type
        item = f"{b.value}. {b.label}"
        if line and _width(line) + 2 + _width(item) > 76:
            lines.append(line)
            line = item
        else:
            line = f"{line}  {item}" if line else item
    return "\n".join([*lines, line])


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)  # CJK takes two columns


def _save(file, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / Path(file.filename).name  # never let a filename climb out of the directory
    stem, suffix, n = path.stem, path.suffix, 1
    while path.exists():  # keep earlier exports
        path = out_dir / f"{stem}-{n}{suffix}"
        n += 1
    path.write_bytes(file.data)
    return path.resolve()


def _print(stdout: TextIO, text: str) -> None:
    stdout.write(text + "\n")
    stdout.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
