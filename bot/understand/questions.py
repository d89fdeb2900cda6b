"""The question put to a borrower for what a calculation still needs, in their language.

The words come from the tool's schema (bot.calculator.schemas: each field's question and display name), so the
chat, /calc and the command line ask for an input the same way; only the choices are spelled out here, because a
chat reply has no buttons.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from bot.calculator import schemas

if TYPE_CHECKING:
    from bot.understand.request import CalcRequest


def field_question(tool: str, name: str, lang: str) -> str:
    """The schema's question for one input, with its choices listed when it is a choice."""
    zh = lang == "zh"
    got = schemas.ask(tool, name)
    if got is None:
        return f"还需要：{name}" if zh else f"I still need {name}."
    text = got.zh if zh else got.en
    if got.kind == "choice":
        labels = [schemas.choice_label(tool, name, v, lang) for v in schemas.choices(tool, name)]
        text += f"（{'、'.join(labels)}）" if zh else f" ({', '.join(labels)})"
    return text


def missing_question(req: CalcRequest) -> str:
    """One short question in req.language asking for the first missing input (and naming the rest)."""
    if not req.missing:
        return ""
    zh = req.language == "zh"
    first = req.missing[0]
    question = field_question(req.tool, first, req.language)
    got = schemas.ask(req.tool, first)
    if (got is not None and got.kind == "unit") or (got is not None and got.per and req.pending.get("unit_for")):
        said = req.pending.get("value")
        if said is None and got is not None and got.unit_of:
            said = req.inputs.get(got.unit_of)
        if said is not None and req.pending.get("fen") is None:
            shown = format((Decimal(str(said).rstrip("%")) * (1 if str(said).endswith("%") else 100)).normalize(), "f")
            question = (f"你说的{shown}%是按天、按月还是按年？比如“日息万五”或“年化18%”。" if zh
                        else f"Is the {shown}% per day, per month or per year? For example '0.05% a day' or "
                             "'18% a year'.")
        else:
            question = ("利率是按天、按月还是按年？比如“日息万五”或“年化18%”。" if zh
                        else "Is that rate per day, per month or per year? For example '0.05% a day' or '18% a year'.")
    first_name = schemas.label(first, req.language, req.tool)
    rest = [n for n in dict.fromkeys(schemas.label(m, req.language, req.tool) for m in req.missing[1:])
            if n != first_name]
    if rest:
        question += f"（另外还需要：{'、'.join(rest)}）" if zh else f" (I'll also need {', '.join(rest)}.)"
    return question

