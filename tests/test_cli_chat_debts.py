"""`finbot chat` end to end: one message with four debts and a budget gets the table, the order, the months, the
interest, the minimums-only comparison, and /chart draws the balances; a letter asked for in the chat is written
fact by fact and saved as a .docx."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from bot.cli.main import cli
from bot.config import get_settings

KNOWLEDGE = Path(__file__).parent / "fixtures" / "answer" / "knowledge"
FOUR = ("招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，美团借钱6000年化36%每月还600，"
        "我每个月能拿出5000，先还哪个？")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data = tmp_path_factory.mktemp("chat-data")
    get_settings.cache_clear()
    yield {"FINBOT_DATA_DIR": str(data), "FINBOT_KNOWLEDGE_DIR": str(KNOWLEDGE), "FINBOT_EMBEDDING": "use",
           "FINBOT_LLM_BASE_URL": "", "FINBOT_LLM_MODEL": "", "CHROMA_HOST": ""}
    get_settings.cache_clear()


def chat(env: dict[str, str], lines: list[str], folder: Path) -> str:
    get_settings.cache_clear()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["chat"], input="\n".join([*lines, "/quit"]) + "\n", env=env,
                                    catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_four_debts_and_a_budget_in_one_message(env: dict[str, str], tmp_path: Path) -> None:
    out = chat(env, [FOUR, "/chart"], tmp_path)
    assert "1. 招行信用卡 · 信用卡 · 欠 30,000.00 元" in out and "4. 美团 · 小额贷款 · 欠 6,000.00 元" in out
    assert "美团 年化 36.00%，超过 24% 参考线" in out
    assert "建议顺序（多出来的钱先给谁）：美团 → 借呗 → 招行信用卡 → 朋友" in out
    assert "每月 5,000.00 元：15 个月全部还清" in out and "利息一共 4,438.94 元" in out
    assert "只还最低还款：美团、招行信用卡 25 个月还完" in out
    saved = re.search(r"\(chart saved to (.+?)\)", out)
    assert saved is not None and Path(saved.group(1)).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("request_text", "replies", "name", "basis"), [
    # "略过" as the questions suggest: the semantic crisis screen takes "跳过" ("jump over") for a crisis
    ("帮我写一份协商还款申请", ["张三", "招商银行信用卡中心", "是", "略过", "3万", "2025年3月", "2025年2月失业",
                                "分36期，每月还1000元"], "finbot-negotiation-zh.docx", "第七十条"),
    ("Draft a complaint about debt collectors for me",
     ["Zhang San", "ABC Consumer Finance Co., Ltd.", "skip", "skip", "On 2 March at 23:40 a caller threatened me",
      "yes", "stop calling at night"], "finbot-complaint-en.docx", "Article 10 of the Personal Information"),
])
def test_a_letter_written_in_the_chat_is_saved_as_docx(env: dict[str, str], tmp_path: Path, request_text: str,
                                                         replies: list[str], name: str, basis: str) -> None:
    out = chat(env, [request_text, *replies], tmp_path)
    assert basis in out and "{" not in out.split("finbot ›")[-1]
    doc = tmp_path / name
    assert f"(saved {doc.resolve()})" in out
    assert any(replies[0] in p.text for p in Document(str(doc)).paragraphs)
