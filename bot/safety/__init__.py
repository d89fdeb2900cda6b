"""Crisis, harmful-request and small-talk detection, and the texts finbot answers them with (zh/en).

    screen.py     the rules for crisis and harmful requests, and what the semantic layer's similarities mean
    semantic.py   the semantic layer: nearest exemplars (bank.py) with the multilingual USE embedder
    field.py      small talk, and whether a message is about consumer credit at all
    texts.py      the replies: hotline first, four-beat refusals, small talk, outside finbot's field
"""

from bot.safety.field import chitchat_kind, scope
from bot.safety.screen import harmful_category, is_crisis, screened_category, semantic_category, semantic_crisis
from bot.safety.semantic import Calibration, SemanticScreen, Similarities, clauses, measured_for, screen_for_answers
from bot.safety.texts import (
    REFUSALS,
    Refusal,
    capabilities_text,
    checkin_text,
    chitchat_text,
    crisis_text,
    no_answer_text,
    recommendation_text,
    refusal_text,
)

__all__ = [
    "REFUSALS", "Calibration", "Refusal", "SemanticScreen", "Similarities", "capabilities_text",
    "checkin_text", "chitchat_kind", "chitchat_text", "clauses", "crisis_text", "harmful_category", "is_crisis",
    "measured_for", "no_answer_text", "recommendation_text", "refusal_text", "scope", "screen_for_answers",
    "screened_category", "semantic_category", "semantic_crisis",
]
