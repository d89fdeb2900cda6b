"""`finbot calc`: the --json contract, the readable breakdown, and exit status 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

from click.testing import CliRunner

from bot.cli.calc import calc

ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def invoke(*args: str, stdin: str | None = None, env: dict | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(calc, list(args), input=stdin, env=ENGLISH if env is None else env)


def test_the_brief_example_prints_a_breakdown_and_what_was_understood() -> None:
    result = invoke("penalty", "--principal", "10000", "--rate", "0.05%", "--per", "day", "--days", "30")
    assert result.exit_code == 0, result.output
    out = result.output
    rate = next(line for line in out.splitlines() if line.strip().startswith("the penalty rate"))
    assert rate.split()[-1] == "0.05%"  # the rate as understood
    assert "per day" in out
    assert "150.00" in out and "10,150.00" in out  # 10000 × 0.0005 × 30
    assert "Notes:" in out and "not an automatic discount" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("penalty interest"))
    total = next(line for line in out.splitlines() if line.strip().startswith("total charges"))
    assert len(row) == len(total)  # values right-aligned in one column


def test_a_plain_fraction_rate_is_shown_as_the_percent_it_means() -> None:
    out = invoke("penalty", "--principal", "10000", "--rate", "0.0005", "--per", "day", "--days", "30").output
    assert " 0.05%" in out and "150.00" in out


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
    assert "(--periods)" in result.output and "between 1 and 600" in result.output


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


# ---------------------------------------------------------------- issue #12: inputs and outputs a person can trust

def test_chinese_forms_are_accepted() -> None:
    result = invoke("penalty", "--principal", "1万", "--rate", "万五", "--per", "day", "--days", "30", "--json",
                    stdin="")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output, parse_float=D)
    assert (data["inputs_used"]["principal_overdue"], data["penalty_interest"]) == (D(10000), D("150.00"))
    said = invoke("penalty", "--principal", "一万五", "--rate", "日息万五", "--days", "两个月", "--json", stdin="")
    data = json.loads(said.output, parse_float=D)
    assert data["inputs_used"]["penalty_rate_unit"] == "daily"  # the unit came with the rate
    assert (data["effective_days"], data["penalty_interest"]) == (60, D("450.00"))


def test_a_bare_decimal_rate_is_an_error_naming_both_readings() -> None:
    result = invoke("penalty", "--principal", "10000", "--rate", "0.05", "--per", "day", "--days", "30")
    assert result.exit_code == 2
    assert "0.05%" in result.output and "5%" in result.output
    assert "penalty_rate" not in result.output  # the option, not the field name


def test_errors_shown_to_a_person_never_name_fields_or_print_exponents() -> None:
    result = invoke("penalty", "--principal", "2e12", "--rate", "1%", "--per", "day", "--days", "3", "--lang", "zh")
    assert result.exit_code == 2
    assert "principal_overdue" not in result.output and "E+" not in result.output
    assert "1,000,000,000,000" in result.output


def test_huge_values_are_shown_in_yi_with_a_warning() -> None:
    result = invoke("growth", "--principal", "10000", "--rate", "1%", "--per", "day", "--compound-every", "1",
                    "--horizon", "36500", "--lang", "zh")
    assert result.exit_code == 0
    assert "位数" in result.output and "⚠" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 200


def test_growth_names_a_target_only_when_asked() -> None:
    plain = invoke("growth", "--principal", "10000", "--rate", "0.05%", "--per", "day").output
    assert "days to target" not in plain and "8×" not in plain
    asked = invoke("growth", "--principal", "10000", "--rate", "0.05%", "--per", "day", "--target", "8").output
    assert "days to target" in asked and "8×" in asked


def test_language_follows_the_locale_and_defaults_to_chinese() -> None:
    args = ("convert", "--rate", "0.05%", "--per", "day")
    assert "换算" in invoke(*args, env={"LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}).output
    assert "换算" in invoke(*args, env={"LANG": "zh_CN.UTF-8", "LC_ALL": None}).output
    assert "Rate conversion" in invoke(*args).output


def test_lpr_after_the_verified_date_is_the_latest_known_and_before_2019_the_benchmark_rules() -> None:
    later = invoke("lpr", "--date", "2030-01-01").output
    assert "latest" in later and "in force on 2030-01-01 was" not in later
    early = invoke("lpr", "--date", "2019-01-01").output
    assert "benchmark" in early and "no LPR" not in early


def test_cost_json_matches_hand_computed_cases() -> None:
    cases = [
        ({"principal": 10000, "rate": "36%", "rate_unit": "annual", "method": "simple", "days": 365},
         {"total_interest": D("3600.00"), "total_repayment": D("13600.00")}),
        ({"principal": 50000, "rate": "1%", "rate_unit": "monthly", "method": "annuity", "months": 24},
         {"monthly_payment": D("2353.67"), "total_interest": D("6488.17")}),  # 50000·0.01/(1−1.01^−24)
        ({"principal": 30000, "rate": "12%", "rate_unit": "annual", "method": "equal_principal", "months": 12},
         {"total_interest": D("1950.00"), "first_payment": D("2800.00"), "last_payment": D("2525.00")}),
        ({"principal": 100000, "rate": "1%", "rate_unit": "monthly", "method": "interest_only", "months": 12},
         {"total_interest": D("12000.00"), "last_payment": D("101000.00")}),
    ]
    for inputs, expected in cases:
        result = invoke("cost", "--json", stdin=json.dumps(inputs))
        assert result.exit_code == 0, result.output
        data = json.loads(result.output, parse_float=D)
        assert {k: data[k] for k in expected} == expected


def test_penalty_json_for_private_lending_before_and_after_2020_08_20() -> None:
    after = {"product_type": "private_lending", "principal_overdue": 100000, "penalty_rate": "15%",
             "penalty_rate_unit": "annual", "due_date": "2025-01-01", "calc_date": "2026-01-01",
             "contract_date": "2024-12-01"}
    data = json.loads(invoke("penalty", "--json", stdin=json.dumps(after)).output, parse_float=D)
    # 365 days: 15000 charged; 4 × 3.10% = 12.40% supported → 12400, excess 2600
    assert (data["total_charges"], data["court_supported_max_charges"], data["likely_unsupported_excess"]) == (
        D("15000.00"), D("12400.00"), D("2600.00"))
    before = {"product_type": "private_lending", "principal_overdue": 100000, "penalty_rate": "2%",
              "penalty_rate_unit": "monthly", "due_date": "2020-06-01", "calc_date": "2020-10-01",
              "contract_date": "2019-05-01", "filing_date": "2021-01-01"}
    data = json.loads(invoke("penalty", "--json", stdin=json.dumps(before)).output, parse_float=D)
    # 80 days at 24% + 42 days at 4 × 3.85%: 100000 × (0.24 × 80 + 0.154 × 42) / 365 = 7032.33
    assert [s["days"] for s in data["cap_segments"]] == [80, 42]
    assert (data["total_charges"], data["court_supported_max_charges"], data["likely_unsupported_excess"]) == (
        D("8021.92"), D("7032.33"), D("989.59"))
