"""`finbot ask`, `finbot chat` and `finbot eval` (the command-line contract is in architecture.md).

Whatever arrives is read: stdin and arguments are taken as bytes and decoded UTF-8, else GB18030 (a Chinese
Windows terminal or file), else UTF-8 with replacement characters; one line that cannot be answered is said
on stderr and the others still are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from bot.cli.main import friendly_errors
from bot.config import get_settings

log = logging.getLogger(__name__)

ASK_FOR_A_QUESTION = ("please type a question, e.g. finbot ask 逾期三天会上征信吗？ "
                      "(or pipe questions on stdin, one per line)")


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def decode(data: bytes) -> str:
    """Bytes from a terminal, a pipe or a file: UTF-8, else GB18030, else UTF-8 with U+FFFD for what is left."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def readable(text: str) -> str:
    """What a question is shown and answered as: no control characters or undecodable remnants."""
    from bot.engine.normalize import drop_invisible

    return " ".join(drop_invisible(text).split())


def _argument(arg: str) -> str:
    # Arguments the OS could not decode arrive with surrogate escapes; get their bytes back and decode them here.
    return decode(os.fsencode(arg))


def _stdin_lines() -> Iterator[str]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # stdin replaced by a text-only object: its text is all there is
        yield from (readable(line) for line in sys.stdin)
        return
    for raw in stream:
        yield readable(decode(raw))


def _answerer(retrieval: str = "dense+bm25", use_llm: bool = True) -> Any:
    from ingest.embeddings import load_in_background

    settings = get_settings()
    load_in_background(settings.embedding.strip(), settings.cache_dir)  # while Chroma is imported
    from bot.eval.calibrate import open_answerer

    with friendly_errors():
        return open_answerer(settings, echo=_echo_err, retrieval=retrieval, use_llm=use_llm)


def _answer(answerer: Any, question: str, memory: Any) -> Any:
    """The engine's answer, or None when it failed on this one question (said on stderr; the others go on).

    A text longer than a question (MAX_QUESTION) is checked for a crisis, then asked to be shortened."""
    from bot.engine.normalize import MAX_QUESTION

    try:
        if len(question) > MAX_QUESTION:
            return _too_long(answerer, question, memory)
        return answerer.answer(question, memory)
    except Exception as exc:  # one bad line never stops the rest
        log.debug("answer failed", exc_info=True)
        _echo_err(f"finbot: could not answer {question[:40]!r} ({exc.__class__.__name__}); "
                  "the other questions are answered. Run with a shorter or plainer question.")
        return None


def _too_long(answerer: Any, question: str, memory: Any) -> Any:
    from bot.engine.answer import detect_language
    from bot.engine.crisis import crisis_reply
    from bot.engine.normalize import MAX_QUESTION
    from bot.engine.reply import Answer

    crisis = crisis_reply(question, answerer.safety_screen, memory)
    if crisis is not None:
        return crisis
    lang = detect_language(question[:MAX_QUESTION])
    text = (f"这段文字太长了（{len(question)} 字）。请把最想问的问题用几句话发给我（{MAX_QUESTION} 字以内）。"
            if lang == "zh" else f"That is very long ({len(question)} characters). Please ask your main question in "
            f"a few sentences (under {MAX_QUESTION} characters).")
    return Answer("no_answer", text, lang)


def _failed(question: str) -> dict[str, Any]:
    from bot.engine.answer import detect_language

    lang = detect_language(question)
    text = ("这一行没能回答（内部错误），其他问题照常回答。" if lang == "zh"
            else "This line could not be answered (an internal error); the other questions were answered.")
    return {"question": question, "kind": "no_answer", "text": text, "sources": [], "language": lang}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question, one per line.")
@click.argument("question", nargs=-1)
def ask(as_json: bool, question: tuple[str, ...]) -> None:
    """Answer QUESTION; with `-` (or no question and piped input) answer each line of stdin."""
    from bot.engine.memory import Memory

    piped = question == ("-",) or (not question and not sys.stdin.isatty())
    if piped:
        questions = [q for q in _stdin_lines() if q]
    elif question:
        questions = [readable(" ".join(_argument(a) for a in question))]
        questions = [q for q in questions if q]
    else:
        questions = []
    if not questions:
        raise click.UsageError(ASK_FOR_A_QUESTION + (" — stdin had no question" if piped else ""))
    answerer = _answerer()
    failures = 0
    for n, q in enumerate(questions):
        ans = _answer(answerer, q, Memory())  # each line is its own conversation
        failures += ans is None
        if as_json:
            click.echo(json.dumps(ans.to_json(q) if ans is not None else _failed(q), ensure_ascii=False))
            continue
        if len(questions) > 1:
            click.echo(("\n" if n else "") + f"» {q}")
        click.echo(ans.render() if ans is not None else _failed(q)["text"])
    if failures:
        raise click.ClickException(f"{failures} of {len(questions)} question(s) could not be answered (see above)")


def _read_line(prompt: str) -> str | None:
    """One line typed in the chat (None at end of input), decoded like everything else."""
    stdin = sys.stdin
    with contextlib.suppress(AttributeError, ValueError, OSError):  # keep undecodable bytes as bytes
        stdin.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
    try:
        typed = input(prompt)
    except (EOFError, KeyboardInterrupt):
        return None
    except UnicodeDecodeError:  # a stream that could not be reconfigured
        return ""
    encoding = getattr(stdin, "encoding", None) or "utf-8"
    try:
        raw = typed.encode(encoding, errors="surrogateescape")
    except (UnicodeEncodeError, LookupError):
        raw = typed.encode("utf-8", errors="replace")
    return readable(decode(raw))


def chart_path(data_dir: Path) -> Path:
    """A new file for a chart: under the data dir (charts/), else the system's temp dir; never overwrites."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (Path(data_dir) / "charts", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"finbot-chart-{stamp}-", suffix=".png", dir=folder)
            os.close(fd)
            return Path(name)
        except OSError:
            continue
    raise click.ClickException("cannot write a chart: neither FINBOT_DATA_DIR nor the temp dir is writable")


@click.command()
def chat() -> None:
    """Talk to finbot in the terminal (/reset forgets the conversation, /chart saves a chart, /quit exits; a letter
    written in the chat is saved as a .docx in the current folder)."""
    from bot.engine.memory import Memory

    answerer = _answerer()
    answerer.warm_up()
    memory = Memory()
    last = None
    click.echo("finbot — ask about overdue loans, credit cards, credit reports. /reset /chart /quit")
    while True:
        text = _read_line("你/you › ")
        if text is None:
            click.echo()
            return
        if not text:
            continue
        if text in ("/quit", "/exit", "/q"):
            return
        if text == "/reset":
            memory.reset()
            click.echo("(conversation cleared)")
            continue
        if text == "/chart":
            _save_chart(answerer, last)
            continue
        answer = _answer(answerer, text, memory)
        if answer is None:
            click.echo("\nfinbot › (that message could not be answered; please try again or rephrase)\n")
            continue
        last = answer
        click.echo(f"\nfinbot › {last.render()}\n")
        if last.attachment is not None:  # a letter's .docx, saved where the chat runs
            path = Path(last.attachment[0])
            path.write_bytes(last.attachment[1])
            click.echo(f"(saved {path.resolve()})")


def _save_chart(answerer: Any, last: Any) -> None:
    png = answerer.chart(last) if last is not None else None
    if png is None:
        click.echo("(no chart for the last answer)")
        return
    path = chart_path(get_settings().data_dir)
    path.write_bytes(png)
    click.echo(f"(chart saved to {path.resolve()})")


@click.command("eval")
@click.option("--questions", "questions_paths", type=click.Path(path_type=Path), multiple=True,
              help="Evaluation set: a file or a folder of *.yaml, repeatable (default: questions.yaml).")
@click.option("--backend", "backends", multiple=True,
              help="Compare: default, use, e5, st:MODEL (each with its calibration), use-dense, e5+use (fusion), bm25. "
                   "Repeatable.")
@click.option("--baseline", is_flag=True, help="Add a plain LangChain RAG row (needs the baseline extra).")
@click.option("--sweep", is_flag=True, help="Print the relevance-threshold trade-off instead.")
@click.option("--threshold", type=float, default=None, help="Override the relevance threshold.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Only questions in this language.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable summary (and misses).")
@click.option("--scam", "scam_paths", type=click.Path(path_type=Path), multiple=True,
              help="Instead: the scam checker on a set of messages (e.g. knowledge/eval/scam_tuning.yaml).")
def eval_command(questions_paths: tuple[Path, ...], backends: tuple[str, ...], baseline: bool, sweep: bool,
                 threshold: float | None, lang: str | None, as_json: bool, scam_paths: tuple[Path, ...]) -> None:
    """Retrieval hit@k / MRR, answer fact coverage and kind accuracy on the evaluation set."""
    if scam_paths:
        _eval_scam(scam_paths, as_json)
        return
    from bot.eval.evaluate import (
        EvalSetError,
        evaluate,
        format_comparison,
        format_report,
        load_eval_sets,
        sweep_thresholds,
    )

    settings = get_settings()
    paths = list(questions_paths) or [Path(settings.knowledge_path) / "eval" / "questions.yaml"]
    try:
        items = load_eval_sets(paths)
    except EvalSetError as exc:
        raise click.ClickException(str(exc)) from exc
    if lang:
        items = [i for i in items if i.lang == lang]
    specs = list(backends) or ["default"]
    answerers = []
    for spec in specs:
        answerer = _answerer_for(spec)
        if threshold is not None:
            answerer.threshold = threshold
        answerers.append((spec, answerer))
    if sweep:
        for spec, answerer in answerers:
            rows = sweep_thresholds(answerer, items)
            if as_json:
                click.echo(json.dumps({"backend": spec, "sweep": rows}))
                continue
            click.echo(f"relevance threshold sweep — {spec}\nthreshold  answers-pass  off-topic-stopped")
            for r in rows:
                click.echo(f"  {r['threshold']:.2f}      {r['answer_passes']:.3f}         {r['off_topic_stopped']:.3f}")
        return
    reports = []
    for spec, answerer in answerers:
        _echo_err(f"finbot eval: {spec} on {len(items)} questions…")
        reports.append(evaluate(answerer, items, label=spec))
    if baseline:
        from bot.eval.baseline import BaselineUnavailable, PlainRAG

        _echo_err("finbot eval: building the plain LangChain RAG baseline…")
        try:
            plain = PlainRAG(settings.knowledge_path)
        except BaselineUnavailable as exc:
            raise click.ClickException(str(exc)) from exc
        reports.append(evaluate(plain, items, label="langchain-rag-minilm"))  # type: ignore[arg-type]
    if as_json:
        out: dict[str, Any] = {"reports": [{**r.summary(), "misses": r.misses()} for r in reports]}
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    if len(reports) == 1:
        click.echo(format_report(reports[0]))
    else:
        click.echo(format_report(reports[0]))
        click.echo("\ncomparison\n" + format_comparison([r.summary() for r in reports]))


def _eval_scam(paths: tuple[Path, ...], as_json: bool) -> None:
    """`finbot eval --scam FILE`: likely_scam recall, genuine messages called likely_scam, verdict accuracy."""
    from bot.engine.scam import default_checker
    from bot.eval.scam import ScamSetError, evaluate, format_report, load

    for path in paths:
        try:
            items = load(path)
        except ScamSetError as exc:
            raise click.ClickException(str(exc)) from exc
        report = evaluate(default_checker(), items, str(path))
        if as_json:
            click.echo(json.dumps({**report.summary(), "misses": report.misses()}, ensure_ascii=False))
        else:
            click.echo(format_report(report))


def _answerer_for(spec: str) -> Any:
    """An Answerer for a backend spec: default | use | e5 | st:MODEL (the default pipeline on that embedding, with
    its own calibration) | <backend>-dense (dense retrieval alone) | e5+use (fusion) | bm25."""
    from bot.engine.answer import DEFAULT_RETRIEVAL, Answerer
    from bot.engine.retrieve import open_second_index

    settings = get_settings()
    if spec == "default":
        return _answerer(use_llm=False)
    parts = spec.split("+")
    cache = settings.cache_dir
    with friendly_errors():
        if set(parts) == {"e5", "use"}:
            main = _index_for(settings, "use")
            return Answerer(main, None, "fusion", second_index=open_second_index(settings, "e5"), cache_dir=cache)
        if spec == "bm25":
            return Answerer(_index_for(settings, settings.embedding), None, "bm25", cache_dir=cache)
        if spec.endswith("-dense"):
            return Answerer(_index_for(settings, spec[: -len("-dense")]), None, "dense", cache_dir=cache)
        if len(parts) == 1:
            answerer = Answerer(_index_for(settings, spec), None, DEFAULT_RETRIEVAL, cache_dir=cache)
            answerer.warm_up()
            if answerer.uncalibrated:
                from bot.eval.calibrate import ensure_calibrated

                ensure_calibrated(answerer, Path(settings.knowledge_path), Path(settings.data_dir), _echo_err)
            return answerer
    raise click.BadParameter(f"unknown backend {spec!r}; try default, use, e5, st:MODEL, use+bm25, e5+use, bm25",
                             param_hint="--backend")


def _index_for(settings: Any, embedding: str) -> Any:
    from bot.engine.retrieve import open_second_index
    from ingest.pipeline import open_index

    if embedding == settings.embedding:
        return open_index(settings, auto_ingest=True, echo=_echo_err)
    return open_second_index(settings, embedding)
