"""Every CLI command and every setting is documented in the README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer.main

from gonghui.cli import app
from service.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "gonghui") -> list[str]:
    names = []
    for name, cmd in getattr(group, "commands", {}).items():
        full = f"{prefix} {name}"
        names.append(full)
        names += _commands(cmd, full)
    return names


def test_every_cli_command_is_in_the_readme():
    commands = _commands(typer.main.get_command(app))
    assert "gonghui docs remove" in commands and "gonghui search" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_the_readme():
    missing = [f.name for f in dataclasses.fields(Settings) if f"GONGHUI_{f.name.upper()}" not in README]
    assert not missing, f"undocumented settings: {missing}"
