"""The house keeps its shape: the engine's core and safety load without the heavy adapters (chromadb, langchain)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("chromadb", "langchain", "langchain_core", "telegram")


@pytest.mark.parametrize("modules", ["bot.engine.compose, bot.safety", "bot.engine.answer", "bot.cli.main"])
def test_core_imports_load_no_heavy_library(modules: str) -> None:
    code = (f"import sys, {modules}\n"
            f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "", f"importing {modules} loaded {loaded}"


# Data flows one way: knowledge → ingest → index → answer → faces. A lower room never reaches up, not even
# through an import inside a function (those were how the engine once called the evaluation code).
UPWARD = {
    "ingest": ("bot.engine", "bot.cli", "bot.telegram", "bot.eval"),
    "bot/engine": ("bot.cli", "bot.telegram", "bot.eval"),
    "bot/safety": ("bot.engine", "bot.cli", "bot.telegram", "bot.eval"),
    "bot/calculator": ("bot.engine", "bot.cli", "bot.telegram", "bot.eval"),
    "bot/understand": ("bot.cli", "bot.telegram", "bot.eval"),
}


@pytest.mark.parametrize("room", sorted(UPWARD))
def test_no_room_imports_a_room_above_it(room: str) -> None:
    import ast
    from pathlib import Path

    root = Path(__file__).parents[1]
    found = []
    for path in sorted((root / room).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(root)}:{node.lineno} {n}" for n in names
                      if any(n == up or n.startswith(up + ".") for up in UPWARD[room])]
    assert found == [], "\n".join(found)
