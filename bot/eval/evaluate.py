"""`finbot eval`: measure retrieval and answers on the project's own question set.

Evaluation set schema — knowledge/eval/questions.yaml is a YAML list of items (or {"questions": [...]}):

    - q: 逾期三天会上征信吗？          # required: the user's message
      lang: zh                        # required: zh | en
      kind: answer                    # required: answer | calculation | no_answer | refusal | crisis
      articles: [credit-report-when]  # answer items: ids of articles that answer it (any one counts as a hit)
      sections: ["credit-report-when › 逾期几天会上征信？"]   # answer items: the section(s) that answer it
      facts: ["5年|五年", "还清"]       # optional: substrings the answer must contain; "a|b" = either one
      history: ["逾期三天会上征信吗？"]  # optional: earlier user turns of the same chat, asked first, in order
      broad: true                     # optional: a broad situation question ("信用卡逾期了怎么办")
      typo: true                      # optional: the message has a typo or slang
      expect: ...                     # optional: what a correct opening says, for people reading misses

`kind: no_answer` is for off-topic or not-covered questions, `refusal` for harmful requests, `crisis` for
self-harm signals, `calculation` for messages with numbers (a request for a missing input counts).

Metrics:
- retrieval (answer items with articles): hit@1, hit@3 and MRR over the ranked list of distinct articles, by
  language — the query is the one the answer engine searches with (follow-ups include the earlier topic);
- answers: kind accuracy (overall and per expected kind); fact coverage = facts found / facts expected, for
  answer items (and separately for calculation items), searched in the answer text and its source lines;
- what the user reads (answerable items): section@1 — the answer's first source is a labelled section (the
  labelled article when an item has no section labels); opening — every fact is in the opening (the direct
  answer before the first bullet); wrong-confident — a kind "answer" whose first source is not labelled;
  clarify rate — a kind "clarify" reply; conversations — items with history whose last turn is right (kind,
  and the opening holds the facts); each by language and for the broad and typo subsets;
- misses: every item with a wrong kind, a retrieval miss at 3, a missing fact or a wrong opening section;
- latency per question (mean, p50, p95).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.answer import Answerer, routed_before_the_gate
from bot.engine.memory import Memory
from bot.engine.reply import KINDS, Answer
from bot.engine.retrieve import Retrieved

LANGS = ("zh", "en")


class EvalSetError(ValueError):
    """The evaluation file is unusable; the message names the item and field."""


@dataclass(frozen=True)
class EvalItem:
    q: str
    lang: str
    kind: str
    articles: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    line: int = 0  # position in the file (1-based item number)
    sections: tuple[str, ...] = ()  # "article-id › heading"
    broad: bool = False
    typo: bool = False


MERGED_FILE = "merged-sections.yaml"


def merged_sections(knowledge: Path | None = None) -> dict[str, str]:
    """Where each section merged into another now lives ("article › heading" → "article › heading"), from the
    knowledge base's merged-sections.yaml: when two articles answered one question, an educator kept one and listed
    the other there, so a label naming the old section counts the one that answers it now."""
    if knowledge is None:
        from bot.config import get_settings

        knowledge = Path(get_settings().knowledge_path)
    path = Path(knowledge) / MERGED_FILE
    if not path.exists():
        return {}
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise EvalSetError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(rows, list) or not all(isinstance(r, dict) and {"from", "to"} <= set(r) for r in rows):
        raise EvalSetError(f"{path}: expected a list of {{from: 'article › heading', to: 'article › heading'}}")
    moves = {str(r["from"]).strip(): str(r["to"]).strip() for r in rows}
    resolved = {}
    for old in moves:
        new, seen = moves[old], {old}
        while new in moves and new not in seen:  # a section merged twice ends where the last merge put it
            seen.add(new)
            new = moves[new]
        resolved[old] = new
    return resolved


def load_eval_set(path: Path, merged: dict[str, str] | None = None) -> list[EvalItem]:
    """One evaluation file; section labels naming a merged section are read as the section it went into."""
    merged = merged_sections() if merged is None else merged
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EvalSetError(f"{path}: not found; write the evaluation set there or pass --questions FILE") from exc
    except yaml.YAMLError as exc:
        raise EvalSetError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("questions")
    if not isinstance(data, list):
        raise EvalSetError(f"{path}: expected a list of questions (or a 'questions:' list)")
    items = []
    for n, raw in enumerate(data, 1):
        where = f"{path}: item {n}"
        if not isinstance(raw, dict):
            raise EvalSetError(f"{where}: expected a mapping with q, lang, kind")
        q, lang, kind = raw.get("q"), raw.get("lang"), raw.get("kind")
        if not isinstance(q, str) or not q.strip():
            raise EvalSetError(f"{where}: 'q' must be a non-empty string")
        if lang not in LANGS:
            raise EvalSetError(f"{where}: 'lang' must be zh or en, got {lang!r}")
        if kind not in KINDS:
            raise EvalSetError(f"{where}: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
        lists = {}
        for key in ("articles", "facts", "history", "sections"):
            value = raw.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                raise EvalSetError(f"{where}: '{key}' must be a list of strings")
            lists[key] = tuple(str(v) for v in value)
        lists["sections"] = tuple(dict.fromkeys(merged.get(label, label) for label in lists["sections"]))
        for label in lists["sections"]:
            if " › " not in label:
                raise EvalSetError(f"{where}: section {label!r} must be 'article-id › heading'")
        articles = tuple(dict.fromkeys([*lists["articles"], *(s.split(" › ")[0] for s in lists["sections"])]))
        items.append(EvalItem(q.strip(), lang, kind, articles, lists["facts"], lists["history"], n,
                              lists["sections"], bool(raw.get("broad")), bool(raw.get("typo"))))
    return items


def load_eval_sets(paths: Sequence[Path], merged: dict[str, str] | None = None) -> list[EvalItem]:
    """Several files (or folders of *.yaml) as one set, in order."""
    merged = merged_sections() if merged is None else merged
    items: list[EvalItem] = []
    for path in paths:
        files = sorted(Path(path).glob("*.yaml")) if Path(path).is_dir() else [Path(path)]
        for file in files:
            items.extend(load_eval_set(file, merged))
    return items


def fact_found(fact: str, text: str) -> bool:
    """A fact is found when any of its "|"-separated alternatives occurs (case-insensitive)."""
    low = text.lower()
    return any(alt.strip().lower() in low for alt in fact.split("|") if alt.strip())


def answer_haystack(ans: Answer) -> str:
    return ans.text + "\n" + "\n".join(s.line(i) for i, s in enumerate(ans.sources, 1))


def opening(text: str) -> str:
    """What a borrower reads first: the text before the first bullet or numbered point."""
    lines = []
    for line in text.strip().splitlines():
        if lines and re.match(r"^\s*(?:[•\-*]|\d{1,2}[.、)])\s*", line):
            break
        if not line.strip() and lines:
            break
        lines.append(line)
    return "\n".join(lines)


@dataclass
class ItemResult:
    item: EvalItem
    kind: str
    text: str
    rank: int | None  # 1-based rank of the first expected article, None when not in the list
    facts_found: list[str] = field(default_factory=list)
    facts_missing: list[str] = field(default_factory=list)
    seconds: float = 0.0
    top_score: float = 0.0
    articles: list[str] = field(default_factory=list)
    first_source: str | None = None  # "article-id › heading" of the answer's first source
    opening_missing: list[str] = field(default_factory=list)  # facts not in the opening

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.item.kind

    @property
    def section_ok(self) -> bool:
        """The answer opens from a section that answers the question (the article, for items without sections)."""
        if self.kind != "answer" or self.first_source is None:
            return False
        if self.item.sections:
            return self.first_source in self.item.sections
        return self.first_source.split(" › ")[0] in self.item.articles

    @property
    def opening_ok(self) -> bool:
        return self.kind_ok and not self.opening_missing

    @property
    def wrong_confident(self) -> bool:
        return self.kind == "answer" and bool(self.item.articles) and not self.section_ok

    @property
    def miss(self) -> bool:
        retrieval_miss = bool(self.item.articles) and (self.rank is None or self.rank > 3)
        opening_miss = self.item.kind == "answer" and bool(self.item.articles) and not self.section_ok
        return not self.kind_ok or retrieval_miss or bool(self.facts_missing) or opening_miss


def _article_ranking(hit_articles: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(hit_articles))


def run_item(answerer: Answerer, item: EvalItem) -> ItemResult:
    mem = Memory()
    for turn in item.history:
        answerer.answer(turn, mem, lang=item.lang)
    rank = None
    top = 0.0
    ranking: list[str] = []
    if item.articles:
        query = answerer.query_for(item.q, mem, item.lang)
        got = answerer.retrieve(query, item.lang, k=10)
        top = got.top_score
        ranking = _article_ranking([h.article_id for h in got.hits])
        for i, article in enumerate(ranking, 1):
            if article in item.articles:
                rank = i
                break
    started = time.perf_counter()
    ans = answerer.answer(item.q, mem, lang=item.lang)
    seconds = time.perf_counter() - started
    hay = answer_haystack(ans)
    found = [f for f in item.facts if fact_found(f, hay)]
    missing = [f for f in item.facts if not fact_found(f, hay)]
    first = ans.sources[0] if ans.sources else None
    label = f"{first.id} › {first.section or first.title}" if first is not None else None
    head = opening(ans.text)
    return ItemResult(item, ans.kind, ans.text, rank, found, missing, seconds, top, ranking[:3], label,
                      [f for f in item.facts if not fact_found(f, head)])


@dataclass
class Report:
    results: list[ItemResult]
    label: str = "default"

    def _answerable(self, lang: str | None = None) -> list[ItemResult]:
        return [r for r in self.results if r.item.articles and (lang is None or r.item.lang == lang)]

    def retrieval(self, lang: str | None = None) -> dict[str, float | int]:
        rs = self._answerable(lang)
        n = len(rs)
        if not n:
            return {"n": 0, "hit@1": 0.0, "hit@3": 0.0, "mrr": 0.0}
        return {
            "n": n,
            "hit@1": sum(1 for r in rs if r.rank == 1) / n,
            "hit@3": sum(1 for r in rs if r.rank is not None and r.rank <= 3) / n,
            "mrr": sum(1.0 / r.rank for r in rs if r.rank) / n,
        }

    def reading(self, lang: str | None = None, subset: str | None = None) -> dict[str, float | int]:
        """What the user reads, over answerable items (optionally one language, or the "broad" / "typo" /
        "conversation" subset): section@1, opening holds the facts, wrong-confident and clarify rates."""
        rs = [r for r in self._answerable(lang) if r.item.kind == "answer" and _in_subset(r.item, subset)]
        n = len(rs)
        if not n:
            return {"n": 0, "section@1": 0.0, "opening": 0.0, "wrong_confident": 0.0, "clarify": 0.0}
        return {
            "n": n,
            "section@1": sum(r.section_ok for r in rs) / n,
            "opening": sum(r.opening_ok for r in rs) / n,
            "wrong_confident": sum(r.wrong_confident for r in rs) / n,
            "clarify": sum(r.kind == "clarify" for r in rs) / n,
        }

    def conversations(self, lang: str | None = None) -> dict[str, float | int]:
        """Items with earlier turns: the last turn is of the right kind and its opening holds the facts."""
        rs = [r for r in self.results if r.item.history and (lang is None or r.item.lang == lang)]
        ok = [r.opening_ok and (r.item.kind != "answer" or not r.item.articles or r.section_ok) for r in rs]
        return {"n": len(rs), "ok": sum(ok) / len(rs) if rs else 0.0}

    def fact_coverage(self, kinds: Sequence[str] = ("answer", "calculation")) -> tuple[float, int]:
        found = expected = 0
        for r in self.results:
            if r.item.kind in kinds:
                found += len(r.facts_found)
                expected += len(r.item.facts)
        return (found / expected if expected else 1.0), expected

    def kind_rates(self) -> dict[str, tuple[float, int]]:
        by: dict[str, list[bool]] = defaultdict(list)
        for r in self.results:
            by[r.item.kind].append(r.kind_ok)
        return {k: (sum(v) / len(v), len(v)) for k, v in sorted(by.items())}

    def kind_accuracy(self) -> float:
        return sum(r.kind_ok for r in self.results) / len(self.results) if self.results else 0.0

    def latency_ms(self) -> dict[str, float]:
        times = sorted(r.seconds * 1000 for r in self.results)
        if not times:
            return {"mean": 0.0, "p50": 0.0, "p95": 0.0}
        return {"mean": statistics.fmean(times), "p50": _pct(times, 50), "p95": _pct(times, 95)}

    def misses(self) -> list[dict[str, Any]]:
        out = []
        for r in self.results:
            if not r.miss:
                continue
            out.append({
                "item": r.item.line, "q": r.item.q, "lang": r.item.lang, "expected_kind": r.item.kind,
                "kind": r.kind, "expected_articles": list(r.item.articles), "top_articles": r.articles,
                "rank": r.rank, "missing_facts": r.facts_missing, "top_score": round(r.top_score, 3),
                "opened_from": r.first_source, "expected_sections": list(r.item.sections),
                "opening_missing": r.opening_missing,
            })
        return out

    def summary(self) -> dict[str, Any]:
        coverage, n_facts = self.fact_coverage(("answer",))
        calc_coverage, n_calc = self.fact_coverage(("calculation",))
        return {
            "label": self.label,
            "questions": len(self.results),
            "retrieval": {"all": self.retrieval(), **{lang: self.retrieval(lang) for lang in LANGS}},
            "fact_coverage": coverage,
            "facts": n_facts,
            "calc_fact_coverage": calc_coverage,
            "calc_facts": n_calc,
            "reading": {"all": self.reading(), **{lang: self.reading(lang) for lang in LANGS},
                        **{subset: self.reading(subset=subset) for subset in ("broad", "typo", "conversation")}},
            "conversations": {"all": self.conversations(), **{lang: self.conversations(lang) for lang in LANGS}},
            "kind_accuracy": self.kind_accuracy(),
            "kind_rates": {k: {"rate": v[0], "n": v[1]} for k, v in self.kind_rates().items()},
            "latency_ms": self.latency_ms(),
        }


def _in_subset(item: EvalItem, subset: str | None) -> bool:
    if subset is None:
        return True
    if subset == "conversation":
        return bool(item.history)
    return bool(getattr(item, subset))


def _pct(sorted_values: Sequence[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def evaluate(answerer: Answerer, items: Sequence[EvalItem], label: str = "default",
             progress: Callable[[int], None] | None = None) -> Report:
    results = []
    for item in items:
        results.append(run_item(answerer, item))
        if progress:
            progress(1)
    return Report(results, label)


def relevance_probes(answerer: Answerer, items: Sequence[EvalItem]) -> list[tuple[str, str, Retrieved]]:
    """(expected kind, the query searched, what retrieval found) for every answer and no_answer item, each after
    its earlier turns: what the relevance gate decides on."""
    probes = []
    for item in items:
        if item.kind not in ("answer", "no_answer") or routed_before_the_gate(item.q):
            continue
        mem = Memory()
        for turn in item.history:
            answerer.answer(turn, mem, lang=item.lang)
        query = answerer.query_for(item.q, mem, item.lang)
        probes.append((item.kind, query, answerer.retrieve(query, item.lang, k=10)))
    return probes


def sweep_thresholds(answerer: Answerer, items: Sequence[EvalItem],
                     grid: Sequence[float] = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
                     ) -> list[dict[str, float]]:
    """For each threshold: share of answer items that pass the relevance gate, share of no_answer items
    that are stopped by it (the two numbers the threshold trades)."""
    probes = relevance_probes(answerer, items)
    rows = []
    saved = answerer.threshold, answerer.threshold_unknown
    offset = saved[1] - saved[0]  # a message with no debt word keeps needing this much more evidence
    try:
        for t in grid:
            answerer.threshold, answerer.threshold_unknown = t, t + offset
            passed = [answerer.relevant(q, got) for kind, q, got in probes if kind == "answer"]
            stopped = [not answerer.relevant(q, got) for kind, q, got in probes if kind == "no_answer"]
            rows.append({
                "threshold": t,
                "answer_passes": sum(passed) / len(passed) if passed else 0.0,
                "off_topic_stopped": sum(stopped) / len(stopped) if stopped else 0.0,
            })
    finally:
        answerer.threshold, answerer.threshold_unknown = saved
    return rows


# ------------------------------------------------------------------ text report

def format_report(report: Report) -> str:
    s = report.summary()
    lines = [f"finbot eval — {s['label']}: {s['questions']} questions", ""]
    lines.append("retrieval (answerable)   n    hit@1  hit@3  MRR")
    for key in ("all", *LANGS):
        r = s["retrieval"][key]
        lines.append(f"  {key:<22}{r['n']:>3}   {r['hit@1']:.3f}  {r['hit@3']:.3f}  {r['mrr']:.3f}")
    lines.append("")
    lines.append("what the user reads       n    sect@1  opening  wrong-conf  clarify")
    for key, r in s["reading"].items():
        if r["n"]:
            lines.append(f"  {key:<22}{r['n']:>3}   {r['section@1']:.3f}   {r['opening']:.3f}    "
                         f"{r['wrong_confident']:.3f}       {r['clarify']:.3f}")
    conv = s["conversations"]["all"]
    if conv["n"]:
        lines.append(f"conversations (last turn right)  {conv['ok']:.3f}  (n={conv['n']})")
    lines.append("")
    lines.append(f"answer fact coverage     {s['fact_coverage']:.3f}  ({s['facts']} facts in answer items)")
    lines.append(f"calculation facts        {s['calc_fact_coverage']:.3f}  ({s['calc_facts']} facts)")
    lines.append(f"kind accuracy            {s['kind_accuracy']:.3f}")
    for kind, v in s["kind_rates"].items():
        lines.append(f"  {kind:<22}{v['rate']:.3f}  (n={v['n']})")
    lat = s["latency_ms"]
    lines.append(f"latency ms               mean {lat['mean']:.1f}  p50 {lat['p50']:.1f}  p95 {lat['p95']:.1f}")
    misses = report.misses()
    lines.append("")
    lines.append(f"misses ({len(misses)}):")
    for m in misses:
        why = []
        if m["kind"] != m["expected_kind"]:
            why.append(f"kind {m['kind']} (expected {m['expected_kind']})")
        if m["expected_articles"] and (m["rank"] is None or m["rank"] > 3):
            why.append(f"rank {m['rank']} top {m['top_articles']} expected {m['expected_articles']}")
        if m["missing_facts"]:
            why.append(f"missing {m['missing_facts']}")
        elif m["opening_missing"] and m["kind"] == m["expected_kind"]:
            why.append(f"opening lacks {m['opening_missing']}")
        if m["expected_articles"] and m["kind"] == "answer" and m["opened_from"] and (
                m["opened_from"] not in m["expected_sections"] if m["expected_sections"]
                else m["opened_from"].split(" › ")[0] not in m["expected_articles"]):
            why.append(f"opened from {m['opened_from']}")
        lines.append(f"  #{m['item']} [{m['lang']}] {m['q']} — {'; '.join(why)} (score {m['top_score']})")
    return "\n".join(lines)


def format_comparison(rows: Sequence[dict[str, Any]]) -> str:
    head = (f"{'backend':<24}{'hit@1':>7}{'hit@3':>7}{'MRR':>7}{'zh@3':>7}{'en@3':>7}{'facts':>7}"
            f"{'no_ans':>8}{'refuse':>8}{'crisis':>8}{'p50ms':>8}")
    out = [head, "-" * len(head)]
    for s in rows:
        r, rates = s["retrieval"], s["kind_rates"]

        def rate(kind: str, rates: dict[str, Any] = rates) -> str:
            return f"{rates[kind]['rate']:.3f}" if kind in rates else "  -  "

        out.append(
            f"{s['label']:<24}{r['all']['hit@1']:>7.3f}{r['all']['hit@3']:>7.3f}{r['all']['mrr']:>7.3f}"
            f"{r['zh']['hit@3']:>7.3f}{r['en']['hit@3']:>7.3f}{s['fact_coverage']:>7.3f}"
            f"{rate('no_answer'):>8}{rate('refusal'):>8}{rate('crisis'):>8}{s['latency_ms']['p50']:>8.1f}"
        )
    return "\n".join(out)
