"""`finbot ingest` and `finbot kb check|list|stats` as an educator uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.config import get_settings


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (click's CliRunner), with the settings re-read from the environment."""
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, list(args), env=os.environ.copy())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is a test failure, not an exit status
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def test_ingest_prints_a_summary_and_is_incremental(finbot_env: Path) -> None:
    first = run("ingest")
    assert first.returncode == 0, first.stderr
    assert "3 articles" in first.stdout and "9 added, 0 updated, 0 removed, 0 unchanged chunks" in first.stdout
    second = run("ingest")
    assert "0 added, 0 updated, 0 removed, 9 unchanged chunks" in second.stdout


def test_ingest_trains_the_section_classifier_so_the_first_question_does_not(finbot_env: Path, kb_dir: Path) -> None:
    first = run("ingest")
    assert "answer tables ready" in first.stdout, first.stdout
    trained = list((finbot_env / "cache").glob("section-classifier-*.pkl"))
    assert len(trained) == 1
    stamp = trained[0].stat().st_mtime_ns
    asked = run("ask", "征信上的逾期记录保留几年")
    assert asked.returncode == 0 and asked.stdout.strip()
    assert trained[0].stat().st_mtime_ns == stamp  # the question loaded the weights; it did not train again
    article = next((kb_dir / "zh").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\n## 新加的问题？\n新加的回答。\n", encoding="utf-8")
    run("ingest")
    retrained = list((finbot_env / "cache").glob("section-classifier-*.pkl"))
    assert len(retrained) == 1 and retrained != trained  # an edited knowledge base: trained at ingest, old one gone


def test_ingest_dry_run_and_rebuild(finbot_env: Path) -> None:
    runner = CliRunner()
    dry = runner.invoke(cli, ["ingest", "--dry-run"])
    assert dry.exit_code == 0 and "dry run, nothing written: 9 added" in dry.output
    assert runner.invoke(cli, ["ingest"]).exit_code == 0
    rebuilt = runner.invoke(cli, ["ingest", "--rebuild"])
    assert rebuilt.exit_code == 0 and "9 added" in rebuilt.output


def test_ingest_with_a_bad_file_indexes_the_rest_and_exits_non_zero(finbot_env: Path, kb_dir: Path) -> None:
    (kb_dir / "zh" / "broken.md").write_text("---\nid: broken\n---\n## 问题？\n回答。\n", encoding="utf-8")
    result = run("ingest")
    assert result.returncode == 1
    assert "broken.md:" in result.stderr and "[title]" in result.stderr and "missing 'title'" in result.stderr
    assert "9 added" in result.stdout
    assert "1 file(s) were not indexed" in result.stderr


def test_switching_backend_without_rebuild_says_what_to_do(finbot_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("ingest").returncode == 0
    monkeypatch.setenv("FINBOT_EMBEDDING", "e5")
    result = run("ingest")
    assert result.returncode == 1
    assert "finbot ingest --rebuild" in result.stderr and "Traceback" not in result.stderr
    # stats still tells which backend the index was really built with
    assert json.loads(run("kb", "stats", "--json").stdout)["embedding"] == "use"


def test_kb_check_passes_on_valid_and_fails_on_invalid(finbot_env: Path, kb_dir: Path) -> None:
    ok = run("kb", "check")
    assert ok.returncode == 0 and "3 valid articles" in ok.stdout and "0 errors" in ok.stdout
    bad = kb_dir / "en" / "retention-demo-en.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("lang: en", "lang: english"), encoding="utf-8")
    failed = run("kb", "check")
    assert failed.returncode == 1
    assert f"{bad}:4: error [lang]: lang 'english' must be one of: zh, en" in failed.stderr


def test_kb_check_warns_when_a_what_to_do_phrasing_is_on_a_hub_and_elsewhere(finbot_env: Path, kb_dir: Path) -> None:
    card = kb_dir / "zh" / "card-demo.md"
    text = card.read_text(encoding="utf-8").replace("title:", "type: hub\ntitle:", 1)
    heading = "## 还不上最低还款怎么办？\n"
    card.write_text(text.replace(heading, heading + "也问：信用卡还不上怎么办\n"), encoding="utf-8")
    retention = kb_dir / "zh" / "retention-demo.md"
    heading = "## 逾期记录会保留几年？\n"
    text = retention.read_text(encoding="utf-8")
    retention.write_text(text.replace(heading, heading + "也问：信用卡还不上怎么办｜留几年\n"), encoding="utf-8")
    out = run("kb", "check")
    assert out.returncode == 0, out.stdout + out.stderr  # a warning, not an error
    assert f"{retention}:10: warning [phrasings]: section '逾期记录会保留几年？' lists '信用卡还不上怎么办', which " \
        "the hub 'card-demo' lists too" in out.stderr


def test_kb_list_and_stats_json(finbot_env: Path) -> None:
    listed = run("kb", "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {r["id"] for r in rows} == {"card-demo", "retention-demo", "retention-demo-en"}
    assert rows[0]["sections"] and rows[0]["lang"] in ("zh", "en")
    assert json.loads(run("kb", "stats", "--json").stdout)["chunks"] == 0
    run("ingest")
    stats = json.loads(run("kb", "stats", "--json").stdout)
    assert stats == {"articles": 3, "chunks": 9, "embedding": "use", "languages": {"zh": 2, "en": 1}}


def test_python_dash_m_bot_is_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "ingest" in result.stdout and "calc" in result.stdout


def test_an_unknown_embedding_is_one_clear_line_and_leaves_no_half_made_index(
    finbot_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINBOT_EMBEDDING", "word2vec")
    for args in (("ask", "征信保留几年"), ("ingest",)):
        result = run(*args)
        assert result.returncode == 1
        assert "unknown FINBOT_EMBEDDING 'word2vec'" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.delenv("FINBOT_EMBEDDING")
    assert "9 added" in run("ingest").stdout
