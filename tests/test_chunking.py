"""Chunking: sections first, then sentence ends; never mid-sentence; bounded size; title in the embedded text."""

from __future__ import annotations

from pathlib import Path

from ingest.articles import load_articles
from ingest.chunking import MAX_CHARS, chunk_article, split_sentences, split_text


def test_chinese_sentences_split_on_full_width_marks_and_keep_numbers_whole() -> None:
    text = "日息0.05%相当于年化18.25%。你还得上吗？“可以。”先还本金；再谈利息！"
    assert split_sentences(text) == [
        "日息0.05%相当于年化18.25%。",
        "你还得上吗？",
        "“可以。”",
        "先还本金；",
        "再谈利息！",
    ]


def test_english_sentences_keep_decimals_and_abbreviated_numbers() -> None:
    text = "A rate of 1.5% a month is 18% a year. Is that legal? It depends!"
    assert split_sentences(text) == ["A rate of 1.5% a month is 18% a year.", "Is that legal?", "It depends!"]


def test_a_legal_citation_or_abbreviation_does_not_end_a_sentence() -> None:
    # "…from a worker (Labour Contract Law, Art. 9), …" was cut at "Art." and the opening ended mid-bracket.
    text = "An employer may not take a deposit (Art. 84). Check Arts. 1 and 3, e.g. the first. Done."
    assert split_sentences(text) == ["An employer may not take a deposit (Art. 84).",
                                     "Check Arts. 1 and 3, e.g. the first.", "Done."]


def test_mixed_language_text() -> None:
    text = "Your 信用卡 minimum payment 不算逾期。But interest still applies."
    assert split_sentences(text) == ["Your 信用卡 minimum payment 不算逾期。", "But interest still applies."]


def test_long_text_is_packed_under_the_bound_without_cutting_sentences() -> None:
    sentence = "逾期记录自还清之日起保留五年，到期自动删除。"
    text = sentence * 60
    pieces = split_text(text, max_chars=200)
    assert len(pieces) > 1
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.endswith("。") for p in pieces)
    assert "".join(pieces) == text  # nothing lost, nothing added between Chinese sentences


def test_paragraphs_are_preferred_boundaries() -> None:
    para = "Short paragraph one. " * 5
    text = f"{para.strip()}\n\n{para.strip()}\n\n{para.strip()}"
    pieces = split_text(text, max_chars=250)
    assert all(p.startswith("Short paragraph one.") for p in pieces)
    assert sum(p.count("Short paragraph one.") for p in pieces) == 15


def test_a_single_overlong_sentence_stays_whole() -> None:
    sentence = "这是一句非常长而且没有任何标点的句子" * 20 + "。"
    assert split_text(sentence, max_chars=100) == [sentence]


def test_chunks_carry_title_section_and_metadata(kb_dir: Path) -> None:
    article = next(a for a in load_articles(kb_dir).articles if a.id == "card-demo")
    chunks = chunk_article(article)
    assert [c.id for c in chunks] == ["card-demo#0", "card-demo#1", "card-demo#2"]
    first = chunks[0]
    assert first.text.startswith("信用卡最低还款会怎样？ › 只还最低还款额算逾期吗？\n")
    assert first.body.startswith("按时还了最低还款额不算逾期")
    meta = first.metadata()
    assert meta["article_id"] == "card-demo" and meta["section_index"] == 0 and meta["lang"] == "zh"
    assert all(len(c.body) <= MAX_CHARS for c in chunks)


def test_hash_changes_with_content_only(kb_dir: Path) -> None:
    article = next(a for a in load_articles(kb_dir).articles if a.id == "card-demo")
    again = next(a for a in load_articles(kb_dir).articles if a.id == "card-demo")
    assert [c.content_hash for c in chunk_article(article)] == [c.content_hash for c in chunk_article(again)]
    path = kb_dir / "zh" / "card-demo.md"
    path.write_text(path.read_text(encoding="utf-8").replace("万分之五", "万分之四"), encoding="utf-8")
    changed = next(a for a in load_articles(kb_dir).articles if a.id == "card-demo")
    before = {c.id: c.content_hash for c in chunk_article(article)}
    after = {c.id: c.content_hash for c in chunk_article(changed)}
    assert [cid for cid in before if before[cid] != after[cid]] == ["card-demo#1"]


def test_an_ascii_quote_opening_the_next_sentence_stays_with_it() -> None:
    text = '逾期状态还会升级。"拖满5年就没事"是常见的误解。他说："好的。"然后走了。'
    expected = ["逾期状态还会升级。", '"拖满5年就没事"是常见的误解。', '他说："好的。"', "然后走了。"]
    assert split_sentences(text) == expected


def test_a_long_numbered_list_keeps_one_item_per_line_and_its_numbers() -> None:
    # Split by sentences, "1. …" once came back as "1. … 2. … 3." on one line, cut after the "3.".
    items = [f"{n}. Step number {n} of the plan: do this one thing carefully and keep the receipt for it."
             for n in range(1, 7)]
    text = "Act in this order:\n\n" + "\n".join(items)
    pieces = split_text(text, max_chars=250)
    lines = [ln for piece in pieces for ln in piece.splitlines() if ln.strip()]
    assert lines[1:] == items
    assert all(len(piece) <= 250 for piece in pieces)
