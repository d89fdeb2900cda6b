"""`finbot ingest` and `finbot kb check|list|stats`: the educator's commands for the knowledge base."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli.main import friendly_errors
from bot.config import get_settings

if TYPE_CHECKING:
    from ingest.articles import Article, Problem

knowledge_option = click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of articles (default: FINBOT_KNOWLEDGE_DIR or ./knowledge).",
)


def _knowledge(knowledge_dir: Path | None) -> Path:
    return knowledge_dir or get_settings().knowledge_path


@click.command()
@knowledge_option
@click.option("--rebuild", is_flag=True,
              help="Embed everything again into a new index, swapped in only when complete (refused while any "
                   "article has errors).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def ingest(knowledge_dir: Path | None, rebuild: bool, dry_run: bool) -> None:
    """Index the knowledge base (incremental: only new or changed sections are embedded)."""
    from ingest.index import KnowledgeIndex
    from ingest.pipeline import ArticleErrors
    from ingest.pipeline import ingest as run_ingest

    settings = get_settings()
    folder = _knowledge(knowledge_dir)
    with friendly_errors():
        # A batch job: use every core for embedding (the bot itself embeds with one thread).
        index = KnowledgeIndex.from_settings(settings, threads=os.cpu_count() or 1)
        bar = None
        show_bar = sys.stderr.isatty() and not dry_run

        def on_plan(total: int) -> None:
            nonlocal bar
            if show_bar and total:
                bar = click.progressbar(length=total, label="embedding", file=sys.stderr)
                bar.__enter__()

        try:
            result = run_ingest(
                folder,
                index,
                rebuild=rebuild,
                dry_run=dry_run,
                progress=lambda n: bar.update(n) if bar else None,
                on_plan=on_plan,
            )
        except ArticleErrors as exc:
            for problem in exc.loaded.problems:
                click.echo(str(problem), err=True)
            raise
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(result.loaded.articles)} articles from {folder}: {result.report.summary()}")
    if not dry_run:
        _prepare_answers(settings, index)
    if rebuild and not dry_run:
        _calibrate_if_new(settings)
    if result.loaded.errors:
        files = len({p.path for p in result.loaded.errors})
        raise click.ClickException(
            f"{files} file(s) were not indexed because of the errors above; fix them and run `finbot ingest` again"
        )


def _prepare_answers(settings: Any, index: Any) -> None:
    """Train the matcher's section classifier now, in this batch job with every core, rather than in the first
    question after the ingest (seconds and a few hundred MB there). A failure here leaves the index as written:
    the first answer then builds what is missing itself."""
    from bot.engine.match import prepare
    from bot.engine.retrieve import Retriever

    started = time.perf_counter()
    try:
        prepare(Retriever(index, cache_dir=settings.cache_dir))
    except Exception as exc:  # the index is fine; answering rebuilds these tables on its own
        click.echo(f"warning: the answer tables were not prepared ({exc.__class__.__name__}: {exc}); the first "
                   "question will build them", err=True)
        return
    click.echo(f"answer tables ready ({time.perf_counter() - started:.1f}s)")


def _calibrate_if_new(settings: Any) -> None:
    """A rebuild with a backend nobody has measured (an st: model) measures it now, so answers use its thresholds."""
    from bot.calibration import load_calibration

    data_dir = Path(settings.data_dir)
    if load_calibration(settings.embedding, data_dir) is not None:
        return
    from bot.eval.calibrate import open_answerer

    open_answerer(settings, echo=lambda line: click.echo(line, err=True), use_llm=False)  # measures, once


@click.group()
def kb() -> None:
    """Check and inspect the knowledge base."""


@kb.command()
@knowledge_option
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
def check(knowledge_dir: Path | None, strict: bool) -> None:
    """Lint every article and the letter templates: exits non-zero on any invalid one (file, line, what to fix)."""
    from ingest.articles import load_articles

    folder = _knowledge(knowledge_dir)
    loaded = load_articles(folder)
    for problem in loaded.problems:
        click.echo(str(problem), err=True)
    shared = _howto_off_the_hub(loaded.articles)
    for problem in shared:
        click.echo(str(problem), err=True)
    lpr_problem, broken = _lpr_table_check()
    if lpr_problem:
        click.echo(f"{'error' if broken else 'warning'}: {lpr_problem}", err=True)
    errors = len(loaded.errors) + (1 if broken else 0)
    warnings = len(loaded.warnings) + len(shared) + (1 if lpr_problem and not broken else 0)
    click.echo(f"{len(loaded.articles)} valid articles in {folder}; {errors} errors, {warnings} warnings")
    errors += _check_letters(folder)
    if errors or (strict and warnings):
        sys.exit(1)


def _howto_off_the_hub(articles: list[Article]) -> list[Problem]:
    """A "what do I do" phrasing that a hub's section lists and another article's section lists too: the matcher
    cannot tell them apart by it, and the broad question should get the hub's first steps — keep it on the hub."""
    from bot.engine.words import question_type
    from ingest.articles import Problem

    hubs: dict[str, str] = {}
    for a in articles:
        for s in a.sections:
            for phrasing in s.phrasings if a.kind == "hub" else ():
                hubs.setdefault(phrasing, a.id)
    return [Problem(a.path, s.line, "phrasings", f"section {s.heading!r} lists {p!r}, which the hub {hubs[p]!r} lists "
                    "too: keep this 'what do I do' phrasing on the hub only", "warning")
            for a in articles if a.kind != "hub" for s in a.sections for p in s.phrasings
            if p in hubs and question_type(p) == "howto"]


def _check_letters(folder: Path) -> int:
    """The letter templates (knowledge/letters, else the shipped ones): every placeholder a known fact, both
    languages there. Prints each problem and a summary line; returns the number of problems."""
    from bot.engine.letters import KINDS, LANGS, check, folder_for

    letters = folder_for(folder)
    problems = check(letters)
    for problem in problems:
        click.echo(f"{problem} [letter]", err=True)
    click.echo(f"{len(KINDS) * len(LANGS)} letter templates in {letters}; {len(problems)} errors")
    return len(problems)


def _lpr_table_check() -> tuple[str | None, bool]:
    """The calculator's LPR table is kept by educators too: (what is wrong, whether it is an error).

    A table that cannot be read is an error (every overdue-charges calculation would fail); one not checked for
    over 45 days is a warning."""
    import datetime as dt

    from bot.calculator.lpr import TABLE_PATH, LprTableError, load_table

    load_table.cache_clear()  # read the file as it is now
    try:
        table = load_table()
    except LprTableError as exc:
        return f"the LPR table cannot be read, so calculations that need it fail: {exc.detail}", True
    today = dt.date.today()
    if not table.is_stale_for(today):
        return None, False
    return (
        f"{TABLE_PATH}: the LPR table was last verified on {table.verified_on}, over 45 days ago. Check the current "
        "one-year LPR (published on the 20th of each month), add a row if it changed, and update table_verified_on"
    ), False


@kb.command()
@knowledge_option
@click.option("--questions", "question_sets", multiple=True, required=True,
              type=click.Path(path_type=Path, exists=True), help="A labelled evaluation set that has been run.")
def asked(knowledge_dir: Path | None, question_sets: tuple[Path, ...]) -> None:
    """Add a run set's single-turn questions, word for word, as 也问/Also asked phrasings of the section each is
    labelled with first (a set run once, its figures published: from then on it is seen). Review with git diff, then
    `finbot kb check` and `finbot ingest`."""
    from bot.eval.evaluate import MERGED_FILE, load_eval_sets, merged_sections
    from bot.eval.unseen import add_asked

    folder = _knowledge(knowledge_dir)
    added, unknown = add_asked(folder, load_eval_sets(list(question_sets), merged_sections(folder)))
    for label in unknown:
        click.echo(f"warning: no section {label!r} (renamed or merged? list it in {MERGED_FILE})", err=True)
    click.echo(f"{added} phrasings added in {folder}; {len(unknown)} labels name no section")


@kb.command("list")
@knowledge_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def list_articles(knowledge_dir: Path | None, as_json: bool) -> None:
    """List the articles: id, language, sections, last update, title."""
    from ingest.articles import load_articles

    loaded = load_articles(_knowledge(knowledge_dir))
    for a in sorted(loaded.articles, key=lambda a: (a.lang, a.id)):
        if as_json:
            row = {
                "id": a.id,
                "lang": a.lang,
                "title": a.title,
                "sections": [s.heading for s in a.sections],
                "tags": list(a.tags),
                "updated": a.updated.isoformat(),
                "path": str(a.path),
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{a.id:<40} {a.lang}  {len(a.sections)} sections  {a.updated}  {a.title}")
    if loaded.errors:
        click.echo(f"({len(loaded.errors)} problems: run `finbot kb check`)", err=True)


@kb.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(as_json: bool) -> None:
    """What the current index holds: articles, chunks, embedding, languages."""
    from ingest.index import KnowledgeIndex

    with friendly_errors():
        data = KnowledgeIndex.from_settings(get_settings()).stats()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    langs = ", ".join(f"{k} {v}" for k, v in data["languages"].items())
    click.echo(f"{data['articles']} articles ({langs}), {data['chunks']} chunks, embedding {data['embedding']}")
