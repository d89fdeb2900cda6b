"""Article text from educators (issues #11.8, #13): a minimal phone-written article becomes a full one that the one
validator accepts; impossible dates and any other text are reported as file:line [field], never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.articles import parse_article
from ingest.minimal import article_id, detect_lang, is_full_article, to_article

TODAY = dt.date(2026, 12, 2)
ZH = """# 逾期一天会上征信吗？
source: 《征信业管理条例》第十六条；《个人信用信息基础数据库管理暂行办法》
## 逾期一天会上征信吗？
可能会：过了还款日没有足额还款，就可能在下一次报送时上报。
也问：晚还一天上征信吗｜逾期1天有影响吗

## 逾期记录保留多久？
不良记录自还清之日起保留5年。
> 例：小李2024年3月还清，记录一般到2029年3月不再展示。
依据：《征信业管理条例》第十六条

## 怎么查自己的征信？
可以在人民银行征信中心官网或银行App免费查询。
详见：credit-report-reading
"""


def test_a_minimal_article_becomes_a_valid_full_one() -> None:
    got = to_article("one-day-late.md", ZH, TODAY)
    assert got.errors == []
    article, problems = parse_article(Path("zh/one-day-late.md"), got.text)
    assert article is not None, [str(p) for p in problems]
    assert (article.id, article.lang, article.title, article.updated) == ("one-day-late", "zh", "逾期一天会上征信吗？",
                                                                          TODAY)
    assert article.sources == ("《征信业管理条例》第十六条", "《个人信用信息基础数据库管理暂行办法》")
    assert article.tags == ("未分类",) and len(article.sections) == 3
    assert article.sections[0].phrasings == ("晚还一天上征信吗", "逾期1天有影响吗")
    assert article.sections[1].basis == ("《征信业管理条例》第十六条",)
    assert "> 例：小李" in article.sections[1].body and article.sections[2].see_also == ("credit-report-reading",)
    assert [p.severity for p in problems] == []
    assert "lang: zh（按正文判断）" in got.read and f"updated: {TODAY}（今天）" in got.read


@pytest.mark.parametrize(("head", "sources", "tags", "updated"), [
    ("sources:\n- A rule\n- Another rule\ndate: 2026-11-30\ntags: [credit, late]", ("A rule", "Another rule"),
     ("credit", "late"), dt.date(2026, 11, 30)),
    ("source: A rule; Another rule\nupdated: 2026-11-30\n标签：credit、late", ("A rule", "Another rule"),
     ("credit", "late"), dt.date(2026, 11, 30)),
    ("来源：A rule", ("A rule",), ("untagged",), TODAY),
])
def test_field_spellings_are_all_accepted(head: str, sources: tuple[str, ...], tags: tuple[str, ...],
                                          updated: dt.date) -> None:
    text = f"# Is one day late reported?\n{head}\n## Is one day late reported?\nIt can be, at the next report.\n"
    got = to_article("late.md", text, TODAY)
    article, problems = parse_article(Path("en/late.md"), got.text)
    assert article is not None, [str(p) for p in problems]
    assert (article.lang, article.sources, article.tags, article.updated) == ("en", sources, tags, updated)


@pytest.mark.parametrize(("text", "error"), [
    ("# 标题\n## 问题？\n回答。\n", "没有来源"),
    ("# 标题\nsource: 《条例》\n只有一段话。\n", "没有小节"),
    ("# Title\n## Question?\nAnswer.\n", "no source"),
])
def test_only_a_missing_source_or_no_section_is_an_error_one_line_each(text: str, error: str) -> None:
    got = to_article("x.md", text, TODAY)
    assert len(got.errors) == 1 and got.errors[0].startswith(error) and "\n" not in got.errors[0]


def test_id_from_the_file_name_and_honoured_overrides() -> None:
    assert article_id("Card Overdue (v2).txt") == "card-overdue-v2"
    chinese = article_id("信用卡逾期.md")
    assert chinese.startswith("article-") and chinese == article_id("信用卡逾期.md")  # stable: a re-upload replaces
    got = to_article("x.md", "# T\nid: my-topic\nlang: en\ntype: hub\nsource: R\n## Q?\nA.\n", TODAY)
    article, _ = parse_article(Path("my-topic.md"), got.text)
    assert article is not None and (article.id, article.lang, article.kind) == ("my-topic", "en", "hub")


def test_language_detection_and_full_articles_left_alone() -> None:
    assert detect_lang("逾期一天会上征信吗") == "zh" and detect_lang("Is one day late reported?") == "en"
    assert detect_lang("我的credit card逾期了") == "zh"
    assert is_full_article("\ufeff---\nid: x\n") and not is_full_article(ZH)


def test_problems_point_at_the_lines_the_educator_wrote() -> None:
    text = "# T\nsource: R\nwrite-up notes\ndate: 2026-13-45\n## Q?\n\n## \n"
    got = to_article("x.md", text, TODAY)
    _, problems = parse_article(Path("x.md"), got.text)
    where = {(p.field, got.original_line(p.line)) for p in problems}
    assert ("updated", 4) in where and ("sections", 3) in where and ("sections", 7) in where


def test_an_impossible_date_in_a_full_article_is_a_line_and_field() -> None:
    text = "---\nid: x\ntitle: t\nlang: zh\ntags: [a]\nsources:\n  - s\nupdated: 2026-13-45\n---\n## q\nbody\n"
    article, problems = parse_article(Path("x.md"), text)
    assert article is None
    assert "x.md:8: error [updated]: updated '2026-13-45' must be a date like 2026-11-01" in [str(p) for p in problems]


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.text(max_size=400),
                 st.lists(st.sampled_from(["---", "id: x", "updated: 2026-13-45", "date: 99999-1-1", "## q",
                                           "# t", "source: s", "tags: [", "sources:", "- a", "!!binary x", "&a [*a]",
                                           "title: {a: b}", "> 例：", "也问：", "\ufeff", "\x00",
                                           "updated: 2026-02-30"]), max_size=30).map("\n".join)))
def test_no_text_makes_the_validator_or_the_converter_raise(text: str) -> None:
    parse_article(Path("x.md"), text)
    got = to_article("x.md", text, TODAY)
    parse_article(Path("x.md"), got.text)
