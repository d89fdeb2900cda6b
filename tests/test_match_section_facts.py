"""What the matcher reads from a section's question and phrasings: how far the debt has gone in it, and whose it is."""

from __future__ import annotations

from bot.engine.match import _read_section

EARLY = ["网贷这个月还不上了咋办", "网贷刚逾期两天怎么办", "忘了还网贷 晚了三天", "网贷逾期几天了会怎样",
         "分期乐晚还了一天", "网贷逾期一周了咋办", "借呗刚逾期 怎么处理", "网贷逾期十天了", "才逾期三天 要紧吗",
         "网贷逾期了三天 该怎么办"]


def stages_of(heading: str, *phrasings: str) -> frozenset[str]:
    return _read_section("网贷逾期了怎么办", heading, *phrasings).stages


def test_one_stray_phrasing_does_not_give_a_first_days_section_a_later_stage() -> None:
    # Under "网贷刚逾期…" a borrower's "逾期三个月了" is one wording among many: months-long arrears asked about
    # elsewhere must still clash with this section.
    assert stages_of("网贷刚逾期，这期确实还不上，现在该做什么？", *EARLY, "网贷逾期三个月了怎么办") == {"early"}


def test_a_stage_the_heading_names_or_several_phrasings_share_is_kept() -> None:
    assert "months" in stages_of("网贷逾期几个月了，每天被催收电话轰炸，怎么办？", *EARLY)
    shared = [*EARLY, "网贷逾期三个月了", "网贷逾期半年了 天天被催"]
    assert stages_of("网贷刚逾期，这期确实还不上，现在该做什么？", *shared) == {"early", "months"}


def test_a_section_is_about_someone_elses_debt_when_its_question_or_several_phrasings_say_so() -> None:
    def theirs(heading: str, *phrasings: str) -> bool:
        return _read_section("家人的债", heading, *phrasings).others

    assert theirs("给别人做了担保，他不还钱，我要替他还吗？")
    own = ["网贷逾期了怎么办", "催收天天打电话", "我还不上了"]
    assert not theirs("催收打电话找家人要钱，家人该怎么回应？", *own, "儿子欠了网贷，催收打到我这")
    two = ["儿子欠了网贷，催收打到我这", "我哥网贷逾期了，催收打我电话"]
    assert theirs("催收打电话找家人要钱，家人该怎么回应？", *own, *two)
