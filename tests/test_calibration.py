"""Every threshold comes from the embedding backend's calibration record, and a backend with none is measured."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.calibration import BUNDLED, Calibration, file_name, load_calibration, save_calibration
from bot.config import Settings
from bot.eval.calibrate import open_answerer
from ingest import embeddings
from ingest.embeddings import BACKEND_REGISTRY, Backend, UseEmbedder

FIXTURES = Path(__file__).parent / "fixtures" / "answer"


def test_bundled_records_hold_every_threshold_the_engine_uses() -> None:
    use = load_calibration("use")
    assert use is not None and use.safety is not None and use.scam is not None  # the screens' own model
    assert 0 < use.relevance.threshold < use.relevance.threshold_unknown
    assert set(use.sections.weights) >= {"dense", "head", "phrasing", "kind_clash"}
    e5 = load_calibration("e5")
    assert e5 is not None and e5.safety is None  # e5 answers; the screens keep USE
    assert e5.relevance.threshold != use.relevance.threshold  # cosine scales differ: measured, not borrowed


def test_a_record_in_the_data_dir_wins_over_the_bundled_one(tmp_path: Path) -> None:
    bundled = load_calibration("use")
    assert bundled is not None
    mine = bundled.model_copy(update={"relevance": bundled.relevance.model_copy(update={"threshold": 0.42})})
    save_calibration(mine, tmp_path)
    assert load_calibration("use", tmp_path).relevance.threshold == 0.42  # type: ignore[union-attr]
    assert load_calibration("use").relevance.threshold == bundled.relevance.threshold  # type: ignore[union-attr]
    assert load_calibration("st:nobody/never-measured", tmp_path) is None


def test_file_names_are_safe_for_any_model_name() -> None:
    assert file_name("use") == "use.json"
    name = file_name("st:BAAI/bge-small-zh-v1.5")
    assert "/" not in name and ":" not in name and name.endswith(".json")
    assert name != file_name("st:BAAI-bge-small-zh-v1.5")  # different specs never share a record


@pytest.fixture()
def fresh_backend() -> Iterator[str]:
    """A backend nobody has measured (USE's weights under another name, so it loads offline)."""
    BACKEND_REGISTRY["freshuse"] = Backend("freshuse", lambda spec, threads: UseEmbedder(threads))
    embeddings.get_embedder.cache_clear()
    yield "freshuse"
    del BACKEND_REGISTRY["freshuse"]
    embeddings.get_embedder.cache_clear()


@pytest.mark.slow
def test_a_backend_without_a_record_is_measured_on_first_use_and_says_so(tmp_path: Path, fresh_backend: str) -> None:
    settings = Settings(FINBOT_DATA_DIR=str(tmp_path), FINBOT_KNOWLEDGE_DIR=str(FIXTURES / "knowledge"),
                        FINBOT_EMBEDDING=fresh_backend, FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")
    said: list[str] = []
    knowledge = tmp_path / "knowledge"  # the fixture articles with the fixture questions as their tuning set
    knowledge.mkdir()
    for lang in ("zh", "en"):
        (knowledge / lang).mkdir()
        for article in (FIXTURES / "knowledge" / lang).glob("*.md"):
            (knowledge / lang / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (knowledge / "eval").mkdir()
    (knowledge / "eval" / "questions.yaml").write_text((FIXTURES / "questions.yaml").read_text(encoding="utf-8"),
                                                        encoding="utf-8")
    settings = settings.model_copy(update={"knowledge_dir": knowledge})
    answerer = open_answerer(settings, echo=said.append, use_llm=False)
    assert any("no calibration for the freshuse embedding yet" in line for line in said), said
    stored = tmp_path / "calibration" / "freshuse.json"
    record = Calibration.model_validate(json.loads(stored.read_text(encoding="utf-8")))
    assert answerer.threshold == record.relevance.threshold
    assert answerer.matcher.weights == record.sections.weights
    assert answerer.answer("明天北京天气怎么样？").kind == "no_answer"  # the measured gate keeps off-topic out
    assert answerer.answer("逾期记录在征信上会保留几年？").kind == "answer"
    said.clear()
    open_answerer(settings, echo=said.append, use_llm=False)
    assert not any("no calibration" in line for line in said)  # measured once


def test_no_threshold_is_written_into_the_engine_for_one_backend() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[1] / "bot").rglob("*.py"))
    assert "CALIBRATED: dict" not in source and "THRESHOLD = " not in source
    assert (BUNDLED / "use.json").exists() and (BUNDLED / "e5.json").exists()


@pytest.fixture()
def fitted_alone(tmp_path: Path) -> tuple[Any, list[Any], Calibration]:
    """The fixture knowledge base's answerer, its tuning items and the record calibrate makes of them alone."""
    from bot.eval.calibrate import calibrate
    from bot.eval.evaluate import load_eval_sets

    settings = Settings(FINBOT_DATA_DIR=str(tmp_path), FINBOT_KNOWLEDGE_DIR=str(FIXTURES / "knowledge"),
                        FINBOT_EMBEDDING="use", FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")
    answerer = open_answerer(settings, echo=lambda _: None, use_llm=False)
    items = load_eval_sets([FIXTURES / "questions.yaml"])
    return answerer, items, calibrate(answerer, items, echo=lambda _: None)


@pytest.mark.slow
def test_fit_also_questions_fit_the_matcher_but_never_move_the_relevance_gate(
        fitted_alone: tuple[Any, list[Any], Calibration]) -> None:
    from bot.eval.calibrate import calibrate
    from bot.eval.evaluate import EvalItem

    answerer, items, alone = fitted_alone
    # An in-field question no section answers, labelled no_answer: as a gate probe it would push the threshold up
    # until answerable questions are stopped; as matcher data it is simply not a labelled question.
    uncovered = EvalItem("逾期记录在征信上会保留几年，能不能交钱删掉", "zh", "no_answer")
    labelled = [EvalItem("征信上的逾期要多久才消失", "zh", "answer", ("credit-report-retention",),
                         sections=("credit-report-retention › 逾期记录在征信上保留几年？",)),
                EvalItem("只还最低还款会不会上征信", "zh", "answer", ("card-minimum-payment",),
                         sections=("card-minimum-payment › 信用卡只还最低还款额会上征信吗？",))]
    both = calibrate(answerer, items, echo=lambda _: None, fit_also=[uncovered, *labelled])
    assert both.relevance == alone.relevance
    assert both.measured["sections"]["questions"] == alone.measured["sections"]["questions"] + len(labelled)
    assert "for the matcher" in both.made


@pytest.mark.slow
def test_messages_another_route_answers_never_move_the_relevance_gate(
        fitted_alone: tuple[Any, list[Any], Calibration]) -> None:
    from bot.eval.calibrate import calibrate
    from bot.eval.evaluate import EvalItem

    answerer, items, alone = fitted_alone
    # In finbot's field and close to the articles, but declined (a lender asked for) or sent elsewhere (another
    # country's credit score) before the gate: as gate probes they had set it above answerable questions.
    routed = [EvalItem("哪个网贷平台额度最高，逾期了也能借，推荐一个", "zh", "no_answer"),
              EvalItem("How does the US FICO score compare to the Chinese credit report?", "en", "no_answer")]
    assert calibrate(answerer, [*items, *routed], echo=lambda _: None).relevance == alone.relevance
