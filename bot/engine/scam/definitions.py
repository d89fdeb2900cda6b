"""The flag and topic definitions of flags.yaml, read once and checked as they are read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FILE = Path(__file__).resolve().parent / "flags.yaml"
LANGS = ("zh", "en")
VERDICTS = ("likely_scam", "suspicious", "no_red_flags")


class DefinitionError(ValueError):
    """flags.yaml is malformed; the message names the entry and what to fix."""


@dataclass(frozen=True)
class Cite:
    article: str
    section: str


@dataclass(frozen=True)
class FlagDef:
    id: str
    weight: float
    text: dict[str, str]  # lang -> what the flag means and why it is false
    cite: dict[str, Cite]  # lang -> the section it rests on
    context_topics: frozenset[str] = frozenset()
    context_weight: float | None = None
    threat: bool = False  # a threat made at the reader, nothing asked of them

    def weight_for(self, topics: set[str]) -> float:
        if self.context_weight is not None and topics & self.context_topics:
            return self.context_weight
        return self.weight


@dataclass(frozen=True)
class TopicDef:
    id: str
    text: dict[str, str]  # lang -> what to verify and where
    cite: dict[str, Cite]


@dataclass(frozen=True)
class Definitions:
    flags: dict[str, FlagDef]
    topics: dict[str, TopicDef]
    lead: dict[str, dict[str, str]]  # verdict -> lang -> the opening line
    heads: dict[str, dict[str, str]]
    report: dict[str, str]  # already paid: 110, the bank, 96110
    complain: dict[str, str]  # unlawful collection: 12378 / 12363


def _langs(entry: Any, where: str) -> dict[str, str]:
    if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) for lang in LANGS):
        raise DefinitionError(f"{FILE}: {where}: needs a zh and an en text")
    return {lang: entry[lang].strip() for lang in LANGS}


def _cite(entry: Any, where: str) -> dict[str, Cite]:
    if not isinstance(entry, dict):
        raise DefinitionError(f"{FILE}: {where}: cite needs zh and en [article id, section heading]")
    out = {}
    for lang in LANGS:
        pair = entry.get(lang)
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise DefinitionError(f"{FILE}: {where}: cite.{lang} must be [article id, section heading]")
        out[lang] = Cite(pair[0], pair[1])
    return out


@cache
def definitions() -> Definitions:
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    flags = {}
    for fid, entry in data["flags"].items():
        context = entry.get("context") or {}
        flags[fid] = FlagDef(
            fid, float(entry["weight"]), _langs(entry, f"flags.{fid}"), _cite(entry.get("cite"), f"flags.{fid}"),
            frozenset(context.get("topics", ())), float(context["weight"]) if "weight" in context else None,
            bool(entry.get("threat", False)))
    topics = {tid: TopicDef(tid, _langs(entry, f"topics.{tid}"), _cite(entry.get("cite"), f"topics.{tid}"))
              for tid, entry in data["topics"].items()}
    lead = {verdict: _langs(data["lead"].get(verdict), f"lead.{verdict}") for verdict in VERDICTS}
    heads = {key: _langs(value, f"heads.{key}") for key, value in data["heads"].items()}
    return Definitions(flags, topics, lead, heads, _langs(data["report"], "report"),
                       _langs(data["complain"], "complain"))
