"""Letters a borrower has to write: a request for a personalised instalment plan (negotiation), a complaint about
collection, a credit-report dispute — filled from the borrower's own facts, asked for one by one.

Templates are files educators edit: knowledge/letters/{zh,en}/{kind}.md (front matter: title, basis, send_to, keep;
a body with {placeholders}); the facts a placeholder stands for, with the question that asks for it, are in
knowledge/letters/facts.yaml. `finbot kb check` runs check() (no unknown placeholder, both languages present).

Two rules keep a letter honest:
- nothing is filled in that the borrower did not give: a fact is asked until given; an optional one may be skipped,
  and then every line that uses it is left out ("?{account_tail} …" lines exist only when it was given);
- a line "?{fact=value} …" is kept only when that fact has that value (the card rule for a card debt, the civil-code
  rule for any other), so the legal basis cited is the one that applies.

    draft = Draft("negotiation", "zh")
    fact = next_fact(draft)                # the first fact still needed, or None
    draft = give(draft, fact, "张三")       # (draft, problem): a reply that cannot be used says why
    letter = fill(draft)                    # Letter: title, body, basis, send_to, keep; .text(), .docx()
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

KINDS = ("negotiation", "complaint", "dispute")
LANGS = ("zh", "en")
FACT_KINDS = ("text", "money", "choice")
MAX_FACT = 500  # characters: a fact is a sentence or two, not a document
BUNDLED = Path(__file__).resolve().parent.parent.parent / "knowledge" / "letters"  # = bot.config.BUNDLED_KNOWLEDGE
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
CONDITION = re.compile(r"^\?\{([a-z_]+)(?:=([\w-]+))?\}\s?")
# "略过" is the word the questions suggest: the semantic crisis screen reads "跳过" ("jump over") as a crisis.
_SKIP = re.compile(r"^\s*(?:略过|跳过|没有|无|不写|不知道|不清楚|skip|none|no|n/?a|don'?t know)\s*[。.!！]?\s*$", re.I)
CANCEL = re.compile(r"^\s*(?:取消|算了|不写了|退出|cancel|stop|quit)\s*[。.!！]?\s*$", re.I)
_ACCEPT = re.compile(r"^\s*(?:用这个|就这个|好的?|可以|行|同意|use (?:it|this|that)|ok(?:ay)?|yes)\s*[。.!！]?\s*$",
                     re.I)


class LetterError(ValueError):
    """A template or the facts file cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str
    zh: str
    en: str
    example: str
    optional: bool = False
    choices: tuple[tuple[str, str, str, str], ...] = ()  # (value, zh label, en label, replies that choose it)

    def question(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def label(self, value: str, lang: str) -> str:
        for key, zh, en, _replies in self.choices:
            if key == value:
                return zh if lang == "zh" else en
        return value


@dataclass(frozen=True)
class Template:
    kind: str
    lang: str
    title: str
    basis: tuple[str, ...]
    send_to: tuple[str, ...]
    keep: tuple[str, ...]
    body: str
    path: Path
    first_line: int = 1  # the file's line number of the body's first line (for kb check)

    @property
    def facts(self) -> list[str]:
        """Every fact the body uses, in the order it first appears (conditions included)."""
        names: list[str] = []
        for line in self.body.splitlines():
            cond = CONDITION.match(line)
            for name in ([cond.group(1)] if cond else []) + PLACEHOLDER.findall(line):
                if name not in names:
                    names.append(name)
        return names


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# ------------------------------------------------------------------------------------------------ loading


def _resolve(folder: Path | None) -> Path:
    """The folder given, else the configured knowledge folder's (FINBOT_KNOWLEDGE_DIR), else the shipped one."""
    if folder is not None:
        return folder
    try:
        from bot.config import get_settings

        return folder_for(get_settings().knowledge_path)
    except Exception:  # settings that cannot be read must not stop a letter: the shipped templates still work
        return BUNDLED


def folder_for(knowledge: Path | None = None) -> Path:
    """knowledge/letters when the knowledge folder has one, else the letters shipped with finbot."""
    if knowledge is not None and (Path(knowledge) / "letters").is_dir():
        return Path(knowledge) / "letters"
    return BUNDLED


@cache
def _facts(folder: Path, stamp: float) -> dict[str, Fact]:
    del stamp  # part of the cache key: an edited file is read again
    path = folder / "facts.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LetterError(f"{path}: cannot be read ({exc.__class__.__name__}); it must be valid YAML") from exc
    if not isinstance(data, dict):
        raise LetterError(f"{path}: expected one entry per fact (name: {{kind, zh, en, example}})")
    facts = {}
    for name, spec in data.items():
        if not isinstance(spec, dict):
            raise LetterError(f"{path}: fact {name!r} must be a mapping with kind, zh, en and example")
        choices = tuple((str(k), str(v[0]), str(v[1]), str(v[2]) if len(v) > 2 else re.escape(str(v[0])))
                        for k, v in (spec.get("choices") or {}).items()
                        if isinstance(v, (list, tuple)) and len(v) in (2, 3))
        facts[str(name)] = Fact(str(name), str(spec.get("kind", "")), str(spec.get("zh", "")), str(spec.get("en", "")),
                                str(spec.get("example", "")), bool(spec.get("optional", False)), choices)
    return facts


def load_facts(folder: Path | None = None) -> dict[str, Fact]:
    folder = _resolve(folder)
    path = folder / "facts.yaml"
    return _facts(folder, path.stat().st_mtime if path.exists() else 0.0)


def load_template(kind: str, lang: str, folder: Path | None = None) -> Template:
    folder = _resolve(folder)
    path = folder / lang / f"{kind}.md"
    stamp = path.stat().st_mtime if path.exists() else 0.0
    return _template(path, stamp)


@cache
def _template(path: Path, stamp: float) -> Template:
    del stamp
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LetterError(f"{path}: cannot be read ({exc.strerror})") from exc
    parts = text.split("---\n", 2)
    if not text.startswith("---\n") or len(parts) < 3:
        raise LetterError(f"{path}: a template starts with a front matter block between two '---' lines")
    try:
        meta = yaml.safe_load(parts[1]) or {}
    except yaml.YAMLError as exc:
        raise LetterError(f"{path}: the front matter is not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(meta, dict):
        raise LetterError(f"{path}: the front matter must be 'field: value' lines")

    def items(key: str) -> tuple[str, ...]:
        value = meta.get(key) or []
        value = value if isinstance(value, list) else [value]
        for n, item in enumerate(value, start=1):
            if not isinstance(item, str):  # "- a dispute is free: no agent …" is read by YAML as a mapping
                raise LetterError(f"{path}: {key} item {n} is not plain text (a ': ' inside it? put the item in "
                                  "quotes or use '：')")
        return tuple(value)

    kind, lang = path.stem, path.parent.name
    rest = parts[2]
    first = 2 + parts[1].count("\n") + 1 + (len(rest) - len(rest.lstrip("\n")))
    return Template(kind, lang, str(meta.get("title") or ""), items("basis"), items("send_to"), items("keep"),
                    rest.strip("\n"), path, first)


# ------------------------------------------------------------------------------------------------ checking


def check(folder: Path) -> list[Problem]:
    """Everything `finbot kb check` reports about the letters: the facts file, every template in both languages,
    unknown placeholders and condition values, missing front-matter fields."""
    facts_path = folder / "facts.yaml"
    try:
        facts = load_facts(folder)
    except LetterError as exc:
        return [Problem(facts_path, 1, str(exc).split(": ", 1)[-1])]
    problems = [Problem(facts_path, 1, f"fact {f.name!r}: {what}") for f in facts.values()
                for what in _fact_problems(f)]
    used: dict[tuple[str, str], set[str]] = {}
    for kind in KINDS:
        for lang in LANGS:
            path = folder / lang / f"{kind}.md"
            if not path.exists():
                problems.append(Problem(path, 0, f"missing: every letter ({', '.join(KINDS)}) needs a {lang} "
                                        "template"))
                continue
            try:
                template = load_template(kind, lang, folder)
            except LetterError as exc:
                problems.append(Problem(path, 1, str(exc).split(": ", 1)[-1]))
                continue
            problems += _template_problems(template, facts)
            used[(kind, lang)] = set(template.facts)
        differ = used.get((kind, "zh"), set()) ^ used.get((kind, "en"), set())
        if (kind, "zh") in used and (kind, "en") in used and differ:
            problems.append(Problem(folder / "en" / f"{kind}.md", 0, "the zh and en templates use different facts: "
                                    f"{', '.join(sorted(differ))}; both must ask the same"))
    return problems


def _fact_problems(fact: Fact) -> list[str]:
    out = []
    if fact.kind not in FACT_KINDS:
        out.append(f"kind must be one of {', '.join(FACT_KINDS)} (got {fact.kind!r})")
    if not fact.zh or not fact.en:
        out.append("needs a question in zh and en")
    if not fact.example:
        out.append("needs an example reply")
    if fact.kind == "choice" and not fact.choices:
        out.append("a choice needs choices: value: [中文, English]")
    elif fact.kind == "choice" and fact.example not in {c[0] for c in fact.choices}:
        out.append(f"the example {fact.example!r} is not one of its choices")
    for key, _zh, _en, replies in fact.choices:
        try:
            re.compile(replies)
        except re.error as exc:
            out.append(f"choice {key!r}: the replies {replies!r} are not a valid regular expression ({exc})")
    return out


def _template_problems(template: Template, facts: dict[str, Fact]) -> list[Problem]:
    out = []
    for key in ("title", "basis", "send_to", "keep"):
        if not getattr(template, key):
            out.append(Problem(template.path, 2, f"front matter needs {key}"))
    for n, line in enumerate(template.body.splitlines(), start=template.first_line):
        cond = CONDITION.match(line)
        if cond:
            fact = facts.get(cond.group(1))
            if fact is None:
                out.append(Problem(template.path, n, f"?{{{cond.group(1)}}} names no fact in facts.yaml"))
            elif cond.group(2) and cond.group(2) not in {c[0] for c in fact.choices}:
                out.append(Problem(template.path, n, f"?{{{cond.group(1)}={cond.group(2)}}}: "
                                   f"{cond.group(2)!r} is not one of its choices"))
            line = line[cond.end():]
        for name in PLACEHOLDER.findall(line):
            if name not in facts:
                out.append(Problem(template.path, n, f"unknown placeholder {{{name}}}: add it to facts.yaml or fix "
                                   "the spelling"))
        stray = PLACEHOLDER.sub("", line)
        if "{" in stray or "}" in stray:
            out.append(Problem(template.path, n, "a brace that is not a placeholder: write {fact_name} with lower-case "
                               "letters and _ only"))
    return out


# ------------------------------------------------------------------------------------------------ a draft


@dataclass
class Draft:
    """A letter being written: its kind, language and the facts given so far (skipped ones are absent)."""

    kind: str
    lang: str
    facts: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    offer: str | None = None  # a proposal offered from the borrower's own plan, used only if they accept it

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "lang": self.lang, "facts": dict(self.facts), "skipped": list(self.skipped),
                "offer": self.offer}

    @classmethod
    def from_dict(cls, data: Any) -> Draft | None:
        if not isinstance(data, dict) or data.get("kind") not in KINDS or data.get("lang") not in LANGS:
            return None
        facts = {str(k): str(v) for k, v in (data.get("facts") or {}).items()}
        return cls(data["kind"], data["lang"], facts, [str(s) for s in data.get("skipped") or []], data.get("offer"))


def asking_order(draft: Draft, folder: Path | None = None) -> list[str]:
    """The facts a letter needs, in facts.yaml's order (who you are, to whom, what is owed, why, what you propose)."""
    folder = _resolve(folder)
    used = set(load_template(draft.kind, draft.lang, folder).facts)
    return [name for name in load_facts(folder) if name in used]


def next_fact(draft: Draft, folder: Path | None = None) -> Fact | None:
    folder = _resolve(folder)
    facts = load_facts(folder)
    for name in asking_order(draft, folder):
        if name not in draft.facts and name not in draft.skipped:
            return facts[name]
    return None


def give(draft: Draft, fact: Fact, text: str) -> tuple[Draft, tuple[str, str] | None]:
    """The draft with `text` as the answer for `fact`, or the same draft and why it cannot be used (zh, en)."""
    said = " ".join(text.split())
    if fact.optional and _SKIP.match(said):
        return replace(draft, skipped=[*draft.skipped, fact.name]), None
    if fact.name == "proposal" and draft.offer and _ACCEPT.match(said):
        return replace(draft, facts={**draft.facts, fact.name: draft.offer}), None
    value, problem = read_fact(fact, said)
    if value is None:
        return draft, problem
    return replace(draft, facts={**draft.facts, fact.name: value}), None


def read_fact(fact: Fact, said: str) -> tuple[str | None, tuple[str, str] | None]:
    """A reply as the fact's value (money shown as 30,000.00; a choice as its key), or why it is not one."""
    if fact.kind == "choice":
        return _choice(fact, said)
    if not said or _SKIP.match(said):
        return None, ("这一项信里必须写，请直接告诉我。", "The letter needs this one: please tell me.")
    if fact.kind == "money":
        from bot.understand import parse_amount

        amount = parse_amount(said)
        if amount is None or amount <= 0:
            return None, ("没读出金额，请写成“3万”或“30000”这样。", "I could not read an amount: write e.g. 30000.")
        return f"{amount:,.2f}", None
    if len(said) > MAX_FACT:
        return None, (f"写得太长了（{len(said)} 字），请用一两句话概括（{MAX_FACT} 字以内）。",
                      f"That is long ({len(said)} characters): one or two sentences, please (under {MAX_FACT}).")
    return said.replace("{", "（").replace("}", "）"), None


def _choice(fact: Fact, said: str) -> tuple[str | None, tuple[str, str] | None]:
    """A reply that is one choice's key, label, or matches exactly one choice's replies (a longer match wins:
    "不是" is not "是")."""
    low = said.lower().strip("。.!！ ")
    best: tuple[int, str] | None = None
    for key, zh, en, replies in fact.choices:
        if low in (key.lower(), zh.lower(), en.lower()):
            return key, None
        m = re.search(replies, low, re.I)
        if m and (best is None or len(m.group(0)) > best[0]):
            best = (len(m.group(0)), key)
    if best is not None:
        return best[1], None
    return None, ("请在这几个里选一个：" + "、".join(c[1] for c in fact.choices),
                  "Please choose one of: " + ", ".join(c[2] for c in fact.choices))


def question(fact: Fact, lang: str, offer: str | None = None) -> str:
    """The question for a fact, with its choices and how to skip it when it is optional."""
    zh = lang == "zh"
    text = fact.question(lang)
    if fact.kind == "choice":
        text += "（" + "、".join(c[1] for c in fact.choices) + "）" if zh else \
            " (" + ", ".join(c[2] for c in fact.choices) + ")"
    if fact.name == "proposal" and offer:
        text += (f"\n按你在“我的欠款”里的计划，可以写：“{offer}”。用这个就回复“用这个”，或者写你自己的方案。" if zh
                 else f"\nFrom your plan in My debts it could be: '{offer}'. Reply 'use it', or write your own.")
    return text


# ------------------------------------------------------------------------------------------------ the letter


NOTE_HEADS = (("依据", "Legal basis"), ("寄到哪里、怎么交", "Where to send it"), ("要留好的东西", "What to keep"))


@dataclass(frozen=True)
class Letter:
    kind: str
    lang: str
    title: str
    body: str
    basis: tuple[str, ...]
    send_to: tuple[str, ...]
    keep: tuple[str, ...]

    def text(self) -> str:
        """The letter, then (outside it) its legal basis, where to send it and what to keep."""
        zh = self.lang == "zh"
        heads = [h[0 if zh else 1] for h in NOTE_HEADS]
        guide = [f"{heads[0]}：" if zh else f"{heads[0]}:", *(f"• {b}" for b in self.basis),
                 "", f"{heads[1]}：" if zh else f"{heads[1]}:", *(f"• {s}" for s in self.send_to),
                 "", f"{heads[2]}：" if zh else f"{heads[2]}:", *(f"• {k}" for k in self.keep)]
        cut = "—— 以下是给你的说明，不用寄出 ——" if zh else "—— Notes for you, not to be sent ——"
        return f"{self.title}\n\n{self.body}\n\n{cut}\n" + "\n".join(guide)

    def filename(self) -> str:
        return f"finbot-{self.kind}-{self.lang}.docx"

    def docx(self) -> bytes:
        """The letter as an editable Word file (the notes on a last page, marked as not to be sent)."""
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
        from docx.oxml.ns import qn
        from docx.shared import Pt

        doc = Document()
        style = doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(12)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # CJK text in a font every Chinese Word/WPS has
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(self.title)
        run.bold = True
        run.font.size = Pt(16)
        for line in self.body.split("\n"):
            doc.add_paragraph(line)
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        zh = self.lang == "zh"
        doc.add_paragraph().add_run("以下是给你的说明，不用寄出" if zh else "Notes for you, not to be sent").bold = True
        for head, items in zip(NOTE_HEADS, (self.basis, self.send_to, self.keep), strict=True):
            doc.add_paragraph().add_run(head[0] if zh else head[1]).bold = True
            for item in items:
                doc.add_paragraph(item, style="List Bullet")
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()


def fill(draft: Draft, folder: Path | None = None) -> Letter:
    """The letter from a draft with every required fact given. Lines using a skipped fact are left out, and a
    conditional line only stays when its condition holds; no placeholder survives."""
    folder = _resolve(folder)
    template = load_template(draft.kind, draft.lang, folder)
    missing = [n for n in template.facts if n not in draft.facts and n not in draft.skipped]
    if missing:
        raise LetterError(f"{draft.kind}: still missing {', '.join(missing)}")
    facts = load_facts(folder)
    lines: list[str] = []
    for line in template.body.splitlines():
        cond = CONDITION.match(line)
        if cond:
            name, value = cond.group(1), cond.group(2)
            given = draft.facts.get(name)
            if given is None or (value is not None and given != value):
                continue
            line = line[cond.end():]
        names = PLACEHOLDER.findall(line)
        if any(n not in draft.facts for n in names):
            continue  # a skipped fact: the line is left out rather than filled with a guess
        lines.append(PLACEHOLDER.sub(lambda m: _shown(facts[m.group(1)], draft.facts[m.group(1)], draft.lang), line))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return Letter(draft.kind, draft.lang, template.title, body, template.basis, template.send_to, template.keep)


def _shown(fact: Fact, value: str, lang: str) -> str:
    return fact.label(value, lang) if fact.kind == "choice" else value


# ------------------------------------------------------------------------------------------------ what is asked for


def requested_kind(text: str) -> str | None:
    """The letter a message asks to have written ("帮我写一份协商还款申请" → negotiation), or None."""
    from bot.understand.lexicon import cue

    if not cue("write", "letter_words").search(text):
        return None
    found = [(m.start(), kind) for kind in KINDS if (m := cue(kind, "letter_words").search(text))]
    return min(found)[1] if found else None


TITLES: dict[str, tuple[str, str]] = {
    "negotiation": ("协商还款（个性化分期）申请", "a request for a personalised instalment plan"),
    "complaint": ("催收投诉书", "a complaint about debt collection"),
    "dispute": ("征信异议申请", "a credit-report dispute"),
}


__all__ = [
    "CANCEL",
    "KINDS",
    "Draft",
    "Fact",
    "Letter",
    "LetterError",
    "Problem",
    "Template",
    "asking_order",
    "check",
    "fill",
    "folder_for",
    "give",
    "load_facts",
    "load_template",
    "next_fact",
    "question",
    "read_fact",
    "requested_kind",
]
