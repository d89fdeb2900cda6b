"""One clean form of whatever a user typed, before anything else reads it.

    normalize("<b>信用卡</b>逾期\u200b了 ")  -> "信用卡逾期了"

The steps run in order (STEPS); each takes text and returns text and none may raise:
  1. unicode:     NFKC (full-width digits and letters, ％, ￥ become ASCII); the Chinese comma and 、 become ", "
                  first, as bot.understand reads them, so "1000，300天" never turns into the number 1000300;
  2. invisible:   control and format characters (zero-width spaces, bidi overrides), lone surrogates (bytes a
                  terminal could not decode), private-use code points and U+FFFD are removed — before markup, so
                  a "*", a backspace and a "*" cannot turn into emphasis on a second reading;
  3. markup:      HTML tags people paste (<b>…</b>, <br>) and Markdown emphasis (**…**) are dropped, entities
                  (&amp;) decoded (an entity for an invisible character decodes to nothing) — otherwise
                  "<b>信用卡</b>逾期" reads as English to the language detector;
  4. whitespace:  runs of any whitespace become one space; no space at either end.
A later step (typos and slang mapped to the words the knowledge base uses) belongs after "markup", so it
sees clean characters; add it to STEPS.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from bot import understand
from ingest.han import has_han

# The longest message answered as a question. Faces check a longer one for a crisis (on the whole text), then
# ask for the question in a few sentences: answering 100,000 characters takes the engine about a minute.
MAX_QUESTION = 1500

# Tags people paste from web pages, chat apps and editors. Only these, so "利率<24%" or "x<y" stays as written.
_TAGS = ("a|abbr|b|big|blockquote|br|center|code|del|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|"
         "small|span|strike|strong|sub|sup|table|tbody|td|tg-emoji|tg-spoiler|th|tr|tt|u|ul")
_TAG_RE = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BREAK_RE = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6])>", re.IGNORECASE)
_EMPHASIS_RE = re.compile(r"\*\*|__|~~|`+")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# General categories dropped by the "invisible" step: control (except whitespace, collapsed later), format,
# surrogate, private use. U+FFFD is what a tolerant decoder puts where bytes made no sense.
_DROPPED = frozenset(("Cc", "Cf", "Cs", "Co"))
_KEEP_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def strip_markup(text: str) -> str:
    text = _BREAK_RE.sub(" ", text)
    text = _TAG_RE.sub("", text)
    # Until nothing is left to drop: "_`_" loses its backtick and becomes the emphasis "__"
    while (plain := _EMPHASIS_RE.sub("", text)) != text:
        text = plain
    # Entities last: "&lt;b&gt;" typed by someone is text, not a tag to remove.
    return _ENTITY_RE.sub(lambda m: drop_invisible(html.unescape(m.group(0))), text)


def fold_unicode(text: str) -> str:
    return unicodedata.normalize("NFKC", text.replace("，", ", ").replace("、", ", "))


def drop_invisible(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        ch for ch in text
        if ch in _KEEP_CONTROLS or (ch != "\ufffd" and unicodedata.category(ch) not in _DROPPED)
    )


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


# Invisible characters go before markup: "*\b*" is emphasis only once the control character is gone.
STEPS: tuple[Callable[[str], str], ...] = (fold_unicode, drop_invisible, strip_markup, collapse_whitespace)


def normalize(text: str | None) -> str:
    """The text every layer of the engine reads (see the module docstring). Never raises on any str."""
    if not text:
        return ""
    for step in STEPS:
        text = step(text)
    return text


def detect_language(text: str, default: str | None = None) -> str:
    """zh or en: bot.understand's detector, else 'any Chinese character means zh'. A message with no letters at
    all ("30", "😢", "？") is in the conversation's language (default), which the detector cannot know."""
    if default in ("zh", "en") and not has_han(text) and not re.search(r"[^\W\d_]", text):
        return default
    try:
        got = understand.detect_language(text)
        if got in ("zh", "en"):
            return str(got)
    except Exception:  # a detector bug must not take the answer down
        pass
    if has_han(text):
        return "zh"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return default or "zh"
