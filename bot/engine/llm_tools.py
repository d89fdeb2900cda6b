"""The calculator as LangChain tools, so an optional chat model can run the numbers instead of guessing them.

Each tool's argument schema is the calculator's own (bot.calculator.schemas): its field descriptions tell the
model the conventions (rates as fractions or "0.05%" strings, units, dates YYYY-MM-DD). The tool returns the
outputs object as JSON text (bot.calculator.dumps); a CalcError comes back as a readable tool error naming the
field, so the model can ask the borrower for it instead of inventing a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import BaseModel, ValidationError

from bot.calculator import CalcError, dumps, run_tool
from bot.calculator.schemas import SCHEMAS

# The tools' descriptions are their schemas' docstrings: one definition for the model, the CLI and /calc.
DESCRIPTIONS = {name: " ".join((schema.__doc__ or name).split()) for name, schema in SCHEMAS.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _runner(name: str, lang: str) -> Callable[..., str]:
    def run(**kwargs: Any) -> str:
        inputs = {k: _plain(v) for k, v in kwargs.items() if v is not None}
        try:
            return dumps(run_tool(name, inputs, lang=lang))
        except CalcError as exc:
            field = f" (field: {exc.field})" if exc.field else ""
            raise ToolException(f"{exc.text(lang)}{field}") from exc

    return run


def _validation_message(error: ValidationError) -> str:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
    return f"invalid arguments: {problems}"


def calculator_tools(lang: str = "en") -> list[BaseTool]:
    """One LangChain tool per calculator tool, writing notes and errors in `lang` ("zh" or "en")."""
    return [
        StructuredTool.from_function(
            func=_runner(name, lang),
            name=f"calc_{name}",
            description=DESCRIPTIONS[name],
            args_schema=schema,
            handle_tool_error=True,
            handle_validation_error=_validation_message,
        )
        for name, schema in SCHEMAS.items()
    ]
