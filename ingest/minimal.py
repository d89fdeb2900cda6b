"""A minimal article, as an educator writes it on a phone, turned into a full article for ingest/articles.py.

    # 信用卡逾期一天会上征信吗？          ← the title
    source: 《征信业管理条例》第十六条      ← source: / sources: / 来源：  (one per line, or "；"-separated)
    date: 2026-12-01                      ← optional (date: / updated: / 日期：); default today
    tags: 征信, 逾期                       ← optional (tags: / 标签：)
    ## 逾期一天会上征信吗？                ← sections exactly as in a full article
    …

    got = to_article("card-one-day-late.md", text)
    got.text      the full article (front matter + body) that parse_article validates — there is one validator
    got.read      how each field was read, one line each, to show the educator
    got.errors    only two things are errors here: no source, no section (one line each); None when it is fine

The id comes from the file name (kebab-case ASCII; a name with no ASCII letters gets "article-" and a short hash),
the language from the text (Chinese characters → zh), `type:`, `id:`, `lang:` and `title:` lines are honoured.
Everything from the first "## " on is kept as written, so 也问/依据/详见 lines and "> 例：" examples work as usual.
A text that already starts with front matter ("---") is a full article and is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.han import han_count

_FIELD_RE = re.compile(r"^\s*(?P<key>[A-Za-z\u4e00-\u9fff]+)\s*[:：]\s*(?P<value>.*?)\s*$")
_ALIASES = {
    "source": "sources", "sources": "sources", "来源": "sources", "出处": "sources",
    "date": "updated", "updated": "updated", "日期": "updated", "更新": "updated",
    "tags": "tags", "tag": "tags", "标签": "tags",
    "title": "title", "标题": "title", "lang": "lang", "语言": "lang", "id": "id", "type": "type",
}
_LIST_ITEM_RE = re.compile(r"^\s*[-*•]\s+(.*?)\s*$")
_SPLIT_SOURCES = re.compile(r"\s*[；;]\s*")
_SPLIT_TAGS = re.compile(r"\s*[,，、;；]\s*|\s+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


# How a field that was not written was filled in, as shown to the educator.
_NOTES = {
    "zh": {"id": "（来自文件名 {name}）", "lang": "（按正文判断）", "updated": "（今天）", "tags": "（未填，默认）"},
    "en": {"id": " (from the file name {name})", "lang": " (detected from the text)", "updated": " (today)",
           "tags": " (none given: default)"},
}


@dataclass
class Converted:
    id: str
    text: str
    read: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # line in `text` -> line in what the educator sent

    def original_line(self, line: int) -> int:
        """Where a problem parse_article found in `text` is in the educator's own file."""
        return self.lines.get(line, 1)


def is_full_article(text: str) -> bool:
    return text.lstrip("\ufeff").lstrip().startswith("---")


def article_id(file_name: str) -> str:
    """The id a file name gives: kebab-case ASCII from its stem, else 'article-' and a hash of the name."""
    stem = Path(file_name).stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article-" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]


def detect_lang(text: str) -> str:
    """zh when the Chinese characters outweigh the English words (two characters weigh as one word)."""
    han, words = han_count(text), len(_LATIN_WORD.findall(text))
    if not han:
        return "en" if words else "zh"
    return "zh" if han / 2 >= words else "en"


def to_article(file_name: str, text: str, today: dt.date | None = None) -> Converted:
    """The full article for a minimal one (see the module docstring)."""
    today = today or dt.date.today()
    lines = text.lstrip("\ufeff").splitlines()
    first_section = next((i for i, line in enumerate(lines) if line.startswith("## ")), None)
    head = lines if first_section is None else lines[:first_section]
    body = [] if first_section is None else lines[first_section:]
    fields, where, preamble = _read_head(head)
    lang_given = fields.get("lang", [""])[0]
    lang = lang_given if lang_given in ("zh", "en") else detect_lang("\n".join([*fields.get("title", []), *body]))
    zh = lang == "zh"
    art_id = fields.get("id", [""])[0] or article_id(file_name)
    title = fields.get("title", [""])[0] or _first_heading(body) or Path(file_name).stem
    sources = [s for v in fields.get("sources", []) for s in _SPLIT_SOURCES.split(v) if s]
    tags = [t for v in fields.get("tags", []) for t in _SPLIT_TAGS.split(v) if t] or ["未分类" if zh else "untagged"]
    updated = fields.get("updated", [""])[0] or today.isoformat()
    kind = fields.get("type", [""])[0]
    meta: dict[str, object] = {"id": art_id, "title": title, "lang": lang}
    if kind:
        meta["type"] = kind
    meta.update(tags=tags, sources=sources or None, updated=updated)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    full = "---\n" + front + "---\n" + "\n".join([text for _, text in preamble] + body) + "\n"
    got = Converted(art_id, full)
    for n, line in enumerate(front.splitlines(), 2):  # each field: the line it was written on
        got.lines[n] = where.get(line.split(":", 1)[0], 1)
    start = len(front.splitlines()) + 3
    for n, (original, _) in enumerate(preamble, start):
        got.lines[n] = original
    for n in range(len(body)):
        got.lines[start + len(preamble) + n] = (first_section or 0) + n + 1
    note = _NOTES["zh" if zh else "en"]
    got.read = [
        f"id: {art_id}" + ("" if "id" in fields else note["id"].format(name=file_name)),
        f"title: {title}",
        f"lang: {lang}" + ("" if lang_given else note["lang"]),
        f"updated: {updated}" + ("" if "updated" in fields else note["updated"]),
        f"tags: {', '.join(tags)}" + ("" if "tags" in fields else note["tags"]),
        f"sources: {'; '.join(sources) if sources else '-'}",
        f"sections: {sum(1 for line in body if line.startswith('## '))}",
    ]
    if not sources:
        got.errors.append("没有来源：在标题下加一行“source: 《……》第……条”，写明文章依据的规则" if zh else
                          "no source: add a line 'source: <the rule the article rests on>' under the title")
    if first_section is None:
        got.errors.append("没有小节：至少加一个“## 问题”标题，并在下面写回答" if zh else
                          "no section: add at least one '## question' heading with its answer under it")
    return got


def _read_head(lines: list[str]) -> tuple[dict[str, list[str]], dict[str, int], list[tuple[int, str]]]:
    """Fields from the lines before the first section (title, key: value, '- ' items), the line each field was
    on, and any other text with its line number."""
    fields: dict[str, list[str]] = {}
    where: dict[str, int] = {}
    other: list[tuple[int, str]] = []
    listing: str | None = None  # a "sources:" / "tags:" line with its items on the following "- " lines
    for n, line in enumerate(lines, 1):
        if line.startswith("# "):
            fields.setdefault("title", []).append(line[2:].strip())
            where.setdefault("title", n)
            listing = None
            continue
        item = _LIST_ITEM_RE.match(line)
        if item and listing:
            fields.setdefault(listing, []).append(item.group(1))
            continue
        match = _FIELD_RE.match(line)
        key = _ALIASES.get(match.group("key").lower()) if match else None
        if match and key:
            value = match.group("value").strip().strip("[]")
            if value:
                fields.setdefault(key, []).append(value)
            where.setdefault(key, n)
            listing = key if key in ("sources", "tags") and not value else None
            continue
        listing = None
        if line.strip():
            other.append((n, line))
    return fields, where, other


def _first_heading(body: list[str]) -> str | None:
    return next((line[3:].strip() for line in body if line.startswith("## ")), None)
