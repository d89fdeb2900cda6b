"""bot.charts: the debt chart a borrower receives as a picture, in their language."""

from __future__ import annotations

import struct
import subprocess
import sys
import warnings
import zlib
from decimal import Decimal
from typing import Any

import pytest

from bot.charts import LABELS, ChartError, cjk_font_path, debt_chart, series_for

D = Decimal
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_chunks_are_intact(data: bytes) -> bool:
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return False
        pos += 12 + length
        if kind == b"IEND":
            return pos == len(data)
    return False


def draw(*args: Any, **kwargs: Any) -> tuple[bytes, list[str]]:
    """The PNG and any font warnings matplotlib gave while drawing it (missing glyphs show up there)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = debt_chart(*args, **kwargs)
    return png, [str(w.message) for w in caught if "glyph" in str(w.message).lower()
                 or "font" in str(w.message).lower()]


GROWTH_SERIES = [(0, D("10000.00")), (30, D("10150.00")), (60, D("10302.25")), (365, D("11956.18"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_is_a_valid_png_of_sane_size(lang: str) -> None:
    png, font_warnings = draw(GROWTH_SERIES, lang)
    width, height = png_size(png)
    assert 400 <= width <= 2000 and 300 <= height <= 1500
    assert 5_000 < len(png) < 1_000_000
    assert png_chunks_are_intact(png)
    assert font_warnings == []


def test_cjk_font_comes_from_the_mplfonts_wheel() -> None:
    path = cjk_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert "mplfonts" in path.parts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_font_has_a_glyph_for_every_label_character(lang: str) -> None:
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(str(cjk_font_path())).get_charmap()
    text = "".join(LABELS[lang].values()) + "0123456789,.:%"
    missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in charmap})
    assert missing == []


def test_every_label_is_translated() -> None:
    assert LABELS["zh"].keys() == LABELS["en"].keys()
    for key, zh in LABELS["zh"].items():
        if zh:
            assert zh != LABELS["en"][key], key


def test_labels_differ_by_language() -> None:
    zh, _ = draw(GROWTH_SERIES, "zh")
    en, _ = draw(GROWTH_SERIES, "en")
    assert zh != en


def test_empty_series_is_a_clear_error() -> None:
    with pytest.raises(ChartError, match="empty"):
        debt_chart([], "zh")


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, bot.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- series from calculator results

calculator = pytest.importorskip("bot.calculator")


def test_growth_series_is_the_calculators() -> None:
    result = calculator.run_tool("growth", {"principal": 10000, "rate": "0.05%", "rate_unit": "daily",
                                            "compounding_period_days": 30})
    series = series_for("growth", result)
    assert series[0] == (0, D("10000.00"))
    assert series[-1] == (365, result["balance_at_horizon"])


PENALTY_CASES = [
    {"product_type": "online_lender", "principal_overdue": 10000, "penalty_rate": "0.05%",
     "penalty_rate_unit": "daily", "days_overdue": 60},
    {"product_type": "online_lender", "principal_overdue": 8000, "unpaid_interest": 500, "penalty_rate": "0.1%",
     "penalty_rate_unit": "daily", "days_overdue": 95, "compounding_period_days": 30, "grace_days": 3,
     "fee": {"type": "fixed", "amount": 200, "times": 1}},
    {"product_type": "bank_loan", "principal_overdue": 150000, "contract_rate": "4.35%",
     "contract_rate_unit": "annual", "penalty_markup": "0.5", "days_overdue": 45},
]


@pytest.mark.parametrize("inputs", PENALTY_CASES)
def test_penalty_series_ends_at_the_amount_due(inputs: dict[str, Any]) -> None:
    result = calculator.run_tool("penalty", inputs)
    series = series_for("penalty", result)
    assert series[0][0] == 0 and series[-1][0] == inputs["days_overdue"]
    assert series[-1][1].quantize(D("0.01")) == result["amount_due"]
    amounts = [v for _, v in series]
    assert amounts == sorted(amounts)  # what is owed never falls while nothing is repaid


def test_card_series_ends_at_the_balance_to_clear() -> None:
    result = calculator.run_tool("card", {"statement_balance": 10000, "amount_paid_by_due": 500,
                                          "days_posting_to_due": 50, "days_overdue_until_repaid": 30})
    series = series_for("card", result)
    assert series[-1] == (30, result["balance_to_clear"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_straight_from_a_result_dict(lang: str) -> None:
    # bot.engine.answer passes the run_tool result itself.
    result = calculator.run_tool("penalty", PENALTY_CASES[1], lang=lang)
    png, font_warnings = draw(result, lang)
    assert png_size(png)[0] >= 400 and font_warnings == []


def test_tools_without_a_debt_curve_are_refused_clearly() -> None:
    result = calculator.run_tool("convert", {"rate": "0.05%", "unit": "daily"})
    with pytest.raises(ChartError, match="convert"):
        series_for("convert", result)
