"""Load and validate knowledge articles: Markdown with YAML front matter (format: docs/educators.md).

Every problem is reported with file, line, field and what to fix; one bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.quotes import unpaired

LANGS = ("zh", "en")
REQUIRED = ("id", "title", "lang", "tags", "sources", "updated")
KINDS = ("topic", "hub")  # `type:` in the front matter; a hub answers broad situations with first steps
KNOWN = frozenset((*REQUIRED, "type"))
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MIN_SECTIONS, MAX_SECTIONS = 3, 8


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    field: str | None
    message: str
    severity: str = "error"  # "error": the file is not indexed; "warning": indexed, but should be fixed

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        what = f" [{self.field}]" if self.field else ""
        return f"{where}: {self.severity}{what}: {self.message}"


@dataclass(frozen=True)
class Section:
    heading: str
    body: str  # what is indexed and quoted: the answer, details, examples (as "> " lines)
    line: int  # 1-based line of the heading in the file
    index: int  # position among the article's sections, from 0
    phrasings: tuple[str, ...] = ()  # "也问：" / "Also asked:" — other ways borrowers ask this question
    basis: tuple[str, ...] = ()  # "依据：" / "Basis:" — the rules this section rests on (shown with the answer)
    see_also: tuple[str, ...] = ()  # "详见：" / "See also:" — ids of articles with the details


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    lang: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    updated: dt.date
    sections: tuple[Section, ...]
    path: Path
    content_hash: str
    kind: str = "topic"  # "topic" | "hub"


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


NOT_ARTICLES = ("letters",)  # folders of knowledge/ that hold other files (letter templates: bot/engine/letters.py)


def article_files(root: Path) -> list[Path]:
    """Markdown articles under root, in a stable order. README/underscore files are notes, not articles."""
    return sorted(
        p
        for p in root.rglob("*.md")
        if p.is_file() and not p.name.startswith(("_", ".")) and p.name.lower() != "readme.md"
        and p.relative_to(root).parts[0] not in NOT_ARTICLES
    )


def load_articles(root: Path, today: dt.date | None = None) -> LoadResult:
    """Parse every article under root. Invalid files are reported and skipped; duplicate ids are errors."""
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(
            Problem(root, 0, None, "knowledge folder not found: create it or set FINBOT_KNOWLEDGE_DIR")
        )
        return result
    parsed: list[Article] = []
    for path in article_files(root):
        article, problems = parse_article(path, _read(path, result.problems), root=root, today=today)
        result.problems.extend(problems)
        if article is not None:
            parsed.append(article)
    # On a duplicate id the file named after the id keeps it (a copy such as x-2.md cannot hijack x.md).
    owner: dict[str, Article] = {}
    for article in sorted(parsed, key=lambda a: (a.path.stem != a.id, str(a.path))):
        first = owner.setdefault(article.id, article)
        if first is not article:
            result.problems.append(
                Problem(
                    article.path,
                    2,
                    "id",
                    f"duplicate id {article.id!r} (already used by {first.path}); give this article a new, unique id",
                )
            )
    result.articles = [a for a in parsed if owner[a.id] is a]
    result.problems.extend(_unknown_pointers(result.articles))
    return result


def _unknown_pointers(articles: list[Article]) -> list[Problem]:
    """"详见：" / "See also:" ids that name no article (a typo, or an article that was renamed)."""
    known = {a.id for a in articles}
    return [
        Problem(a.path, s.line, "see_also", f"section {s.heading!r}: 详见/See also names {ref!r}, which is no "
                "article id: fix the id (finbot kb list shows them) or remove it", "warning")
        for a in articles for s in a.sections for ref in s.see_also if ref not in known
    ]


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 1, None, f"not UTF-8 text ({exc.reason}): save the file as UTF-8"))
    except OSError as exc:
        problems.append(Problem(path, 0, None, f"cannot read the file: {exc.strerror}"))
    return None


def parse_article(
    path: Path, text: str | None, root: Path | None = None, today: dt.date | None = None
) -> tuple[Article | None, list[Problem]]:
    """One article from its text, with every problem found. Article is None when it cannot be indexed."""
    if text is None:
        return None, []
    problems: list[Problem] = []

    def err(line: int, fld: str | None, msg: str) -> None:
        problems.append(Problem(path, line, fld, msg))

    def warn(line: int, fld: str | None, msg: str) -> None:
        problems.append(Problem(path, line, fld, msg, "warning"))

    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        err(1, None, "missing front matter: the file must start with a line '---', the fields, then '---'")
        return None, problems
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        err(1, None, "front matter is not closed: add a line '---' after the last field")
        return None, problems
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        err(line, None, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)}); check quotes and colons")
        return None, problems
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. a value YAML cannot build; say where it is
        err(2, None, f"front matter could not be read ({exc.__class__.__name__}: {exc}); write plain 'field: value' "
            "lines as in docs/educators.md")
        return None, problems
    if not isinstance(meta, dict):
        err(2, None, "front matter must be 'field: value' lines")
        return None, problems

    def line_of(key: str) -> int:
        for i in range(1, end):
            if lines[i].startswith(f"{key}:"):
                return i + 1
        return 1

    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            err(end + 1 if key not in meta else line_of(key), key, f"missing {key!r}: {_HOW[key]}")
    for key in meta:
        if key not in KNOWN:
            warn(line_of(str(key)), str(key), f"unknown field {key!r} is ignored (known: {', '.join(REQUIRED)})")

    art_id = meta.get("id")
    if art_id is not None and (not isinstance(art_id, str) or not ID_RE.match(art_id)):
        err(line_of("id"), "id", f"id {art_id!r} must be kebab-case ASCII, e.g. credit-report-retention")
    elif isinstance(art_id, str) and art_id != path.stem:
        warn(line_of("id"), "id", f"file name {path.name!r} differs from id {art_id!r}: name it {art_id}.md")
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        err(line_of("title"), "title", "title must be text")
    lang = meta.get("lang")
    if lang is not None and lang not in LANGS:
        err(line_of("lang"), "lang", f"lang {lang!r} must be one of: {', '.join(LANGS)}")
    elif lang in LANGS and root is not None:
        folder = path.relative_to(root).parts[0] if len(path.relative_to(root).parts) > 1 else None
        if folder in LANGS and folder != lang:
            warn(line_of("lang"), "lang", f"lang is {lang!r} but the file is in {folder}/: move it or fix lang")
    tags = meta.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str | int) for t in tags)):
        err(line_of("tags"), "tags", "tags must be a list, e.g. tags: [征信, 逾期]")
    sources = meta.get("sources")
    if sources is not None and not (
        isinstance(sources, list) and sources and all(isinstance(s, str) and s.strip() for s in sources)
    ):
        err(line_of("sources"), "sources", "sources must be a list of rule names, one '- ' line each")
    updated = _as_date(meta.get("updated"))
    if meta.get("updated") not in (None, "") and updated is None:
        err(line_of("updated"), "updated", f"updated {meta.get('updated')!r} must be a date like 2026-11-01")
    elif updated is not None and updated > (today or dt.date.today()):
        warn(line_of("updated"), "updated", f"updated {updated} is in the future: use the date you last edited it")

    kind = meta.get("type", "topic")
    if kind not in KINDS:
        err(line_of("type"), "type", f"type {kind!r} must be one of: {', '.join(KINDS)} (or leave it out for a topic)")
    sections, body_problems = _sections(lines, end + 1, path)
    problems.extend(body_problems)
    if not sections:
        err(end + 2, "sections", "no '## ' section found: add sections headed by a borrower's question")
    elif not MIN_SECTIONS <= len(sections) <= MAX_SECTIONS:
        warn(
            sections[0].line,
            "sections",
            f"{len(sections)} sections; an article should have {MIN_SECTIONS}–{MAX_SECTIONS} "
            "(split a long article, or merge a thin one)",
        )

    if any(p.severity == "error" for p in problems):
        return None, problems
    assert isinstance(art_id, str) and isinstance(title, str) and isinstance(lang, str) and updated
    article = Article(
        id=art_id,
        title=title.strip(),
        lang=lang,
        tags=tuple(str(t) for t in tags or ()),
        sources=tuple(s.strip() for s in sources or ()),
        updated=updated,
        sections=tuple(sections),
        path=path,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        kind=str(kind),
    )
    return article, problems


_HOW = {
    "id": "add 'id: some-kebab-case-id' (stable, never reused)",
    "title": "add 'title: ...' (the question the article answers)",
    "lang": "add 'lang: zh' or 'lang: en'",
    "tags": "add 'tags: [逾期, 征信]'",
    "sources": "list the rules the facts rest on (issuer, year, article), one '- ' line each",
    "updated": "add 'updated: YYYY-MM-DD' (the date of your last edit)",
}


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader (libyaml's when installed: about 3× faster over the whole knowledge base), except that a date
    that cannot exist ("updated: 2026-13-45") stays text, so it is reported as file:line [updated] like any other
    bad date instead of failing the whole file."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _sections(lines: list[str], start: int, path: Path) -> tuple[list[Section], list[Problem]]:
    """Split the body on '## ' headings. Text before the first one and '# ' titles are flagged."""
    problems: list[Problem] = []
    sections: list[Section] = []
    heading: str | None = None
    heading_line = 0
    body: list[str] = []
    in_fence = False
    preamble_flagged = False

    def close() -> None:
        if heading is None:
            return
        parts = split_section(body, heading_line + 1, path)
        problems.extend(parts.problems)
        if not parts.body:
            problems.append(
                Problem(
                    path, heading_line, "sections", f"section {heading!r} is empty: write the answer under the heading"
                )
            )
            return
        sections.append(Section(heading, parts.body, heading_line, len(sections), parts.phrasings, parts.basis,
                                parts.see_also))

    for i in range(start, len(lines)):
        line = lines[i]
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else HEADING_RE.match(line)
        level = len(match.group(1)) if match else 0
        if level == 2:
            close()
            heading, heading_line, body = match.group(2).strip(), i + 1, []  # type: ignore[union-attr]
        elif level == 1:
            problems.append(
                Problem(
                    path,
                    i + 1,
                    "title",
                    "'# ' title line in the body: the title comes from front matter; remove it",
                    "warning",
                )
            )
        elif heading is not None:
            body.append(line)
        elif line.strip() and not preamble_flagged:
            preamble_flagged = True
            problems.append(
                Problem(
                    path,
                    i + 1,
                    "sections",
                    "text before the first '## ' section is not indexed: move it into a section",
                    "warning",
                )
            )
    close()
    return sections, problems


# ------------------------------------------------------------------ the lines a section holds besides its answer

# Labels are matched with any ** emphasis removed ("**依据：**" is "依据：").
_PHRASINGS_RE = re.compile(r"^(?:也问|也可以问|Also asked)\s*[:：]\s*(.*)$", re.IGNORECASE)
_PHRASING_SEPARATORS = r"\s*[｜|]\s*"
_BASIS_RE = re.compile(r"^(?:依据|法律依据|Basis|Legal basis)\s*[:：]\s*(.*)$", re.IGNORECASE)
_SEE_ALSO_RE = re.compile(r"^(?:详见|See also)\s*[:：]\s*(.*)$", re.IGNORECASE)
# A worked example is a blockquote whose first line carries one of these labels ("> 例：…", "> Example: …").
EXAMPLE_LABEL = r"(?:例|例如|举例|举个例子|比如|Example|For example|Worked example)\s*[:：]"
_QUOTED_EXAMPLE_RE = re.compile(r"^>\s*" + EXAMPLE_LABEL, re.IGNORECASE)
_PLAIN_EXAMPLE_RE = re.compile(r"^(?:[-*]\s+)?" + EXAMPLE_LABEL, re.IGNORECASE)


@dataclass
class SectionParts:
    body: str
    phrasings: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def phrasing_line(line: str) -> tuple[str, list[str]] | None:
    """A 也问/Also asked line as its label ("也问：") and its phrasings, read exactly as ingest reads them (emphasis
    dropped, any label spelling and separator); None for any other line. For tools that edit the lists."""
    plain = line.strip().replace("**", "").replace("__", "")
    match = _PHRASINGS_RE.match(plain)
    if match is None:
        return None
    values = [v.strip(" 。.") for v in re.split(_PHRASING_SEPARATORS, match.group(1)) if v.strip(" 。.")]
    return plain[:match.start(1)], values


def split_section(lines: list[str], first_line: int, path: Path) -> SectionParts:
    """A section's body lines → the answer text (what is indexed and quoted) and the educator's labelled lines:
    phrasings, legal basis and pointers are taken out of the text; examples stay in it as "> " lines."""
    kept: list[str] = []
    kept_at: list[int] = []  # each kept line's number in the file
    found: dict[str, list[str]] = {"phrasings": [], "basis": [], "see_also": []}
    problems: list[Problem] = []
    for n, line in enumerate(lines):
        plain = line.strip().replace("**", "").replace("__", "")
        for key, pattern, separators in (("phrasings", _PHRASINGS_RE, _PHRASING_SEPARATORS),
                                         ("basis", _BASIS_RE, r"\s*[；;]\s*"),
                                         ("see_also", _SEE_ALSO_RE, r"[\s、,，;；]+")):
            match = pattern.match(plain)
            if match:
                values = [v.strip(" 。.") for v in re.split(separators, match.group(1)) if v.strip(" 。.")]
                if not values:
                    problems.append(Problem(path, first_line + n, key, f"'{plain}' lists nothing: add the "
                                            "items after the colon, or remove the line", "warning"))
                found[key].extend(values)
                break
        else:
            starts_quote = is_example_line(line) and not (kept and is_example_line(kept[-1]))
            kept.append(line)
            kept_at.append(first_line + n)
            if starts_quote and not _QUOTED_EXAMPLE_RE.match(plain):
                problems.append(Problem(
                    path, first_line + n, "example",
                    "a blockquote is shown as a worked example: start it with '> 例：' (English: '> Example:')",
                    "warning"))
            elif _PLAIN_EXAMPLE_RE.match(plain):
                problems.append(Problem(
                    path, first_line + n, "example",
                    "a worked example written as a plain paragraph reads as a fact about the borrower: make it a "
                    "blockquote — every line starting with '> ', the first '> 例：' (English: '> Example:') — "
                    "about a named person or starting with 假设/Say", "warning"))
    problems += _unpaired_quotes(kept, kept_at, path)
    return SectionParts("\n".join(kept).strip(), tuple(found["phrasings"]), tuple(found["basis"]),
                        tuple(found["see_also"]), problems)


def _unpaired_quotes(lines: list[str], numbers: list[int], path: Path) -> list[Problem]:
    """A paragraph whose quotation marks do not pair up: the composer reads every sentence after an open quote as
    the quotation's (a sample script, never a statement; bot/engine/compose.py), so a stray mark hides the rest."""
    problems = []
    start = 0
    for n, line in enumerate([*lines, ""]):
        if line.strip():
            continue
        text = "".join(lines[start:n])
        if unpaired(text):
            problems.append(Problem(path, numbers[start], "quotes", "a quotation mark without its pair: the "
                                    "answer leaves out every sentence after it in this paragraph — close the "
                                    "quotation or remove the stray mark", "warning"))
        start = n + 1
    return problems


def is_example_line(line: str) -> bool:
    """A line of a worked-example blockquote (the composer labels or skips these)."""
    return line.lstrip().startswith(">")
