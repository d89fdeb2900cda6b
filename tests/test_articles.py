"""Article loading: valid files load; every invalid one is named with line, field and a fix; the rest still load."""

from __future__ import annotations

from pathlib import Path

from ingest.articles import load_articles, parse_article

GOOD = """---
id: demo-article
title: 逾期会怎样？
lang: zh
tags: [逾期]
sources:
  - 《征信业管理条例》第十六条
updated: 2026-11-01
---
## 问题一？
回答一。

## 问题二？
回答二。

## 问题三？
回答三。
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_knowledge_base_loads_cleanly(kb_dir: Path) -> None:
    result = load_articles(kb_dir)
    assert sorted(a.id for a in result.articles) == ["card-demo", "retention-demo", "retention-demo-en"]
    assert result.problems == []
    article = next(a for a in result.articles if a.id == "retention-demo")
    assert article.lang == "zh"
    assert article.sections[0].heading == "逾期记录会保留几年？"
    assert article.sections[0].body.startswith("不良信息自不良行为")
    assert article.sources == ("《征信业管理条例》（国务院，2013）第十六条",)


def test_missing_field_names_file_line_field_and_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "zh/demo-article.md", GOOD.replace("sources:\n  - 《征信业管理条例》第十六条\n", ""))
    result = load_articles(tmp_path)
    assert result.articles == []
    (problem,) = result.errors
    assert problem.path == path and problem.field == "sources"
    assert "list the rules" in problem.message
    assert str(problem).startswith(f"{path}:")


def test_bad_yaml_reports_the_line(tmp_path: Path) -> None:
    write(tmp_path, "zh/demo-article.md", GOOD.replace("title: 逾期会怎样？", 'title: "unclosed'))
    (problem,) = load_articles(tmp_path).errors
    assert "not valid YAML" in problem.message
    assert problem.line >= 2


def test_invalid_values_are_each_reported(tmp_path: Path) -> None:
    text = GOOD.replace("id: demo-article", "id: Demo Article").replace("lang: zh", "lang: fr")
    text = text.replace("updated: 2026-11-01", "updated: yesterday")
    write(tmp_path, "zh/demo-article.md", text)
    fields = {p.field for p in load_articles(tmp_path).errors}
    assert fields == {"id", "lang", "updated"}


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path, "zh/demo-article.md", GOOD)
    write(tmp_path, "zh/broken.md", "no front matter at all\n")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["demo-article"]
    assert len(result.errors) == 1 and result.errors[0].path.name == "broken.md"


def test_duplicate_ids_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "zh/demo-article.md", GOOD)
    write(tmp_path, "zh/zz-copy.md", GOOD)
    result = load_articles(tmp_path)
    assert len(result.articles) == 1
    (problem,) = result.errors
    assert problem.field == "id" and "duplicate id 'demo-article'" in problem.message


def test_structure_warnings_do_not_block_indexing(tmp_path: Path) -> None:
    text = GOOD.replace("---\n## 问题一？", "---\n# 标题\n前言。\n\n## 问题一？")
    text = text.replace("## 问题三？\n回答三。\n", "")
    write(tmp_path, "en/demo-article.md", text)
    result = load_articles(tmp_path)
    assert len(result.articles) == 1
    messages = " ".join(p.message for p in result.warnings)
    assert "title comes from front matter" in messages
    assert "not indexed" in messages
    assert "2 sections" in messages
    assert "file is in en/" in messages


def test_a_stray_quotation_mark_is_named_with_its_line(tmp_path: Path) -> None:
    # The composer reads every sentence after an open quote as the quotation's and never shows it: a typo'd mark
    # would hide the rest of the paragraph from every answer.
    text = GOOD.replace("回答二。", '回答二。\n\n可以这样说："我想分期。然后每月按时还。\n\n另起一段。')
    article, problems = parse_article(tmp_path / "demo-article.md", text)
    assert article is not None
    quotes = [p for p in problems if p.field == "quotes"]
    assert len(quotes) == 1 and quotes[0].severity == "warning" and quotes[0].line == text.splitlines().index(
        '可以这样说："我想分期。然后每月按时还。') + 1, quotes
    paired = GOOD.replace("回答二。", '回答二。\n\n可以这样说：“我想分期。”然后每月按时还。')
    assert not [p for p in parse_article(tmp_path / "demo-article.md", paired)[1] if p.field == "quotes"]


def test_empty_section_and_no_sections_are_errors(tmp_path: Path) -> None:
    article, problems = parse_article(tmp_path / "demo-article.md", GOOD.replace("回答二。", ""))
    assert article is None and [p.message for p in problems if "is empty" in p.message]
    head = GOOD.split("## ")[0]
    article, problems = parse_article(tmp_path / "demo-article.md", head + "只有正文。\n")
    assert article is None and any(p.field == "sections" and p.severity == "error" for p in problems)


def test_heading_inside_code_fence_is_not_a_section(tmp_path: Path) -> None:
    text = GOOD.replace("回答一。", "回答一。\n\n```\n## not a heading\n```")
    article, _ = parse_article(tmp_path / "demo-article.md", text)
    assert article is not None and len(article.sections) == 3
    assert "## not a heading" in article.sections[0].body


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    result = load_articles(tmp_path / "nope")
    assert "FINBOT_KNOWLEDGE_DIR" in result.errors[0].message


HUB = """---
id: card-overdue-hub
title: 信用卡逾期了怎么办？
lang: zh
type: hub
tags: [信用卡]
sources:
  - 《商业银行信用卡业务监督管理办法》第七十条
updated: 2026-11-01
---
## 信用卡刚逾期，先做什么？
**也问：** 信用卡逾期了怎么办｜xyk逾期了咋整
先还上最低还款额，再联系银行。

> 例：假设小李晚还了3天，
> 他当天还上了最低还款额。

依据：《商业银行信用卡业务监督管理办法》第七十条；《征信业管理条例》第十六条
详见：demo-article、no-such-article

## 问题二？
回答二。

举个例子：你欠了3万元。

## 问题三？
回答三。

> 这一段引用没有写明是例子。
"""


def test_educator_lines_are_read_out_of_the_answer_text(tmp_path: Path) -> None:
    write(tmp_path, "zh/demo-article.md", GOOD)
    write(tmp_path, "zh/card-overdue-hub.md", HUB)
    result = load_articles(tmp_path)
    hub = next(a for a in result.articles if a.id == "card-overdue-hub")
    first = hub.sections[0]
    assert hub.kind == "hub"
    assert first.phrasings == ("信用卡逾期了怎么办", "xyk逾期了咋整")
    assert first.basis == ("《商业银行信用卡业务监督管理办法》第七十条", "《征信业管理条例》第十六条")
    assert first.see_also == ("demo-article", "no-such-article")
    # the answer text keeps the answer and the example, never the labelled lines
    assert first.body.startswith("先还上最低还款额") and "> 例：假设小李" in first.body
    assert "也问" not in first.body and "依据" not in first.body and "详见" not in first.body
    warned = {(p.line, p.field) for p in result.warnings}
    assert (11, "see_also") in warned  # an id that names no article (reported at its section)
    assert (24, "example") in warned  # an example written as a plain statement about "你"
    assert (29, "example") in warned  # a blockquote that does not say it is an example
    assert not result.errors


def test_unknown_article_type_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "zh/demo-article.md", GOOD.replace("lang: zh\n", "lang: zh\ntype: guide\n"))
    article, problems = parse_article(path, path.read_text(encoding="utf-8"))
    assert article is None and [p.field for p in problems] == ["type"]


def test_a_phrasing_line_is_read_the_same_way_by_tools_that_edit_it() -> None:
    # benchmarks/without_phrasings.py edits these lines; every label spelling ingest accepts must count there too.
    from ingest.articles import phrasing_line

    assert phrasing_line("**也可以问**：信用卡逾期咋办｜卡还不上了 。") == ("也可以问：",
                                                                    ["信用卡逾期咋办", "卡还不上了"])
    assert phrasing_line("Also asked: card overdue | what now") == ("Also asked: ", ["card overdue", "what now"])
    assert phrasing_line("也问这个问题的人很多。") is None
