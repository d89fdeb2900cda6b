"""`finbot calibrate`: measure the thresholds of the embedding backend in use and store them beside the index."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from bot.config import get_settings


@click.command()
@click.option("--questions", "questions_paths", type=click.Path(path_type=Path), multiple=True,
              help="Tuning set: a file or a folder of *.yaml, repeatable (default: <knowledge>/eval/questions.yaml "
                   "and <knowledge>/eval/additions/). Never a held-out set.")
@click.option("--fit-also", "fit_paths", type=click.Path(path_type=Path), multiple=True,
              help="More labelled questions for the section matcher and asking back only, not the relevance gate "
                   "(seen held-out sets in the borrower's voice), repeatable.")
@click.option("--bundle", is_flag=True, help="Store the record among the ones that ship with finbot (maintainers).")
@click.option("--new-wordings", is_flag=True,
              help="Measure on a copy of the articles without these questions' own 也问/Also asked phrasings, "
                   "indexed in a temporary folder (a few minutes): on the shipped articles a question that is also "
                   "a phrasing finds itself word for word, and the matcher looks surer than it is for new users.")
def calibrate(questions_paths: tuple[Path, ...], fit_paths: tuple[Path, ...], bundle: bool,
              new_wordings: bool) -> None:
    """Measure the relevance gate, the section matcher and when to ask back for FINBOT_EMBEDDING; print the tables
    the choices were made from and store the record (data dir, or --bundle)."""
    from bot.calibration import save_calibration
    from bot.cli.ask import _answerer, _echo_err
    from bot.eval.calibrate import calibrate as measure
    from bot.eval.calibrate import open_answerer, tuning_paths
    from bot.eval.evaluate import EvalSetError, load_eval_sets
    from bot.eval.unseen import copy_without

    settings = get_settings()
    paths = list(questions_paths) or [p for p in tuning_paths(Path(settings.knowledge_path)) if p.exists()]
    try:
        items = load_eval_sets(paths)
        fit_also = load_eval_sets(list(fit_paths)) if fit_paths else []
    except EvalSetError as exc:
        raise click.ClickException(str(exc)) from exc
    if not new_wordings:
        record = measure(_answerer(use_llm=False), items, echo=click.echo, fit_also=fit_also)
    else:
        with tempfile.TemporaryDirectory(prefix="finbot-calibrate-") as tmp:
            knowledge = Path(tmp) / "knowledge"
            removed = copy_without(Path(settings.knowledge_path), knowledge, [*items, *fit_also])
            click.echo(f"measuring on a copy of the articles without {removed} phrasings that are these questions")
            unseen = settings.model_copy(update={"knowledge_dir": knowledge, "data_dir": Path(tmp) / "data"})
            answerer = open_answerer(unseen, echo=_echo_err, use_llm=False)
            record = measure(answerer, items, echo=click.echo, fit_also=fit_also)
    path = save_calibration(record, settings.data_dir, bundle=bundle)
    click.echo(f"calibration for {record.backend} stored in {path}")
