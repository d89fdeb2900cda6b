"""Letters: each of the three, in zh and en, written from a chat as text and .docx — its legal basis cited, where to
send it and what to keep said, no placeholder left and no fact the borrower did not give; the templates checked by
`finbot kb check`."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from bot.engine import letters
from bot.engine.letter_chat import Letters
from bot.engine.memory import Memory

REQUESTS = {
    ("negotiation", "zh"): "帮我写一份协商还款申请",
    ("complaint", "zh"): "帮我写一封催收投诉信",
    ("dispute", "zh"): "帮我写征信异议申请",
    ("negotiation", "en"): "Please write me a hardship letter to negotiate a repayment plan",
    ("complaint", "en"): "Draft a complaint about debt collectors for me",
    ("dispute", "en"): "Write a credit report dispute for me",
}
# The borrower's replies, fact by fact; None skips an optional fact.
REPLIES = {
    "zh": {"full_name": "张三", "lender": "招商银行信用卡中心", "debt_kind": "是", "account_tail": None,
           "amount_owed": "3万", "overdue_since": "2025年3月", "hardship": "2025年2月失业，目前每月收入约3000元",
           "proposal": "分36期，每月还1000元", "collector": "号码13800001234",
           "events": "3月2日23:40打来电话，说要去我单位闹", "third_party": "有",
           "demands": "立即停止夜间催收和联系第三人，核查后书面答复我", "institution": "某某消费金融有限公司",
           "record": "账户尾号4321，2024年6月起显示逾期，金额5000元", "why_wrong": "我已于2024年5月8日全部还清",
           "evidence": None},
    "en": {"full_name": "Zhang San", "lender": "ABC Consumer Finance Co., Ltd.", "debt_kind": "no",
           "account_tail": "7788", "amount_owed": "12000", "overdue_since": None,
           "hardship": "I lost my job in February 2025 and earn about 3000 a month now",
           "proposal": "24 monthly payments of 520", "collector": None,
           "events": "On 2 March at 23:40 a caller said they would come to my workplace", "third_party": "no",
           "demands": "stop calling at night and reply in writing", "institution": "ABC Consumer Finance Co., Ltd.",
           "record": "account ending 4321, shown overdue from June 2024, 5000", "why_wrong": "I repaid it in full "
           "on 8 May 2024", "evidence": "the settlement certificate"},
}
BASIS = {
    ("negotiation", "zh"): ["《商业银行信用卡业务监督管理办法》第七十条", "最长期限不超过5年"],
    ("negotiation", "en"): ["Article 543 of the Civil Code"],  # not a card: the civil-code rule, not Art. 70
    ("complaint", "zh"): ["2026年发布的《金融机构个人消费类贷款催收工作指引（试行）》", "据报道",
                          "《中华人民共和国个人信息保护法》第十条", "第六十五条"],
    ("complaint", "en"): ["As reported", "issued in 2026", "Article 65 of the Personal Information Protection Law"],
    ("dispute", "zh"): ["《征信业管理条例》第二十五条", "20日内"],
    ("dispute", "en"): ["Article 25 of the Regulations on the Administration of the Credit Reporting Industry",
                        "within 20 days"],
}
PLACEHOLDER_LEFT = re.compile(r"[{}]")


def write_in_chat(kind: str, lang: str) -> tuple[list[str], object, dict[str, str | None]]:
    """Drive the chat route from the request to the finished letter; (the questions asked, the last answer, the
    replies given)."""
    mem = Memory()
    route = Letters()
    answer = route.answer(REQUESTS[(kind, lang)], lang, mem)
    asked, given = [], {}
    while answer is not None and answer.attachment is None:
        fact = answer.needs_input[0]
        asked.append(fact)
        reply = REPLIES[lang][fact]
        given[fact] = reply
        answer = route.answer(reply if reply is not None else ("跳过" if lang == "zh" else "skip"), lang, mem)
    assert answer is not None and mem.letter is None
    return asked, answer, given


@pytest.mark.parametrize(("kind", "lang"), list(REQUESTS))
def test_each_letter_is_written_from_a_chat_with_its_basis_and_no_placeholder(kind: str, lang: str) -> None:
    _asked, answer, given = write_in_chat(kind, lang)
    text = answer.text
    assert not PLACEHOLDER_LEFT.search(text)
    for phrase in BASIS[(kind, lang)]:
        assert phrase in text, phrase
    heads = ("寄到哪里、怎么交", "要留好的东西") if lang == "zh" else ("Where to send it", "What to keep")
    assert all(h in text for h in heads)
    # every fact given is in the letter, exactly as said (money as an amount)
    for fact, reply in given.items():
        if reply is None or letters.load_facts()[fact].kind != "text":
            continue
        assert reply in text, fact
    # the .docx carries the same letter
    name, data = answer.attachment
    assert name == f"finbot-{kind}-{lang}.docx"
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text]
    title, rest = text.split("\n\n", 1)
    body = [line for line in rest.split("\n——")[0].split("\n") if line]
    assert paragraphs[0] == title and paragraphs[1:1 + len(body)] == body
    assert not any(PLACEHOLDER_LEFT.search(p) for p in paragraphs)


@pytest.mark.parametrize(("kind", "lang"), list(REQUESTS))
def test_a_letter_holds_no_fact_that_was_not_given(kind: str, lang: str) -> None:
    """Take out every reply the borrower gave: what is left has no figure the template itself does not have, and
    a skipped fact's line is gone."""
    _asked, answer, given = write_in_chat(kind, lang)
    text = answer.text
    facts = letters.load_facts()
    for fact, reply in sorted(given.items(), key=lambda kv: -len(kv[1] or "")):
        if reply and facts[fact].kind == "text":
            text = text.replace(reply, " ")
    text = text.replace("30,000.00", " ").replace("12,000.00", " ")  # the amounts said, as the letter shows them
    template = (letters.BUNDLED / lang / f"{kind}.md").read_text(encoding="utf-8")
    assert set(re.findall(r"\d+", text)) <= set(re.findall(r"\d+", template))
    skipped = [f for f, reply in given.items() if reply is None]
    for fact in skipped:
        lines = [ln for ln in template.splitlines() if f"{{{fact}}}" in ln]
        for line in lines:
            static = line.split("}", 1)[-1].split("{", 1)[0].strip()
            if len(static) > 3:
                assert static not in answer.text, (fact, static)


@pytest.mark.parametrize("fact", list(letters.load_facts().values()), ids=lambda f: f.name)
def test_every_fact_reads_the_example_beside_it(fact: letters.Fact) -> None:
    value, problem = letters.read_fact(fact, fact.example)
    assert problem is None and value, fact.name


def test_the_choice_decides_the_basis_and_a_bad_reply_is_asked_again() -> None:
    draft = letters.Draft("negotiation", "zh")
    facts = letters.load_facts()
    draft, problem = letters.give(draft, facts["amount_owed"], "很多")
    assert problem is not None and "amount_owed" not in draft.facts
    draft, problem = letters.give(draft, facts["debt_kind"], "不是，是网贷")
    assert problem is None and draft.facts["debt_kind"] == "other"
    draft, problem = letters.give(draft, facts["hardship"], "跳过")
    assert problem is not None  # a required fact cannot be skipped


def test_a_plan_from_my_debts_is_offered_and_used_only_when_accepted() -> None:
    from bot.engine.debts import Debts

    mem = Memory()
    Debts().answer("招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万，每月能还5000", "zh", mem)
    route = Letters()
    answer = route.answer("帮我写一份协商还款申请", "zh", mem)
    replies = {**REPLIES["zh"], "proposal": "用这个"}
    while answer.attachment is None:
        fact = answer.needs_input[0]
        if fact == "proposal":
            assert "按你在“我的欠款”里的计划，可以写：“分10期还清，平均每月约3,285元”" in answer.text
        reply = replies[fact]
        answer = route.answer(reply if reply is not None else "跳过", "zh", mem)
    assert "本人提出的还款方案：分10期还清，平均每月约3,285元。" in answer.text


def test_cancel_drops_the_draft_and_a_question_is_left_to_the_other_routes() -> None:
    mem = Memory()
    route = Letters()
    route.answer("帮我写征信异议申请", "zh", mem)
    assert route.answer("异议要多久有结果？", "zh", mem) is None and mem.letter is not None
    dropped = route.answer("取消", "zh", mem)
    assert dropped is not None and "不写了" in dropped.text and mem.letter is None
    assert route.answer("征信异议是什么意思？", "zh", Memory()) is None  # a question about letters, not a request


def test_kb_check_reports_letter_problems_without_touching_article_checks(tmp_path: Path) -> None:
    from bot.cli.main import cli
    from bot.config import get_settings

    knowledge = tmp_path / "knowledge"
    shutil.copytree(Path(__file__).parent / "fixtures" / "kb", knowledge)
    shutil.copytree(letters.BUNDLED, knowledge / "letters")
    get_settings.cache_clear()
    ok = CliRunner().invoke(cli, ["kb", "check", "--knowledge", str(knowledge)])
    assert ok.exit_code == 0 and "3 valid articles" in ok.stdout and "6 letter templates" in ok.stdout
    bad = knowledge / "letters" / "zh" / "dispute.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("{why_wrong}", "{why_wrng}")
                   .replace("?{evidence}", "?{evidence=maybe}"), encoding="utf-8")
    (knowledge / "letters" / "en" / "complaint.md").unlink()
    failed = CliRunner().invoke(cli, ["kb", "check", "--knowledge", str(knowledge)])
    assert failed.exit_code == 1 and "3 valid articles" in failed.stdout
    assert re.search(r"dispute\.md:\d+: unknown placeholder \{why_wrng\}", failed.stderr)
    assert "?{evidence=maybe}: 'maybe' is not one of its choices" in failed.stderr
    assert "complaint.md:0: missing" in failed.stderr


def test_finbot_letter_asks_what_is_missing_and_saves_the_docx(tmp_path: Path) -> None:
    from bot.cli.main import cli

    out = tmp_path / "dispute.docx"
    replies = ["账户尾号4321，2024年6月起显示逾期，金额5000元", "我已于2024年5月8日全部还清", "跳过"]
    result = CliRunner().invoke(cli, ["letter", "dispute", "--lang", "zh", "--fact", "full_name=张三", "--fact",
                                      "institution=某某消费金融有限公司", "--out", str(out)],
                                input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    assert "哪一条记录？" in result.output and "你的姓名" not in result.output  # given up front: not asked
    assert "《征信业管理条例》第二十五条" in result.output and "Word 文件已保存" in result.output
    assert any("我已于2024年5月8日全部还清" in p.text for p in Document(str(out)).paragraphs)
    unknown = CliRunner().invoke(cli, ["letter", "dispute", "--fact", "amount=1"])
    assert unknown.exit_code == 2 and "is not a fact of this letter" in unknown.output
