"""Borrowers' questions from evaluation sets as 也问 phrasings: added once a set has been run, taken out to measure.

The single-turn questions of seen labelled sets are `也问`/`Also asked` phrasings of the sections they are labelled
with (docs/quality.md). On the shipped articles such a question finds itself word for word, so a measure on it says
little about new wordings, and a matcher fitted on it is surer of itself than it will be for a new user. Taking the
sets' own questions out again (word for word, wherever they are listed) gives a knowledge base on which they read
as new wordings:

    removed = copy_without(knowledge_dir, dest, items)     # items: EvalItems (bot.eval.evaluate.load_eval_sets)

Used by `finbot calibrate --new-wordings` and benchmarks/without_phrasings.py. The other way round, once a set has
been run and read (`finbot kb asked`), its single-turn questions go onto a 也问 line of the section each is labelled
with first, word for word — borrowers' own wordings did more for the first line than any we wrote:

    added, unknown = add_asked(knowledge_dir, items)     # in place; labels naming no section are returned
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from bot.engine.words import question_type
from bot.eval.evaluate import EvalItem
from ingest.articles import Article, Section, load_articles, phrasing_line


def _plain(phrasing: str) -> str:
    return phrasing.strip(" 。.")


def _as_phrasing(question: str) -> str:
    """A question as a 也问 line holds it ("|" separates phrasings there)."""
    return _plain(re.sub(r"[|｜]", " ", question))


def own_wordings(items: Iterable[EvalItem]) -> set[str]:
    """The questions a set could have put on 也问 lines: single-turn ones, as a phrasing is written ("|" cannot be)."""
    return {_as_phrasing(item.q) for item in items if not item.history}


def without(text: str, drop: set[str]) -> tuple[str, int]:
    """The article with those phrasings taken off its 也问/Also asked lines (an emptied line goes). The lines are
    read with ingest's own reader (ingest.articles.phrasing_line), so every label spelling counts."""
    lines: list[str] = []
    removed = 0
    for line in text.split("\n"):
        found = phrasing_line(line)
        if found is None:
            lines.append(line)
            continue
        label, items = found
        keep = [p for p in items if p not in drop]  # phrasing_line strips them as _plain does
        removed += len(items) - len(keep)
        if keep:
            lines.append(label + ("｜" if "｜" in line or not label.isascii() else " | ").join(keep))
    return "\n".join(lines), removed


def copy_without(knowledge: Path, dest: Path, items: Iterable[EvalItem]) -> int:
    """Copy the articles of `knowledge` to `dest` (replaced; the eval folder stays behind) without the items' own
    wordings on their 也问 lines; the number of phrasings taken out."""
    drop = own_wordings(items)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(knowledge, dest, ignore=shutil.ignore_patterns("eval"))
    removed = 0
    for path in sorted(dest.glob("*/*.md")):
        text, n = without(path.read_text(encoding="utf-8"), drop)
        if n:
            path.write_text(text, encoding="utf-8")
            removed += n
    return removed


def asked_by_section(items: Iterable[EvalItem]) -> dict[str, list[str]]:
    """"article › heading" → the single-turn answerable questions whose first label it is, as a phrasing is written.
    Only the first: the labeller lists first the section to open with, and one wording listed under two sections
    tells the matcher nothing about which to choose (on every label, held-out #13–#15 read 1–3 points worse than
    without any; on the first only, 1.5–2.5 points better)."""
    found: dict[str, list[str]] = {}
    for item in items:
        if item.history or item.kind != "answer" or not item.sections:
            continue
        wording = _as_phrasing(item.q)
        if wording and wording not in found.setdefault(item.sections[0], []):
            found[item.sections[0]].append(wording)
    return found


def _with_asked(lines: list[str], start: int, end: int, new: list[str], zh: bool) -> None:
    """Put `new` on the section's 也问 lines (lines[start:end], the heading at start): onto its second or later
    line — where borrowers' own questions are kept — or onto a new line after the last one."""
    listed = [i for i in range(start + 1, end) if phrasing_line(lines[i]) is not None]
    sep = "｜" if zh else " | "
    if len(listed) >= 2:
        last = listed[-1]
        lines[last] = lines[last].rstrip() + sep + sep.join(new)
    else:
        at = listed[-1] + 1 if listed else start + 1
        lines.insert(at, ("也问：" if zh else "Also asked: ") + sep.join(new))


def _own_language_first(item: EvalItem, sections: dict[str, tuple[Article, Section]]) -> EvalItem:
    """The item with its labels from its first label in its own language on (none: no labels, so nothing is added);
    a label naming no section stays first, to be reported."""
    if not item.sections or item.sections[0] not in sections:
        return item
    own = [i for i, label in enumerate(item.sections) if label in sections and sections[label][0].lang == item.lang]
    return dataclasses.replace(item, sections=item.sections[own[0]:] if own else ())


def add_asked(knowledge: Path, items: Iterable[EvalItem]) -> tuple[int, list[str]]:
    """Write the items' questions (single-turn, answerable) as 也问/Also asked phrasings of the section each is
    labelled with first, in the articles under `knowledge`; a wording the section already lists is skipped. Returns how
    many were added and the labels that name no section."""
    loaded = load_articles(knowledge)
    sections = {f"{a.id} › {s.heading}": (a, s) for a in loaded.articles for s in a.sections}
    # Only under a section in the question's own language: a Chinese wording on an English section would draw
    # Chinese questions to an English answer. Labellers often list the Chinese section first and its English
    # twin second, so an English question goes to its first English label.
    wanted = asked_by_section(_own_language_first(i, sections) for i in items)
    unknown = sorted(label for label in wanted if label not in sections)
    # A "what do I do" wording a hub lists stays on the hub only (as `finbot kb check` asks): listed on a topic
    # section too, it pulls the broad question away from the first steps.
    on_hubs = {p for a in loaded.articles if a.kind == "hub" for s in a.sections for p in s.phrasings}
    on_hubs |= {w for label, ws in wanted.items() if label in sections and sections[label][0].kind == "hub" for w in ws}
    by_file: dict[Path, list[tuple[int, int, list[str], bool]]] = {}
    for label, wordings in wanted.items():
        if label not in sections:
            continue
        article, section = sections[label]
        have = {_plain(p) for p in section.phrasings} | {_plain(section.heading)}
        new = [w for w in wordings if w not in have
               and (article.kind == "hub" or w not in on_hubs or question_type(w) != "howto")]
        if new:
            ends = [s.line for s in article.sections if s.line > section.line]
            end = min(ends) - 1 if ends else -1  # 0-based line of the next heading (-1: to the end of the file)
            by_file.setdefault(article.path, []).append((section.line - 1, end, new, article.lang == "zh"))
    added = 0
    for path, edits in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for start, end, new, zh in sorted(edits, reverse=True):  # from the bottom, so earlier lines keep their place
            _with_asked(lines, start, len(lines) if end < 0 else end, new, zh)
            added += len(new)
        path.write_text("\n".join(lines), encoding="utf-8")
    return added, unknown
