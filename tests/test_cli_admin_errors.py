"""Admin errors are explanations, never a wiped index or a traceback (issue #13): `finbot ingest --rebuild` checks
the backend and the articles before it touches the index and swaps a new index in only when it is complete;
`kb stats` refuses an unknown backend; a broken LPR table is a `kb check` error and calculations say so."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.config import get_settings
from ingest.index import KnowledgeIndex

lpr = importlib.import_module("bot.calculator.lpr")  # the module (bot.calculator.lpr is also a function's name)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, list(args), env=os.environ.copy())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is a test failure, not an exit status
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def stored(data: Path) -> dict[str, str]:
    return KnowledgeIndex.open(data).stored_hashes()


def test_rebuild_with_a_typo_in_the_backend_leaves_the_index_alone(finbot_env: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("ingest").returncode == 0
    before = stored(finbot_env)
    monkeypatch.setenv("FINBOT_EMBEDDING", "usee")
    result = run("ingest", "--rebuild")
    assert result.returncode == 1 and "unknown FINBOT_EMBEDDING 'usee'" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setenv("FINBOT_EMBEDDING", "use")
    assert stored(finbot_env) == before and len(before) == 9


def test_rebuild_with_a_backend_that_cannot_load_leaves_the_index_alone(finbot_env: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("ingest").returncode == 0
    before = stored(finbot_env)
    monkeypatch.setenv("FINBOT_EMBEDDING", "st:/no/such/model")
    result = run("ingest", "--rebuild")
    assert result.returncode == 1 and ("cannot load" in result.stderr or "st extra" in result.stderr)
    monkeypatch.delenv("FINBOT_EMBEDDING")
    assert stored(finbot_env) == before


def test_rebuild_is_refused_while_an_article_has_errors(finbot_env: Path, kb_dir: Path) -> None:
    assert run("ingest").returncode == 0
    before = stored(finbot_env)
    (kb_dir / "zh" / "broken.md").write_text("---\nid: broken\nupdated: 2026-13-45\n---\n## 问题？\n回答。\n",
                                             encoding="utf-8")
    result = run("ingest", "--rebuild")
    assert result.returncode == 1
    assert "broken.md:3: error [updated]" in result.stderr and "nothing was changed" in result.stderr
    assert stored(finbot_env) == before


def test_a_failure_half_way_through_a_rebuild_keeps_the_old_index(finbot_env: Path, kb_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("ingest").returncode == 0
    before = stored(finbot_env)
    calls = {"n": 0}
    real = KnowledgeIndex.sync

    def dies_while_embedding(self: KnowledgeIndex, chunks: object, **kwargs: object) -> object:
        calls["n"] += 1
        raise OSError("disk full")  # the embedding/writing of the new index fails

    monkeypatch.setattr(KnowledgeIndex, "sync", dies_while_embedding)
    with pytest.raises(OSError):
        run("ingest", "--rebuild")
    monkeypatch.setattr(KnowledgeIndex, "sync", real)
    assert calls["n"] == 1 and stored(finbot_env) == before
    names = [c.name for c in KnowledgeIndex.open(finbot_env).client.list_collections()]
    assert names == ["finbot_knowledge"]  # the half-built one is gone


def test_a_good_rebuild_swaps_in_the_new_index(finbot_env: Path, kb_dir: Path) -> None:
    assert run("ingest").returncode == 0
    article = kb_dir / "zh" / "card-demo.md"
    article.write_text(article.read_text(encoding="utf-8").replace("最低还款", "最低还款额"), encoding="utf-8")
    result = run("ingest", "--rebuild")
    assert result.returncode == 0 and "9 added" in result.stdout
    index = KnowledgeIndex.open(finbot_env)
    assert index.count() == 9 and [c.name for c in index.client.list_collections()] == ["finbot_knowledge"]
    assert any("最低还款额" in h.text for h in index.chunks())


def test_kb_stats_with_an_unknown_backend_is_an_error(finbot_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("ingest").returncode == 0
    monkeypatch.setenv("FINBOT_EMBEDDING", "bogus")
    result = run("kb", "stats")
    assert result.returncode == 1 and "unknown FINBOT_EMBEDDING 'bogus'" in result.stderr and result.stdout == ""
    monkeypatch.setenv("FINBOT_EMBEDDING", "use")
    assert json.loads(run("kb", "stats", "--json").stdout)["chunks"] == 9


@pytest.fixture
def broken_lpr_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    broken = tmp_path / "lpr_table.csv"
    broken.write_text(lpr.TABLE_PATH.read_text(encoding="utf-8").replace("2024-07-22,3.35", "2024-07-22,three"),
                      encoding="utf-8")
    monkeypatch.setattr(lpr, "TABLE_PATH", broken)
    lpr.load_table.cache_clear()
    yield broken
    lpr.load_table.cache_clear()


def test_a_broken_lpr_table_is_a_kb_check_error(finbot_env: Path, broken_lpr_table: Path) -> None:
    result = run("kb", "check")
    assert result.returncode == 1
    assert "error: the LPR table cannot be read" in result.stderr and f"{broken_lpr_table}:" in result.stderr
    assert "1 errors" in result.stdout


def test_with_a_broken_lpr_table_calculations_say_so_and_the_rest_answers(finbot_env: Path,
                                                                           broken_lpr_table: Path) -> None:
    calc = run("calc", "penalty", "--principal", "10000", "--rate", "0.05%", "--per", "day", "--days", "30")
    assert calc.returncode != 0 and "LPR 利率表文件损坏" in calc.stderr + calc.stdout  # one line, the CLI's zh
    assert "Traceback" not in calc.stderr
    asked = run("ask", "--json", "-")  # nothing on stdin: asks for a question, no crash
    assert asked.returncode == 2
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["ask", "--json", "-"], env=os.environ.copy(),
                                input="网贷欠1万，日息0.1%，逾期30天要还多少？\n逾期记录在征信上会保留几年？\n",
                                catch_exceptions=False)
    calculation, question = (json.loads(line) for line in result.stdout.splitlines())
    assert calculation["kind"] == "calculation" and "LPR 利率表" in calculation["text"]
    assert "\n" not in calculation["text"].strip()  # one line
    assert question["kind"] == "answer"
    converted = run("calc", "convert", "--rate", "0.05%", "--per", "day")  # tools that need no LPR still work
    assert converted.returncode == 0
