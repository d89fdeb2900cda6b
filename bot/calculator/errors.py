"""The one exception the calculator raises for bad input."""

from __future__ import annotations


class CalcError(ValueError):
    """Input the calculator cannot use. `field` names the input at fault (None when it is not one field).

    `message` is English; `message_zh` (when given) says the same in Chinese for borrowers.
    """

    def __init__(self, message: str, field: str | None = None, *, message_zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.message_zh = message_zh

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ("zh" or "en"), falling back to English."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def as_dict(self, lang: str = "en") -> dict[str, str | None]:
        return {"error": self.text(lang), "field": self.field}
