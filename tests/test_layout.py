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
