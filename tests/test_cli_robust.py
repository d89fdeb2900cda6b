"""`finbot ask` and `finbot chat` read whatever a terminal or a pipe sends (issue #13): bytes in any encoding,
garbage, empty questions; one line that fails never stops the others; charts never land in the working dir."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import ask as ask_module
from bot.cli.ask import decode
from bot.cli.main import cli
from bot.config import get_settings
from bot.engine.answer import KINDS, Answerer

FIXTURES = Path(__file__).parent / "fixtures" / "answer"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data = tmp_path_factory.mktemp("cli-robust")
    get_settings.cache_clear()
    yield {"FINBOT_DATA_DIR": str(data), "FINBOT_KNOWLEDGE_DIR": str(FIXTURES / "knowledge"),
           "FINBOT_EMBEDDING": "use", "FINBOT_LLM_BASE_URL": "", "FINBOT_LLM_MODEL": "", "CHROMA_HOST": ""}
    get_settings.cache_clear()


def run(env: dict[str, str], args: list[str], stdin: bytes | str | None = None) -> Result:
    get_settings.cache_clear()
    return CliRunner().invoke(cli, args, input=stdin, env=env, catch_exceptions=False)


def test_decode_falls_back_from_utf8_to_gb18030_to_replacement() -> None:
    assert decode("逾期三天会上征信吗".encode()) == "逾期三天会上征信吗"
    assert decode("逾期三天会上征信吗".encode("gbk")) == "逾期三天会上征信吗"
    assert decode(b"\xef\xbb\xbfBOM") == "BOM"
    assert decode(b"ok \xff\xfe\xfd") == "ok \ufffd\ufffd\ufffd"


def test_gbk_piped_question_is_answered_in_chinese(env: dict[str, str]) -> None:
    result = run(env, ["ask", "--json"], "逾期记录在征信上会保留几年？\n".encode("gbk"))
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["question"] == "逾期记录在征信上会保留几年？" and got["kind"] == "answer" and got["language"] == "zh"


def test_gbk_bytes_in_an_argument_are_decoded(env: dict[str, str]) -> None:
    # What Python hands a program whose argv held GBK bytes under a UTF-8 locale: surrogate escapes.
    arg = "逾期记录在征信上会保留几年？".encode("gbk").decode("utf-8", errors="surrogateescape")
    result = run(env, ["ask", arg])
    assert result.exit_code == 0, result.stderr
    assert "5年" in result.stdout and "Traceback" not in result.stderr


def test_random_bytes_on_stdin_get_an_answer_per_line_and_no_traceback(env: dict[str, str]) -> None:
    noise = random.Random(13).randbytes(3000)
    result = run(env, ["ask", "--json", "-"], noise + "\n逾期记录在征信上会保留几年？\n".encode())
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) >= 2 and lines[-1]["kind"] == "answer"  # the real question after the noise is answered
    assert all(o["kind"] in KINDS for o in lines)


def test_one_failing_line_does_not_stop_the_others(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = Answerer.answer

    def fails_on_one(self: Answerer, question: str, memory: object = None, lang: str | None = None) -> object:
        if "爆炸" in question:  # a forced failure inside the engine for this one line
            raise RuntimeError("boom")
        return real(self, question, memory, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(Answerer, "answer", fails_on_one)
    stdin = "逾期记录在征信上会保留几年？\n爆炸\n逾期记录在征信上会保留几年？\n"
    result = run(env, ["ask", "--json", "-"], stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["kind"] for o in lines] == ["answer", "no_answer", "answer"]
    assert result.exit_code == 1 and "1 of 3" in result.stderr and "RuntimeError" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, stdin", [(["ask", ""], None), (["ask", "  \u200b "], None), (["ask", "-"], "\n\n")])
def test_an_empty_question_asks_for_one(env: dict[str, str], args: list[str], stdin: str | None) -> None:
    result = run(env, args, stdin)
    assert result.exit_code == 2
    assert "please type a question" in result.stderr and "finbot ask 逾期三天会上征信吗" in result.stderr
    assert result.stdout == ""


def test_a_huge_line_is_checked_for_a_crisis_then_asked_to_be_shorter(env: dict[str, str]) -> None:
    long_crisis = "我欠了好几个平台的钱，每天都被催收电话轰炸。" * 200 + "我真的不想活了"
    result = run(env, ["ask", "--json", "-"], ("逾期" * 50000 + "\n" + long_crisis + "\n").encode())
    assert result.exit_code == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["kind"] == "no_answer" and "太长" in first["text"]
    assert second["kind"] == "crisis" and "12356" in second["text"]


def test_markup_does_not_turn_a_chinese_question_english(env: dict[str, str]) -> None:
    result = run(env, ["ask", "--json", "<b>信用卡</b>逾期会怎样"])
    assert json.loads(result.stdout)["language"] == "zh"


def test_chat_survives_undecodable_bytes_and_keeps_answering(env: dict[str, str]) -> None:
    script = b"\xff\xfe\x00garbage\n" + "逾期记录在征信上会保留几年？\n".encode("gbk") + b"/quit\n"
    result = run(env, ["chat"], script)
    assert result.exit_code == 0, result.stderr
    assert "5年" in result.stdout


def test_chat_chart_goes_to_the_data_dir_and_never_overwrites(env: dict[str, str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    script = "网贷欠1万，日息0.1%，逾期30天要还多少？\n/chart\n/chart\n/quit\n"
    result = run(env, ["chat"], script)
    assert result.exit_code == 0, result.stderr
    saved = [line.split("chart saved to ", 1)[1].rstrip(")") for line in result.stdout.splitlines()
             if "chart saved to" in line]
    assert len(saved) == 2 and saved[0] != saved[1]
    for path in map(Path, saved):
        assert path.parent == Path(env["FINBOT_DATA_DIR"]).resolve() / "charts"
        assert path.read_bytes().startswith(b"\x89PNG")
    assert list(tmp_path.iterdir()) == []  # nothing written where the user happened to be


_SHARED: list[Answerer] = []


def _shared_answerer(*args: object, **kwargs: object) -> Answerer:
    """The CLI's own answerer, opened once for the whole fuzz run (opening it costs about a second)."""
    if not _SHARED:
        _SHARED.append(_real_answerer(*args, **kwargs))
    return _SHARED[0]


_real_answerer = ask_module._answerer
_FUZZ_ENV: dict[str, str] = {}


@pytest.fixture
def fuzz_env(env: dict[str, str]) -> Iterator[None]:
    _FUZZ_ENV.update(env)
    get_settings.cache_clear()
    with mock.patch.object(ask_module, "_answerer", _shared_answerer):
        yield


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda t: t.encode("gb18030", "replace")),
    st.lists(st.sampled_from(["<b>", "</b>", "**", "逾期", "征信", "\u200b", "\x00", "&amp;", "\n", "不想活了",
                              "1万", "％", "\ud800"]), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
))
def test_fuzz_piped_ask_never_crashes(fuzz_env: None, data: bytes) -> None:
    result = CliRunner().invoke(cli, ["ask", "--json", "-"], input=data, env=_FUZZ_ENV, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.stderr  # 2: nothing in it was a question
    for line in result.stdout.splitlines():
        assert json.loads(line)["kind"] in KINDS
