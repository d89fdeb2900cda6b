"""The Chroma index: incremental sync by content hash, deletions, backend guard, rebuild, dry run, search."""

from __future__ import annotations

from pathlib import Path

import chromadb
import pytest

from ingest.index import EXACT_EF, KnowledgeIndex, KnowledgeIndexError
from ingest.pipeline import ingest, open_index


def make_index(data: Path, embedding: str = "use") -> KnowledgeIndex:
    return KnowledgeIndex.open(data, embedding)


def test_first_ingest_adds_every_section_and_search_finds_the_answer(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    result = ingest(kb_dir, index)
    assert (result.report.added, result.report.unchanged) == (9, 0)
    hits = index.search("还了最低还款额会不会算逾期", k=3)
    assert hits[0].article_id == "card-demo" and hits[0].section == "只还最低还款额算逾期吗？"
    assert hits[0].text.startswith("按时还了最低还款额不算逾期")
    assert hits[0].sources == ["中国人民银行《关于信用卡业务有关事项的通知》（银发〔2016〕111号）"]
    assert 0 < hits[0].score <= 1 and hits[0].score >= hits[-1].score


def test_language_filter_and_cross_language_search(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    english = index.search("how long does a late payment stay on my report", k=2, lang="en")
    assert {h.lang for h in english} == {"en"} and english[0].article_id == "retention-demo-en"
    chinese = index.search("how long does a late payment stay on my report", k=2, lang="zh")
    assert {h.lang for h in chinese} == {"zh"} and chinese[0].article_id == "retention-demo"


def test_second_run_embeds_nothing(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    report = ingest(kb_dir, make_index(tmp_path / "data")).report
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 9)


def test_edit_delete_and_rename_are_applied(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    card = kb_dir / "zh" / "card-demo.md"
    card.write_text(card.read_text(encoding="utf-8").replace("万分之五", "万分之四"), encoding="utf-8")
    (kb_dir / "en" / "retention-demo-en.md").unlink()
    old = kb_dir / "zh" / "retention-demo.md"
    old.rename(kb_dir / "zh" / "retention-five-years.md")
    renamed = kb_dir / "zh" / "retention-five-years.md"
    renamed.write_text(
        renamed.read_text(encoding="utf-8").replace("id: retention-demo", "id: retention-five-years"), encoding="utf-8"
    )
    report = ingest(kb_dir, index).report
    assert (report.added, report.updated, report.removed, report.unchanged) == (3, 1, 6, 2)
    ids = set(index.stored_hashes())
    assert not any(i.startswith(("retention-demo#", "retention-demo-en#")) for i in ids)
    assert "retention-five-years#0" in ids
    assert "万分之四" in index.search("最低还款利息怎么算", k=1)[0].text


def test_dry_run_reports_and_writes_nothing(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    report = ingest(kb_dir, index, dry_run=True).report
    assert report.dry_run and report.added == 9
    assert index.count() == 0 and not index.exists()


def test_another_backend_is_a_clear_error_until_rebuild(tmp_path: Path, kb_dir: Path) -> None:
    ingest(kb_dir, make_index(tmp_path / "data", "use"))
    other = make_index(tmp_path / "data", "e5")
    with pytest.raises(KnowledgeIndexError, match=r"finbot ingest --rebuild"):
        other.search("逾期")
    with pytest.raises(KnowledgeIndexError, match=r"built with the 'use' embedding"):
        ingest(kb_dir, other)
    report = ingest(kb_dir, other, rebuild=True).report
    assert report.added == 9 and other.built_with == "e5"
    assert other.search("信用卡最低还款", k=1)[0].article_id == "card-demo"


def test_an_article_that_breaks_keeps_its_old_chunks(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    card = kb_dir / "zh" / "card-demo.md"
    card.write_text(card.read_text(encoding="utf-8").replace("lang: zh", "lang: chinese"), encoding="utf-8")
    result = ingest(kb_dir, index)
    assert result.loaded.errors and result.report.removed == 0
    assert index.search("最低还款算逾期吗", k=1)[0].article_id == "card-demo"


def test_open_index_ingests_a_fresh_data_dir_once(finbot_env: Path) -> None:
    from bot.config import get_settings

    said: list[str] = []
    index = open_index(get_settings(), echo=said.append)
    assert index.count() == 9
    assert any("ingesting" in line for line in said)
    said.clear()
    open_index(get_settings(), echo=said.append)
    assert said == []


def test_stats_and_sections(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    assert index.stats() == {"articles": 0, "chunks": 0, "embedding": "use", "languages": {"zh": 0, "en": 0}}
    ingest(kb_dir, index)
    assert index.stats() == {"articles": 3, "chunks": 9, "embedding": "use", "languages": {"zh": 2, "en": 1}}
    assert index.article_sections("card-demo") == [
        "只还最低还款额算逾期吗？",
        "最低还款的利息怎么算？",
        "还不上最低还款怎么办？",
    ]


def test_a_copy_reusing_an_id_cannot_replace_or_break_the_original(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    original = kb_dir / "zh" / "card-demo.md"
    copy = kb_dir / "zh" / "card-demo-2.md"  # sorts before card-demo.md
    copy.write_text(original.read_text(encoding="utf-8").replace("万分之五", "万分之九"), encoding="utf-8")
    result = ingest(kb_dir, index)
    (problem,) = result.loaded.errors
    assert problem.path == copy and "duplicate id 'card-demo'" in problem.message
    assert result.report.updated == 0 and result.report.removed == 0
    assert "万分之五" in index.search("最低还款利息怎么算", k=1)[0].text


# ---------------------------------------------------------------- the on-disk snapshot (ingest/snapshot.py)

def _from_chroma(index: KnowledgeIndex) -> list[tuple[str, str, str]]:
    got = index._existing().get(include=["documents", "metadatas"])
    return sorted((cid, doc, meta["hash"]) for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"],
                                                                        strict=True))


def _from_index(index: KnowledgeIndex) -> list[tuple[str, str, str]]:
    hashes = index.stored_hashes()
    return sorted((h.chunk_id, h.text, hashes[h.chunk_id]) for h in index.chunks())


def test_a_snapshot_is_taken_and_matches_chroma(tmp_path: Path, kb_dir: Path) -> None:
    ingest(kb_dir, make_index(tmp_path / "data"))
    reader = make_index(tmp_path / "data")
    assert _from_index(reader) == _from_chroma(reader)
    assert reader.snapshot is not None and reader.snapshot.path.exists()
    again = make_index(tmp_path / "data")
    assert _from_index(again) == _from_chroma(again)  # read from the snapshot this time
    assert [h.chunk_id for h in again.chunks({"article_id": "card-demo"})] == \
        [h.chunk_id for h in again.chunks() if h.article_id == "card-demo"]


def test_a_write_by_another_process_is_never_hidden_by_a_snapshot(tmp_path: Path, kb_dir: Path) -> None:
    ingest(kb_dir, make_index(tmp_path / "data"))
    reader = make_index(tmp_path / "data")
    before = _from_index(reader)
    article = kb_dir / "zh" / "card-demo.md"
    article.write_text(article.read_text(encoding="utf-8").replace("最低还款额不算逾期", "最低还款额，不算逾期"),
                       encoding="utf-8")
    assert ingest(kb_dir, make_index(tmp_path / "data")).report.updated == 1  # the "other process"
    after = _from_index(reader)
    assert after != before and after == _from_chroma(reader)


def test_a_broken_or_stale_snapshot_falls_back_to_chroma(tmp_path: Path, kb_dir: Path) -> None:
    ingest(kb_dir, make_index(tmp_path / "data"))
    first = make_index(tmp_path / "data")
    _from_index(first)
    assert first.snapshot is not None
    first.snapshot.path.write_text("{not json", encoding="utf-8")
    fresh = make_index(tmp_path / "data")
    assert _from_index(fresh) == _from_chroma(fresh)
    fresh.snapshot.token_path.unlink()  # as after a crash during a write: no token, no snapshot trusted
    assert _from_index(make_index(tmp_path / "data")) == _from_chroma(fresh)


def test_vectors_come_from_the_snapshot_only_while_it_is_current(tmp_path: Path, kb_dir: Path) -> None:
    import numpy as np

    ingest(kb_dir, make_index(tmp_path / "data"))
    reader = make_index(tmp_path / "data")
    ids, vectors = reader.vectors()
    assert reader.snapshot is not None and reader.snapshot.vectors_path.exists()
    again_ids, again = make_index(tmp_path / "data").vectors()
    assert again_ids == ids and np.array_equal(again, vectors)
    article = kb_dir / "en" / "retention-demo-en.md"
    text = article.read_text(encoding="utf-8").replace("starts the 5-year clock", "starts the five-year clock")
    article.write_text(text, encoding="utf-8")
    assert ingest(kb_dir, make_index(tmp_path / "data")).report.updated >= 1
    new_ids, new = reader.vectors()
    chroma = reader._existing().get(include=["embeddings"])
    assert new_ids == list(chroma["ids"]) and np.allclose(new, np.asarray(chroma["embeddings"], dtype=np.float32))
    assert not np.array_equal(new, vectors)


def _snapshot_taken(data: Path) -> KnowledgeIndex:
    """An index whose snapshot (texts and vectors) is current, opened afresh as a new process would."""
    first = make_index(data)
    first.chunks()
    first.vectors()
    index = make_index(data)
    assert index._served() is not None
    return index


@pytest.mark.parametrize(("query", "lang"), [("还了最低还款额会不会算逾期", None),
                                             ("how long does a late payment stay on my report", "en"),
                                             ("how long does a late payment stay on my report", "zh")])
def test_a_search_from_the_snapshot_finds_what_chroma_finds(tmp_path: Path, kb_dir: Path, query: str,
                                                             lang: str | None) -> None:
    ingest(kb_dir, make_index(tmp_path / "data"))
    index = _snapshot_taken(tmp_path / "data")
    served = index.search(query, k=4, lang=lang)
    chroma = index._existing().query(query_embeddings=[index.embedder.embed_query(query)], n_results=4,
                                     where={"lang": lang} if lang else None, include=["distances"])
    assert [h.chunk_id for h in served] == chroma["ids"][0]
    assert [round(h.score, 4) for h in served] == [round(1.0 - d, 4) for d in chroma["distances"][0]]


def test_a_search_from_the_snapshot_sees_another_process_write(tmp_path: Path, kb_dir: Path) -> None:
    ingest(kb_dir, make_index(tmp_path / "data"))
    reader = _snapshot_taken(tmp_path / "data")
    assert reader.search("还了最低还款额会不会算逾期", k=1)[0].text.startswith("按时还了最低还款额不算逾期")
    article = kb_dir / "zh" / "card-demo.md"
    text = article.read_text(encoding="utf-8").replace("按时还了最低还款额不算逾期", "按时还了最低还款额，不算逾期")
    article.write_text(text, encoding="utf-8")
    assert ingest(kb_dir, make_index(tmp_path / "data")).report.updated >= 1
    assert reader.search("还了最低还款额会不会算逾期", k=1)[0].text.startswith("按时还了最低还款额，不算逾期")


def test_reading_a_current_snapshot_does_not_load_chroma(tmp_path: Path, kb_dir: Path) -> None:
    # A one-shot `finbot ask` spent over a second importing chromadb before answering from the snapshot anyway;
    # an ingest with nothing to write needs no store either.
    import os
    import subprocess
    import sys

    ingest(kb_dir, make_index(tmp_path / "data"))
    _snapshot_taken(tmp_path / "data")
    code = ("import sys; from pathlib import Path; from ingest.pipeline import ingest, open_index; "
            "from bot.config import Settings; index = open_index(Settings(), auto_ingest=True); "
            f"unchanged = ingest(Path({str(kb_dir)!r}), index).report.unchanged; "
            "hits = index.search('还了最低还款额会不会算逾期', k=1); index.open_segments(); "
            "print(unchanged, index.count(), hits[0].article_id, 'chromadb' in sys.modules)")
    env = {**os.environ, "FINBOT_DATA_DIR": str(tmp_path / "data"), "FINBOT_EMBEDDING": "use"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["9", "9", "card-demo", "False"], out.stderr


def _ef_search(index: KnowledgeIndex) -> int:
    return int(index.client.get_collection(index.collection_name).configuration_json["hnsw"]["ef_search"])


def test_an_index_built_with_chromas_default_search_is_made_exact_on_opening(tmp_path: Path, kb_dir: Path) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    index.client.get_collection(index.collection_name).modify(configuration={"hnsw": {"ef_search": 100}})
    reopened = make_index(tmp_path / "data")
    assert reopened.search("还了最低还款额会不会算逾期", k=1)[0].article_id == "card-demo"
    assert _ef_search(reopened) >= EXACT_EF


def test_a_store_that_refuses_the_upgrade_still_answers(tmp_path: Path, kb_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    index = make_index(tmp_path / "data")
    ingest(kb_dir, index)
    index.client.get_collection(index.collection_name).modify(configuration={"hnsw": {"ef_search": 100}})

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(chromadb.api.models.Collection.Collection, "modify", refuse)
    hits = make_index(tmp_path / "data").search("还了最低还款额会不会算逾期", k=1)
    assert hits[0].article_id == "card-demo"
    assert "could not make the chunk search exact (PermissionError)" in caplog.text
