"""run_tool: the one entry point — inputs object in, outputs object (with notes in the reader's language) out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bot.calculator.card import card, parse_card_input
from bot.calculator.convert import convert, parse_convert_input
from bot.calculator.errors import CalcError
from bot.calculator.growth import growth, parse_growth_input
from bot.calculator.installment import installment, parse_installment_input
from bot.calculator.lpr import lpr, parse_lpr_input
from bot.calculator.penalty import parse_penalty_input, penalty
from bot.calculator.records import plain
from bot.calculator.text import LANGS, Note


@dataclass(frozen=True)
class Tool:
    parse: Callable[[Mapping[str, Any], date], tuple[Any, list[Note]]]
    compute: Callable[[Any], Any]


REGISTRY: dict[str, Tool] = {
    "penalty": Tool(parse_penalty_input, penalty),
    "card": Tool(parse_card_input, card),
    "installment": Tool(parse_installment_input, installment),
    "growth": Tool(parse_growth_input, growth),
    "convert": Tool(parse_convert_input, convert),
    "lpr": Tool(parse_lpr_input, lpr),
}
TOOLS: tuple[str, ...] = ("penalty", "card", "installment", "growth", "convert", "lpr")


def run_tool(name: str, inputs: Mapping[str, Any], lang: str = "en", *, today: date | None = None) -> dict[str, Any]:
    """Validate `inputs`, run tool `name`, and return its outputs with "tool", "inputs_used" and "notes".

    `today` (default: the system date) is only used when an input that defaults to today is missing.
    Raises CalcError (with .field) for anything it cannot use.
    """
    tool = REGISTRY.get(name)
    if tool is None:
        raise CalcError(f"unknown tool {name!r}; choose one of {', '.join(TOOLS)}", "tool",
                        message_zh=f"没有 {name!r} 这个工具，可选：{'、'.join(TOOLS)}")
    if lang not in LANGS:
        raise CalcError(f"lang must be zh or en (got {lang!r})", "lang", message_zh="lang 只能是 zh 或 en")
    inp, parse_notes = tool.parse(inputs, today or date.today())
    result = tool.compute(inp)
    outputs: dict[str, Any] = {"tool": name}
    outputs.update({k: v for k, v in plain(result).items() if k != "notes"})
    outputs["inputs_used"] = plain(inp)
    outputs["notes"] = [n.text(lang) for n in (*parse_notes, *result.notes)]
    return outputs


def dumps(result: Any, indent: int | None = None) -> str:
    """JSON text with Decimals as JSON numbers carrying exactly their digits (12.00 stays 12.00)."""
    return _encode(plain(result), indent, 0)


def _encode(value: Any, indent: int | None, level: int) -> str:
    import json

    if isinstance(value, Decimal):
        text = format(value, "f")
        return text if value.is_finite() else json.dumps(None)
    if isinstance(value, dict):
        items = [f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, indent, level + 1)}"
                 for k, v in value.items()]
        return _wrap("{", "}", items, indent, level)
    if isinstance(value, (list, tuple)):
        return _wrap("[", "]", [_encode(v, indent, level + 1) for v in value], indent, level)
    return json.dumps(value, ensure_ascii=False)


def _wrap(open_: str, close: str, items: list[str], indent: int | None, level: int) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + ", ".join(items) + close
    pad, inner = " " * indent * level, " " * indent * (level + 1)
    return open_ + "\n" + ",\n".join(inner + item for item in items) + "\n" + pad + close
