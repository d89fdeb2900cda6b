"""`finbot calc`: the --json contract, the readable breakdown, and exit status 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

from click.testing import CliRunner

from bot.cli.calc import calc


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(calc, list(args), input=stdin)


def test_the_brief_example_prints_a_breakdown_and_what_was_understood() -> None:
    result = invoke("penalty", "--principal", "10000", "--rate", "0.05%", "--per", "day", "--days", "30")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "0.0005 (0.05%)" in out  # the rate as understood
    assert "daily" in out
    assert "150.00" in out and "10150.00" in out  # 10000 × 0.0005 × 30
    assert "Notes:" in out and "not an automatic discount" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("penalty interest"))
    total = next(line for line in out.splitlines() if line.strip().startswith("total charges"))
    assert len(row) == len(total)  # values right-aligned in one column


def test_a_plain_fraction_rate_is_shown_as_the_percent_it_means() -> None:
    out = invoke("penalty", "--principal", "10000", "--rate", "0.0005", "--per", "day", "--days", "30").output
    assert "0.0005 (0.05%)" in out and "150.00" in out


def test_chinese_breakdown() -> None:
    result = invoke("card", "--balance", "10000", "--paid", "500", "--days-to-due", "20", "--days", "30",
                    "--lang", "zh")
    assert result.exit_code == 0
    assert "违约金" in result.output and "25.00" in result.output  # 5% × (1000 − 500)
    assert "说明：" in result.output


def test_json_mode_reads_stdin_and_writes_exact_numbers() -> None:
    result = invoke("convert", "--json", stdin='{"rate": "0.05%", "unit": "daily", "day_basis": 360}')
    assert result.exit_code == 0
    data = json.loads(result.output, parse_float=D)
    assert data["annual_pct"] == D("18.00") and '"annual_pct": 18.00' in result.output
    assert data["tool"] == "convert"


def test_json_mode_merges_command_line_options_over_stdin() -> None:
    result = invoke("convert", "--json", "--day-basis", "360", stdin='{"rate": 0.0005, "unit": "daily"}')
    assert json.loads(result.output, parse_float=D)["annual_pct"] == D("18.00")


def test_json_floats_keep_their_digits() -> None:
    result = invoke("installment", "--json",
                    stdin='{"principal": 10000, "periods": 12, "method": "annuity", "monthly_rate": 0.01}')
    data = json.loads(result.output, parse_float=D)
    assert data["inputs_used"]["monthly_rate"] == D("0.01")
    assert data["apr_nominal_pct"] == D("12.00")


def test_bad_json_exits_2_with_error_object() -> None:
    result = invoke("penalty", "--json", stdin="{principal: 1")
    assert result.exit_code == 2
    assert json.loads(result.output) == {"error": json.loads(result.output)["error"], "field": None}
    assert "not valid JSON" in json.loads(result.output)["error"]


def test_json_that_is_not_an_object_exits_2() -> None:
    result = invoke("lpr", "--json", stdin="[1, 2]")
    assert result.exit_code == 2
    assert "object" in json.loads(result.output)["error"]


def test_invalid_value_in_json_mode_names_the_field() -> None:
    result = invoke("penalty", "--json", stdin=json.dumps({"principal_overdue": 10000, "penalty_rate": 5,
                                                            "penalty_rate_unit": "daily", "days_overdue": 3}))
    assert result.exit_code == 2
    error = json.loads(result.output)
    assert error["field"] == "penalty_rate"
    assert "5%" in error["error"]


def test_error_messages_follow_lang() -> None:
    result = invoke("growth", "--json", "--lang", "zh", stdin='{"principal": 100, "rate": "1%"}')
    assert result.exit_code == 2
    error = json.loads(result.output)
    assert error["field"] == "rate_unit" and "按日" in error["error"]


def test_invalid_option_value_exits_2_with_a_clear_message() -> None:
    result = invoke("installment", "--principal", "10000", "--periods", "0", "--method", "annuity",
                    "--monthly-rate", "1%")
    assert result.exit_code == 2
    assert "[periods]" in result.output and "between 1 and 600" in result.output


def test_unknown_tool_and_option_exit_2() -> None:
    assert invoke("mortgage").exit_code == 2
    assert invoke("convert", "--colour", "red").exit_code == 2


def test_fee_options_build_the_fee() -> None:
    args = ["penalty", "--principal", "10000", "--rate", "0.05%", "--per", "day", "--days", "10"]
    fixed = invoke(*args, "--fee-fixed", "50", "--json", stdin="")
    assert json.loads(fixed.output, parse_float=D)["fees"] == D("50.00")
    percent = invoke(*args, "--fee-percent", "5%", "--fee-max", "200", "--json", stdin="")
    assert json.loads(percent.output, parse_float=D)["fees"] == D("200.00")  # 5% × 10000 = 500 → max 200
    orphan = invoke(*args, "--fee-max", "200", "--json", stdin="")
    assert orphan.exit_code == 2 and json.loads(orphan.output)["field"] == "fee"


def test_every_tool_has_help() -> None:
    for tool in ("penalty", "card", "installment", "growth", "convert", "lpr"):
        result = invoke(tool, "--help")
        assert result.exit_code == 0 and "--json" in result.output


def test_real_subprocess_through_the_finbot_command() -> None:
    finbot = Path(sys.executable).with_name("finbot")
    command = [str(finbot)] if finbot.exists() else [sys.executable, "-m", "bot"]
    inputs = {"principal": 10000, "periods": 12, "method": "equal_principal_plus_fee", "monthly_fee_rate": "0.75%"}
    done = subprocess.run([*command, "calc", "installment", "--json"], input=json.dumps(inputs),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout, parse_float=D)
    assert data["apr_nominal_pct"].quantize(D("0.01")) == D("16.22")
    bad = subprocess.run([*command, "calc", "installment", "--json"], input="not json",
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2
    assert json.loads(bad.stdout)["field"] is None
