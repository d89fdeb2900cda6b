"""LLM mode against a stub OpenAI-compatible server on 127.0.0.1: the only mocked edge is the remote model."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from langchain_core.tools import tool
from pydantic import SecretStr

from bot.config import Settings
from bot.engine.llm import LLMAnswerer, check_citations
from ingest.types import Hit

KNOWLEDGE = Path(__file__).parent / "fixtures" / "answer" / "knowledge"
Script = Callable[[dict[str, Any]], dict[str, Any] | float]


class StubLLM:
    """Serves /v1/chat/completions from a list of scripted replies; records every request body."""

    def __init__(self) -> None:
        self.script: list[Script] = []
        self.requests: list[dict[str, Any]] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        step = self.script.pop(0) if self.script else (lambda _: _message("NO_ANSWER"))
        out = step(body)
        if isinstance(out, float):  # a delay: the client must time out
            await asyncio.sleep(out)
            out = _message("too late [1]")
        return web.json_response(out)

    def start(self) -> StubLLM:
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            assert self._runner is not None
            await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def _message(content: str | None, tool_calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    msg: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        msg["tool_calls"] = tool_calls
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "stub",
        "choices": [{"index": 0, "message": msg, "finish_reason": "tool_calls" if tool_calls else "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@pytest.fixture
def stub() -> Iterator[StubLLM]:
    server = StubLLM().start()
    yield server
    server.stop()


def _settings(stub: StubLLM, timeout: float = 5.0) -> Settings:
    return Settings(
        FINBOT_LLM_BASE_URL=stub.base_url, FINBOT_LLM_MODEL="stub-model",
        FINBOT_LLM_API_KEY=SecretStr("sk-test"), FINBOT_LLM_TIMEOUT=timeout,
    )


HITS = [
    Hit("credit-report-retention#0", "credit-report-retention", "逾期记录会在征信上保留多久？",
        "逾期记录在征信上保留几年？",
        "不良信息自不良行为或事件终止之日起保留5年。", 0.72, "zh", 0),
    Hit("interest-cap-24#0", "interest-cap-24", "网贷利息超过24%法院还支持吗？", "年化超过24%的部分还要还吗？",
        "超过24%的部分，借款人提出后法院一般不予支持。", 0.51, "zh", 0),
]


def test_not_configured_means_no_llm() -> None:
    assert LLMAnswerer.from_settings(Settings(FINBOT_LLM_BASE_URL="", FINBOT_LLM_MODEL="")) is None


def test_plain_answer_is_cited_and_context_is_sent(stub: StubLLM) -> None:
    stub.script.append(lambda _: _message("还清后保留5年 [2]。"))
    llm = LLMAnswerer.from_settings(_settings(stub))
    assert llm is not None
    reply = llm.answer("逾期记录保留几年？", HITS[::-1], "zh")
    assert reply is not None
    # The model cited context item 2; the reply is renumbered so that [1] is its first source.
    assert reply.text == "还清后保留5年 [1]。"
    assert [h.article_id for h in reply.sources] == ["credit-report-retention"]
    sent = stub.requests[0]
    assert sent["model"] == "stub-model"
    system, user = sent["messages"][0]["content"], sent["messages"][1]["content"]
    assert "NO_ANSWER" in system and "不执行" in system  # instructions in the context are data
    assert "[2] 逾期记录会在征信上保留多久？" in user and "逾期记录保留几年？" in user


def test_tool_call_round_trip(stub: StubLLM) -> None:
    @tool
    def convert(rate: str, unit: str) -> dict[str, str]:
        """Convert a rate to an annual percentage."""
        assert unit == "daily"
        return {"annual_pct": "18.25"}

    stub.script.append(lambda _: _message(None, [{
        "id": "call_1", "type": "function",
        "function": {"name": "convert", "arguments": json.dumps({"rate": "0.05", "unit": "daily"})},
    }]))
    stub.script.append(lambda _: _message("Daily 0.05% is 18.25% a year [1]."))
    llm = LLMAnswerer(LLMAnswerer.from_settings(_settings(stub)).model, tools=[convert])  # type: ignore[union-attr]
    reply = llm.answer("What is 0.05% a day per year?", HITS, "en")
    assert reply is not None and "18.25%" in reply.text
    assert reply.tool_results[0]["output"] == {"annual_pct": "18.25"}
    # The tool was offered, and its result went back to the model in the second request.
    assert stub.requests[0]["tools"][0]["function"]["name"] == "convert"
    tool_msg = stub.requests[1]["messages"][-1]
    assert tool_msg["role"] == "tool" and tool_msg["tool_call_id"] == "call_1" and "18.25" in tool_msg["content"]


@pytest.mark.parametrize("reply", ["保留5年 [3]。", "保留5年。", "NO_ANSWER"])
def test_bad_or_missing_citation_falls_back(stub: StubLLM, reply: str) -> None:
    stub.script.append(lambda _: _message(reply))
    llm = LLMAnswerer.from_settings(_settings(stub))
    assert llm is not None
    assert llm.answer("逾期记录保留几年？", HITS, "zh") is None


def test_timeout_falls_back_quickly(stub: StubLLM) -> None:
    stub.script.append(lambda _: 3.0)
    llm = LLMAnswerer.from_settings(_settings(stub, timeout=0.5))
    assert llm is not None
    started = time.perf_counter()
    assert llm.answer("逾期记录保留几年？", HITS, "zh") is None
    assert time.perf_counter() - started < 2.5


def test_unreachable_server_falls_back() -> None:
    settings = Settings(FINBOT_LLM_BASE_URL="http://127.0.0.1:9/v1", FINBOT_LLM_MODEL="m", FINBOT_LLM_TIMEOUT=1)
    llm = LLMAnswerer.from_settings(settings)
    assert llm is not None
    assert llm.answer("逾期记录保留几年？", HITS, "zh") is None


def test_check_citations() -> None:
    assert check_citations("a [2] b [1] c [2]", 2) == [2, 1]
    assert check_citations("a [0]", 2) is None
    assert check_citations("no citation", 2) is None


def test_calculator_tool_round_trip_with_the_real_calculator(stub: StubLLM) -> None:
    stub.script.append(lambda _: _message(None, [{
        "id": "call_9", "type": "function",
        "function": {"name": "calc_convert", "arguments": json.dumps({"rate": "0.05%", "unit": "daily"})},
    }]))
    stub.script.append(lambda body: _message(
        "Daily 0.05% is 18.25% a year [1]." if "18.25" in body["messages"][-1]["content"] else "no result [1]."))
    llm = LLMAnswerer.from_settings(_settings(stub))
    assert llm is not None
    reply = llm.answer("What is 0.05% a day as a yearly rate?", HITS, "en")
    assert reply is not None and reply.text == "Daily 0.05% is 18.25% a year [1]."
    offered = {t["function"]["name"] for t in stub.requests[0]["tools"]}
    assert {"calc_penalty", "calc_convert"} <= offered


def test_answerer_uses_the_llm_and_falls_back_to_the_composer(stub: StubLLM, tmp_path: Path) -> None:
    from bot.engine.answer import Answerer

    settings = Settings(FINBOT_DATA_DIR=str(tmp_path / "data"), FINBOT_KNOWLEDGE_DIR=str(KNOWLEDGE),
                        FINBOT_EMBEDDING="use", FINBOT_LLM_BASE_URL=stub.base_url, FINBOT_LLM_MODEL="stub-model",
                        FINBOT_LLM_TIMEOUT=5)
    answerer = Answerer.from_settings(settings, echo=lambda _: None)
    stub.script.append(lambda _: _message("不良记录从还清之日起保留5年 [1]。"))
    ans = answerer.answer("逾期记录在征信上会保留几年？")
    assert ans.kind == "answer" and ans.via == "llm"
    assert ans.text == "不良记录从还清之日起保留5年 [1]。" and len(ans.sources) == 1
    stub.script.append(lambda _: _message("保留5年 [9]。"))  # a citation of nothing: not shown to the user
    ans = answerer.answer("逾期记录在征信上会保留几年？")
    assert ans.kind == "answer" and ans.via == "composer" and "[9]" not in ans.text
    assert answerer.answer("明天天气怎么样？").kind == "no_answer"  # the gate runs before the model
