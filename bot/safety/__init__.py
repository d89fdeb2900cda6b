"""Crisis, harmful-request and small-talk detection, and the texts finbot answers them with (zh/en)."""

from bot.safety.screen import (
    REFUSALS,
    Calibration,
    Refusal,
    SemanticScreen,
    Similarities,
    capabilities_text,
    checkin_text,
    chitchat_kind,
    chitchat_text,
    clauses,
    crisis_text,
    harmful_category,
    is_crisis,
    measured_for,
    no_answer_text,
    refusal_text,
    scope,
    screen_for_answers,
    semantic_category,
    semantic_crisis,
)

__all__ = [
    "REFUSALS", "Calibration", "Refusal", "SemanticScreen", "Similarities", "capabilities_text",
    "checkin_text", "chitchat_kind", "chitchat_text", "clauses", "crisis_text", "harmful_category", "is_crisis",
    "measured_for",
    "no_answer_text", "refusal_text", "scope", "screen_for_answers", "semantic_category", "semantic_crisis",
]
