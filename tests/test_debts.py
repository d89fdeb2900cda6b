"""My debts: a list read from plain words, the table understood, corrections, the plan and the chart.

The engine here is bot/engine/debts.py without an index (the chat route adds only the cited background on top,
tests/telegram/test_tg_debts.py covers that path end to end).
"""

from __future__ import annotations

from decimal import Decimal as D

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculator import run_tool
from bot.charts import debt_chart
from bot.engine.debts import Book, Debts, apply, inputs, status
from bot.engine.memory import Memory
from bot.understand.debts import read_debts
from bot.understand.facts import extract

ISSUE = "招行信用卡欠3万最低还1500，借呗1万2日息万五，朋友借的2万"
FOUR = ISSUE + "，美团借钱6000年化36%每月还600，我每个月能拿出5000，先还哪个？"


def test_the_issues_example_is_read_debt_by_debt() -> None:
    r = read_debts(ISSUE + "，每月能还5000")
    got = [(d.name, d.kind, d.balance, d.rate, d.rate_unit, d.min_payment) for d in r.debts]
    assert got == [("招行信用卡", "credit_card", D(30000), None, None, D(1500)),
                   ("借呗", "consumer_finance", D(12000), D("0.0005"), "daily", None),
                   ("朋友", "private_lending", D(20000), None, None, None)]
    assert r.budget == D(5000)


def test_english_and_one_per_line_read_the_same_way() -> None:
    r = read_debts("credit card 30,000 minimum 1,500; Jiebei 12,000 at 0.05% a day; 20,000 from a friend; "
                   "Meituan 6000 at 24% a year, 600 a month; I can pay 5,000 a month")
    assert [(d.name, d.balance, d.min_payment) for d in r.debts] == [
        ("credit card", D(30000), D(1500)), ("Jiebei", D(12000), None), ("friend", D(20000), None),
        ("Meituan", D(6000), D(600))]
    assert r.budget == D(5000)
    lines = read_debts("欠招行信用卡3万\n借呗1万2 日息万五\n朋友2万")
    assert [(d.name, d.kind) for d in lines.debts] == [("招行信用卡", "credit_card"), ("借呗", "consumer_finance"),
                                                       ("朋友", "private_lending")]


def test_one_message_with_four_debts_and_a_budget_gets_the_whole_answer() -> None:
    mem = Memory()
    ans = Debts().answer(FOUR, "zh", mem)
    assert ans is not None and ans.kind == "calculation" and ans.calc["tool"] == "plan" and ans.chart_available
    result = ans.calc
    text = ans.text
    # the table, with the defaults said next to the debt they apply to
    assert "1. 招行信用卡 · 信用卡 · 欠 30,000.00 元 · 年化 18.25%" in text and "没说利率" in text
    assert "3. 朋友 · 个人借贷（借条） · 欠 20,000.00 元" in text and "《民法典》第六百八十条" in text
    # the cap: 36% a year is above the 24% line
    assert "美团 年化 36.00%，超过 24% 参考线" in text
    # the order and why, the months and interest under the budget, the other order, minimums only
    assert "建议顺序（多出来的钱先给谁）：美团 → 借呗 → 招行信用卡 → 朋友" in text and "雪崩法" in text
    assert f"{result['months']} 个月全部还清" in text and f"{D(result['total_interest']):,.2f}" in text
    assert "雪球法" in text and f"{D(result['other_strategy']['total_interest']):,.2f}" in text
    assert "只还最低还款：" in text and "借呗：没有最低还款额" in text
    assert result["minimums_only"]["never_paid_off"] == ["借呗", "朋友"]
    png = debt_chart(result, "zh")
    assert png.startswith(b"\x89PNG")
    # what the answer says is what the calculator computes for the list
    assert result == run_tool("plan", inputs(Book.from_dict(mem.debts)), lang="zh")


def test_the_list_is_corrected_in_plain_words_and_questions_are_left_to_the_other_routes() -> None:
    mem = Memory()
    route = Debts()
    route.answer(FOUR, "zh", mem)
    ans = route.answer("借呗改成1万5", "zh", mem)
    assert ans is not None and "2. 借呗 · 消费金融 · 欠 15,000.00 元" in ans.text
    ans = route.answer("删掉美团", "zh", mem)
    assert ans is not None and "· 美团 ·" not in ans.text and "3. 朋友" in ans.text
    ans = route.answer("每月能还6000", "zh", mem)
    assert ans is not None and ans.calc["inputs_used"]["monthly_budget"] == D(6000)
    assert route.answer("逾期三天会上征信吗？", "zh", mem) is None  # not about the list
    assert [i["name"] for i in mem.debts["items"]] == ["招行信用卡", "借呗", "朋友"]


def test_a_rate_without_a_unit_is_asked_about_and_the_reply_fills_it() -> None:
    mem = Memory()
    route = Debts()
    ans = route.answer("网贷欠1万利率1.5，花呗5000月息1.5%，每月能还3000", "zh", mem)
    assert ans is not None and ans.calc is None and "网贷 的 1.5% 是按天、按月还是按年？" in ans.text
    ans = route.answer("按月", "zh", mem)
    assert ans is not None and ans.calc is not None
    assert "年化 18.00%（月 1.50%）" in ans.text.split("\n")[1]


def test_only_the_minimum_on_one_card_says_how_long_and_what_a_fixed_payment_saves() -> None:
    ans = Debts().answer("信用卡欠3万，只还最低要还几年？", "zh", Memory())
    assert ans is not None and ans.calc["inputs_used"]["strategy"] == "minimums_only"
    r = ans.calc
    assert f"要 {r['months']} 个月" in ans.text and f"{D(r['total_interest']):,.2f}" in ans.text
    assert "余额的 10% 加当月利息，不少于 100 元（100 元是假设" in ans.text
    assert "如果每月固定还 3,456.25 元" in ans.text  # 30,000 × 10% + 30,000 × 0.05% × 365 / 12 = 3,000 + 456.25


def test_single_debt_questions_are_not_taken_for_a_list() -> None:
    route = Debts()
    for text in ("欠一万逾期两个月要还多少？", "借呗1万和花呗5000逾期会上征信吗？",
                 "信用卡账单1万只还最低1000，20天后还清，利息多少"):
        assert route.answer(text, "zh", Memory()) is None, text
    # Two sums in a question of its own are a situation, not a list ("do i owe" mid-sentence asks).
    assert route.answer("contract says 10000 but only 9000 arrived in my account, do i owe 10000", "en",
                        Memory()) is None


def test_how_many_lenders_is_not_how_much_is_owed() -> None:
    """"欠了7个平台" counts platforms: a list must never show a debt of ¥7 or "owes 9.00"."""
    zh = read_debts("欠了7个平台 2张信用卡 一共20万")
    assert all(d.balance is None or d.balance >= 100 for d in zh.debts)
    en = read_debts("i owe on 9 loan apps and 3 cards, something like 260k all in")
    assert [d.balance for d in en.debts if d.balance is not None] in ([], [D(260000)])
    assert read_debts("I paid the minimum on my 5000 card bill").debts[0].balance == D(5000)
    # "4 different apps" counts apps, and "about 50k RMB total" is their total: no debt "loans on" owing 4.00, and
    # nothing to list (was "1. loans on · owes 4.00  2. about · owes 50,000.00")
    told = "I have loans on 4 different apps, all overdue, about 50k RMB total"
    assert all(d.balance is None or d.balance >= 100 for d in read_debts(told).debts)
    assert Debts().answer(told, "en", Memory()) is None


def test_what_a_borrower_earns_is_not_listed_as_a_debt() -> None:
    """"信用卡欠了8万，工资才4千，实在还不上了" was listed as two debts, the second "工资才" owing 4,000."""
    assert Debts().answer("信用卡欠了8万，工资才4千，实在还不上了", "zh", Memory()) is None
    reading = read_debts("招行信用卡欠3万，借呗1万2，朋友借的2万，工资才6千，每月能还5000")
    assert [d.balance for d in reading.debts] == [D(30000), D(12000), D(20000)] and reading.budget == D(5000)
    assert [d.balance for d in read_debts("card 30000, jiebei 12000, my salary is only 8000").debts] == [
        D(30000), D(12000)]


def test_a_credit_line_cut_is_not_a_debt_owed() -> None:
    """"额度从5万降到了1万，但我已经欠了3万" was listed as two debts ("广发卡额度从" owing 50,000, "但我已经" 30,000)
    and answered with a rate question; it is one card owing 3万, a question for the limit-cut section."""
    text = "我的广发卡额度从5万降到了1万，但我已经欠了3万"
    assert [d.balance for d in read_debts(text).debts] == [D(30000)]
    assert Debts().answer(text, "zh", Memory()) is None
    # the two ends of any change are one quantity: a monthly payment cut stays a monthly payment
    assert [a.role for a in extract("月供从3000降到了2000").amounts] == ["payment", "payment"]


def test_the_book_round_trips_and_a_broken_one_is_empty() -> None:
    book = Book()
    apply(book, ISSUE + "，每月能还5000")
    again = Book.from_dict(book.to_dict())
    assert again.to_dict() == book.to_dict() and again.budget == D(5000)
    assert Book.from_dict({"items": "x"}).items == [] and Book.from_dict(None).items == []
    assert status(again, "en").result is not None


def test_finbot_debts_in_the_terminal(tmp_path) -> None:
    from bot.cli.main import cli

    chart = tmp_path / "plan.png"
    lines = [ISSUE, "每月能还5000", "借呗改成1万5", f"/chart {chart}", "/remove 朋友", "/quit"]
    out = CliRunner().invoke(cli, ["debts", "--lang", "zh"], input="\n".join(lines) + "\n")
    assert out.exit_code == 0, out.output
    assert "每个月一共能拿出多少钱还债？" in out.output  # asked after the list
    assert "建议顺序（多出来的钱先给谁）：借呗 → 招行信用卡 → 朋友" in out.output
    assert "2. 借呗 · 消费金融 · 欠 15,000.00 元" in out.output
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "朋友" not in out.output.rsplit("你的欠款", 1)[1]  # the last table, after /remove 朋友


def test_finbot_debts_answers_a_crisis_first() -> None:
    from bot.cli.main import cli

    out = CliRunner().invoke(cli, ["debts", "--lang", "zh"], input="我不想活了\n/quit\n")
    assert out.exit_code == 0 and "12356" in out.output


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="招行信用卡欠借呗日息万五千最低还每月能1234567890,，.%年化按天改成删掉朋友 abc\n",
                        max_size=40), max_size=4))
def test_any_messages_leave_the_list_usable(messages: list[str]) -> None:
    """Whatever is typed, the list takes it or ignores it, and the answer is words — never an exception."""
    book = Book()
    for text in messages:
        apply(book, text)
        outcome = status(book, "zh")
        assert isinstance(outcome.text, str)
    assert Book.from_dict(book.to_dict()).to_dict() == book.to_dict()
