"""`finbot ask`, `finbot chat` and `finbot eval` through the real command line (click's runner)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.config import get_settings

FIXTURES = Path(__file__).parent / "fixtures" / "answer"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data = tmp_path_factory.mktemp("cli-data")
    get_settings.cache_clear()
    yield {"FINBOT_DATA_DIR": str(data), "FINBOT_KNOWLEDGE_DIR": str(FIXTURES / "knowledge"),
           "FINBOT_EMBEDDING": "use", "FINBOT_LLM_BASE_URL": "", "FINBOT_LLM_MODEL": "", "CHROMA_HOST": ""}
    get_settings.cache_clear()


def run(env: dict[str, str], args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, args, input=stdin, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_batch_from_stdin_in_order(env: dict[str, str]) -> None:
    questions = ["逾期记录在征信上会保留几年？", "", "明天天气怎么样？", "怎么躲催收",
                 "网贷欠1万，日息0.1%，逾期30天要还多少？"]
    code, out, err = run(env, ["ask", "--json", "-"], "\n".join(questions) + "\n")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [o["question"] for o in lines] == [q for q in questions if q]  # blank lines skipped, order kept
    assert [o["kind"] for o in lines] == ["answer", "no_answer", "refusal", "calculation"]
    assert all(set(o) == {"question", "kind", "text", "sources", "language"} for o in lines)
    assert lines[0]["sources"][0]["id"] == "credit-report-retention"


def test_first_ask_on_fresh_data_dir_says_it_ingests(tmp_path: Path, env: dict[str, str]) -> None:
    fresh = {**env, "FINBOT_DATA_DIR": str(tmp_path / "fresh")}
    code, out, err = run(fresh, ["ask", "逾期记录在征信上会保留几年？"])
    assert code == 0
    assert "ingesting" in err and "5年" in out and "来源：" in out


def test_ask_joins_words_into_one_question(env: dict[str, str]) -> None:
    code, out, _ = run(env, ["ask", "How", "long", "does", "a", "late", "payment", "stay?"])
    assert code == 0
    assert "5 years" in out and "Sources:" in out and out.count("Sources:") == 1


def test_chat_keeps_context_and_resets(env: dict[str, str]) -> None:
    script = "网贷欠1万，日息0.1%，逾期30天要还多少？\n如果逾期60天呢？\n/reset\n如果逾期60天呢？\n/quit\n"
    code, out, err = run(env, ["chat"], script)
    assert code == 0, err
    assert "10,300.00" in out and "10,600.00" in out
    assert "(conversation cleared)" in out
    after_reset = out.split("(conversation cleared)")[1]
    assert "10,600.00" not in after_reset


def test_eval_reports_metrics_and_json(env: dict[str, str]) -> None:
    code, out, err = run(env, ["eval", "--questions", str(FIXTURES / "questions.yaml"), "--json"])
    assert code == 0, err
    report = json.loads(out)["reports"][0]
    assert report["questions"] == 13
    assert report["retrieval"]["all"]["hit@3"] == 1.0
    assert report["kind_rates"]["crisis"]["rate"] == 1.0 and report["kind_rates"]["refusal"]["rate"] == 1.0
    assert report["fact_coverage"] >= 0.9
    assert report["misses"] == []


def test_eval_text_report_and_bad_file(tmp_path: Path, env: dict[str, str]) -> None:
    code, out, _ = run(env, ["eval", "--questions", str(FIXTURES / "questions.yaml")])
    assert code == 0 and "hit@3" in out and "answer fact coverage" in out and "misses (0)" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("- q: x\n  lang: zh\n  kind: maybe\n", encoding="utf-8")
    code, _, err = run(env, ["eval", "--questions", str(bad)])
    assert code != 0 and "kind" in err
