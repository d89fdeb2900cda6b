"""How the readings of a follow-up are combined (match.averaged)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.engine.match import Candidate, averaged


def _ranking(**probs: float) -> list[Candidate]:
    return [Candidate(SimpleNamespace(key=(name, 0)), {}, prob=p) for name, p in probs.items()]  # type: ignore[arg-type]


def test_sections_the_readings_agree_on_win() -> None:
    got = averaged([_ranking(refuse=0.5, hub=0.5), _ranking(refuse=0.5, dispute=0.5)])
    assert got[0].key == ("refuse", 0) and abs(sum(c.prob for c in got) - 1) < 1e-9


def test_a_heavier_reading_decides_where_the_readings_disagree() -> None:
    # with its topic the follow-up finds the refusal section; alone ("他们不同意怎么办") every refusal anywhere
    with_topic, alone = _ranking(refuse=0.6, dispute=0.4), _ranking(refuse=0.4, dispute=0.6)
    assert averaged([with_topic, alone])[0].prob == averaged([with_topic, alone])[1].prob
    assert averaged([with_topic, alone], [3.0, 1.0])[0].key == ("refuse", 0)
    assert averaged([with_topic, alone], [1.0, 3.0])[0].key == ("dispute", 0)
