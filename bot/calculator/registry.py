"""run_tool: the one entry point — inputs object in, outputs object (with notes in the reader's language) out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from bot.calculator.card import card, parse_card_input
from bot.calculator.convert import convert, parse_convert_input
from bot.calculator.cost import cost, parse_cost_input
from bot.calculator.errors import CalcError
from bot.calculator.growth import growth, parse_growth_input
from bot.calculator.installment import installment, parse_installment_input
from bot.calculator.lpr import lpr, parse_lpr_input
from bot.calculator.penalty import parse_penalty_input, penalty
from bot.calculator.plan import parse_plan_input, plan
from bot.calculator.records import plain
from bot.calculator.schemas import NESTED, SCHEMAS, choices
from bot.calculator.text import LANGS, Note
from bot.calculator.values import refuse_unknown


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
    "cost": Tool(parse_cost_input, cost),
    "plan": Tool(parse_plan_input, plan),
}
TOOLS: tuple[str, ...] = tuple(SCHEMAS)


def run_tool(name: str, inputs: Mapping[str, Any], lang: str = "en", *, today: date | None = None) -> dict[str, Any]:
    """Validate `inputs` with the tool's schema, run tool `name`, and return its outputs with "tool",
    "inputs_used" and "notes".

    `today` (default: the system date) is only used when an input that defaults to today is missing.
    Raises CalcError (with .field) for anything it cannot use.
    """
    tool = REGISTRY.get(name)
    if tool is None or name not in SCHEMAS:
        raise CalcError(f"unknown tool {name!r}; choose one of {', '.join(TOOLS)}", "tool",
                        message_zh=f"没有 {name!r} 这个工具，可选：{'、'.join(TOOLS)}")
    if lang not in LANGS:
        raise CalcError(f"lang must be zh or en (got {lang!r})", "lang", message_zh="lang 只能是 zh 或 en")
    check_schema(name, inputs)
    inp, parse_notes = tool.parse(inputs, today or date.today())
    result = tool.compute(inp)
    outputs: dict[str, Any] = {"tool": name}
    outputs.update({k: v for k, v in plain(result).items() if k != "notes"})
    outputs["inputs_used"] = {k: v for k, v in plain(inp).items() if k in SCHEMAS[name].model_fields}
    outputs["notes"] = [n.text(lang) for n in (*parse_notes, *result.notes)]
    return outputs


def check_schema(name: str, inputs: Mapping[str, Any]) -> None:
    """The schema's names and choices, as a CalcError naming the field. Missing inputs are left to the tool,
    whose message says what to give instead ("days_overdue, or due_date")."""
    if not isinstance(inputs, Mapping):
        raise CalcError(f"the inputs for {name} must be a JSON object", None,
                        message_zh=f"{name} 的输入必须是一个 JSON 对象")
    given = {k: v for k, v in inputs.items() if v is not None}
    refuse_unknown(given, name, SCHEMAS[name].model_fields)
    try:
        SCHEMAS[name].model_validate(given)
    except ValidationError as exc:
        for error in exc.errors():
            # The schema decides names and choices; the tool's reader words the rest (numbers, dates, the
            # 360/365 day basis, a missing value and what to give instead).
            if error["type"] in ("extra_forbidden", "literal_error", "enum") and error["loc"][0] != "day_basis":
                raise _schema_error(name, error) from None


def _schema_error(tool: str, error: Any) -> CalcError:
    nested = tuple(model.__name__ for model in NESTED.values())
    loc = [str(p) for p in error["loc"] if not str(p).isdigit() and not str(p).startswith(("list[", *nested))]
    field = ".".join(dict.fromkeys(loc[:2])) if loc else None
    value = error.get("input")
    if error["type"] == "extra_forbidden" and field and "." in field:
        base, key = field.split(".", 1)
        try:
            refuse_unknown({key: value}, base, NESTED[base].model_fields if base in NESTED else ())
        except CalcError as inner:
            return CalcError(f"{base}: {inner.message}", field, message_zh=f"{base}：{inner.message_zh}")
    if error["type"] in ("literal_error", "enum") and field:
        options = choices(tool, field) if "." not in field else tuple(
            str(v) for v in error.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", ", ").split(", "))
        return CalcError(f"{field} must be one of {', '.join(options)} (got {value!r})", field,
                         message_zh=f"{field} 应为以下之一：{'、'.join(options)}（收到 {value!r}）")
    return CalcError(f"{field}: {error['msg']}", field, message_zh=f"{field}：{error['msg']}")


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
