"""Educator tools end to end: article upload (valid, invalid, non-admin), /kbstats, /gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ADMIN_ID, Harness, make_settings, open_engine, start_bot
from fakebot import FakeBotAPI, User

pytestmark = pytest.mark.anyio

ARTICLE = """---
id: bankruptcy-demo
title: 个人破产是怎么回事？
lang: zh
tags: [破产]
sources:
  - 《深圳经济特区个人破产条例》（2020年）
updated: 2026-01-15
---
## 哪里可以申请个人破产？
目前只有深圳等少数地方在试行个人破产制度，申请人需要在当地连续居住并参加社保满三年。

## 个人破产后债务会全部免除吗？
不会马上免除。破产后有三年左右的考察期，期间要如实申报收入、限制高消费，考察期满才可能免除剩余债务。

## 网贷逾期可以申请个人破产吗？
符合条件的可以申请，但必须如实申报全部财产，隐瞒财产会被驳回甚至追究责任。
"""

BROKEN = """---
id: Bad Id
title: 少了很多东西
lang: fr
---
没有小节。
"""

admin = User(ADMIN_ID, "Teacher", "zh-hans")


@pytest.fixture
async def admin_bot(tmp_path: Path):
    """A bot with its own engine and knowledge folder, since uploads change both."""
    answerer, kb = open_engine(tmp_path / "own")
    api = await FakeBotAPI().start()
    errors: list[BaseException] = []
    settings = make_settings(api, tmp_path / "data", kb)
    app = await start_bot(api, settings, answerer, errors)
    harness = Harness(api, app, settings, kb)
    yield harness
    from bot.telegram.app import stop

    await stop(app)
    await api.close()
    assert errors == [] and api.rejected == []


async def upload(bot: Harness, user: User, name: str, data: bytes) -> list:
    since = len(bot.api.sent)
    bot.api.send_document(user, name, data)
    first = await bot.api.next_message(user.id, since, timeout=30)
    if first.plain.endswith(("更新索引…", "updating the index…")):  # the outcome follows once the index is
        # rebuilt, however long that takes on a loaded machine (a quiet second is no sign it is done)
        await bot.api.next_message(user.id, since, where=lambda s: s is not first, timeout=120)
    return await bot.until_quiet(user.id, since, quiet=1.0, timeout=60)


async def test_valid_article_is_saved_indexed_and_answers_questions(admin_bot: Harness) -> None:
    before = await admin_bot.say(admin, "深圳个人破产需要居住满几年？")
    assert "个人破产是怎么回事" not in before.plain
    cache = admin_bot.kb.parent / "engine" / "cache"
    trained = sorted(cache.glob("section-classifier-*.pkl"))
    replies = await upload(admin_bot, admin, "whatever-name.md", ARTICLE.encode())
    retrained = sorted(cache.glob("section-classifier-*.pkl"))
    assert len(retrained) == 1 and retrained != trained  # trained with the upload, not in a borrower's next answer
    text = "\n".join(r.plain for r in replies)
    assert "zh/bankruptcy-demo.md" in text and "新文章" in text
    assert "added" in text  # the ingest summary
    saved = admin_bot.kb / "zh" / "bankruptcy-demo.md"
    assert saved.read_text(encoding="utf-8") == ARTICLE
    assert not [p for p in saved.parent.iterdir() if p.name.startswith(".upload")]
    after = await admin_bot.say(admin, "深圳个人破产需要居住满几年？")
    assert "个人破产是怎么回事" in after.plain  # cited from the new article
    # sending it again replaces it (nothing changes in the index)
    again = "\n".join(r.plain for r in await upload(admin_bot, admin, "bankruptcy-demo.md", ARTICLE.encode()))
    assert "替换" in again and "unchanged" in again


async def test_invalid_article_is_explained_and_never_overwrites_a_good_one(admin_bot: Harness) -> None:
    good = admin_bot.kb / "zh" / "card-demo.md"
    original = good.read_bytes()
    replies = await upload(admin_bot, admin, "card-demo.md", BROKEN.encode())
    text = "\n".join(r.plain for r in replies)
    assert "未保存" in text
    for field in ("[id]", "[lang]", "[tags]", "[sources]", "[updated]"):
        assert field in text
    assert good.read_bytes() == original
    # an id already used by another article (here zh/card-demo.md, the upload would go to en/) is refused
    dup = ARTICLE.replace("id: bankruptcy-demo", "id: card-demo").replace("lang: zh", "lang: en")
    text = "\n".join(r.plain for r in await upload(admin_bot, admin, "x.md", dup.encode()))
    assert "zh/card-demo.md" in text and "未保存" in text
    assert not (admin_bot.kb / "en" / "card-demo.md").exists()
    # not text, not an article file
    assert "UTF-8" in (await upload(admin_bot, admin, "binary.md", b"\xff\xff\x00\xfe"))[0].plain
    assert ".md" in (await upload(admin_bot, admin, "notes.pdf", b"%PDF-1.4"))[0].plain


async def test_an_impossible_date_is_explained_as_file_line_field(admin_bot: Harness) -> None:
    bad = ARTICLE.replace("updated: 2026-01-15", "updated: 2026-13-45")
    text = "\n".join(r.plain for r in await upload(admin_bot, admin, "bankruptcy-demo.md", bad.encode()))
    assert "bankruptcy-demo.md:8: error [updated]: updated '2026-13-45' must be a date" in text
    assert "出了点问题" not in text
    assert not (admin_bot.kb / "zh" / "bankruptcy-demo.md").exists()


MINIMAL = """# 个人破产是怎么回事？
source: 《深圳经济特区个人破产条例》（2020年）

## 哪里可以申请个人破产？
目前只有深圳等少数地方在试行个人破产制度，申请人需要在当地连续居住并参加社保满三年。
也问：哪里能申请破产｜个人破产在哪办

## 个人破产后债务会全部免除吗？
不会马上免除。破产后有三年左右的考察期，期间要如实申报收入、限制高消费，考察期满才可能免除剩余债务。
> 例：假设老王2026年破产，考察期到2029年。
依据：《深圳经济特区个人破产条例》第九十五条

## 网贷逾期可以申请个人破产吗？
符合条件的可以申请，但必须如实申报全部财产，隐瞒财产会被驳回甚至追究责任。
"""


async def test_a_minimal_phone_article_is_accepted_and_the_reply_shows_how_it_was_read(admin_bot: Harness) -> None:
    import datetime as dt

    replies = await upload(admin_bot, admin, "personal-bankruptcy-demo.txt", MINIMAL.encode())
    text = "\n".join(r.plain for r in replies)
    assert "zh/personal-bankruptcy-demo.md" in text and "新文章" in text, text
    today = dt.date.today().isoformat()
    for shown in ("id: personal-bankruptcy-demo（来自文件名 personal-bankruptcy-demo.txt）", "lang: zh（按正文判断）",
                  f"updated: {today}（今天）", "sources: 《深圳经济特区个人破产条例》（2020年）", "sections: 3"):
        assert shown in text, shown
    from ingest.articles import parse_article

    saved = admin_bot.kb / "zh" / "personal-bankruptcy-demo.md"
    article, _ = parse_article(saved, saved.read_text(encoding="utf-8"), root=admin_bot.kb)
    assert article is not None and article.title == "个人破产是怎么回事？" and len(article.sections) == 3
    assert article.sections[0].phrasings == ("哪里能申请破产", "个人破产在哪办")  # the second-edition lines still work
    assert article.sections[1].basis == ("《深圳经济特区个人破产条例》第九十五条",)
    after = await admin_bot.say(admin, "深圳个人破产需要居住满几年？")
    assert "个人破产是怎么回事" in after.plain


@pytest.mark.parametrize(("text", "said"), [
    (MINIMAL.replace("source: 《深圳经济特区个人破产条例》（2020年）\n", ""), "没有来源"),
    ("# 个人破产是怎么回事？\n来源：《深圳经济特区个人破产条例》\n只有一段话，没有小节。\n", "没有小节"),
])
async def test_a_minimal_article_missing_its_source_or_sections_gets_one_line(admin_bot: Harness, text: str,
                                                                              said: str) -> None:
    replies = await upload(admin_bot, admin, "demo.md", text.encode())
    shown = "\n".join(r.plain for r in replies)
    assert said in shown and "没有保存" in shown
    assert len([line for line in shown.splitlines() if line.startswith("•")]) == 1  # just that one problem
    assert not (admin_bot.kb / "zh" / "demo.md").exists()


async def test_minimal_article_fields_in_english_and_problems_on_the_lines_sent(admin_bot: Harness) -> None:
    text = ("# What is personal bankruptcy?\nsources:\n- Shenzhen Personal Bankruptcy Regulations (2020)\n"
            "date: 2026-13-45\ntags: bankruptcy, Shenzhen\n\n## Where can I apply?\nOnly in Shenzhen for now.\n")
    shown = "\n".join(r.plain for r in await upload(admin_bot, admin, "bankruptcy-en.md", text.encode()))
    assert "bankruptcy-en.md:4: error [updated]" in shown  # line 4 of the file the educator sent, not of the article


async def test_non_admin_upload_is_refused_politely(admin_bot: Harness) -> None:
    someone = User(4242, "Someone", "zh-hans")
    replies = await upload(admin_bot, someone, "bankruptcy-demo.md", ARTICLE.encode())
    assert len(replies) == 1 and "老师" in replies[0].plain
    assert not (admin_bot.kb / "zh" / "bankruptcy-demo.md").exists()


async def test_kbstats_for_admins_only(bot, user) -> None:
    stats = await bot.say(admin, "/kbstats")
    assert "3" in stats.plain and "use" in stats.plain  # 3 fixture articles, the USE embedding
    assert "老师" in (await bot.say(user, "/kbstats")).plain
    assert "老师" in (await bot.say(user, "/gaps")).plain


async def test_gaps_lists_frequent_unanswered_and_downvoted_questions(bot, user, en_user) -> None:
    for who in (user, en_user, User(1004, "X", "en")):
        await bot.say(who, "What is the weather tomorrow in Paris?")
    await bot.say(user, "今天天气怎么样")
    down = await bot.say(user, "信用卡只还最低还款算逾期吗")
    bot.api.press(user, down, down.button("👎").callback_data)
    await bot.api.wait_for(lambda: bot.services().state.counts()["feedback"] == 1)
    gaps = await bot.say(admin, "/gaps 7")
    lines = gaps.plain.splitlines()
    weather = next(i for i, line in enumerate(lines) if "weather" in line)
    once = next(i for i, line in enumerate(lines) if "今天天气怎么样" in line)
    assert lines[weather].startswith("3×") and lines[once].startswith("1×")
    assert weather < once  # most frequent first
    assert any("信用卡只还最低还款算逾期吗" in line and "card-demo" in line for line in lines)
    assert "1–365" in (await bot.say(admin, "/gaps forever")).plain


async def test_long_gaps_report_is_split_into_valid_messages(bot) -> None:
    state = bot.services().state
    for i in range(15):
        state.record_unanswered(5000 + i, f"问题{i} " + "很长的没有答案的问题" * 45, "zh")
    since = len(bot.api.sent)
    bot.api.send_text(admin, "/gaps")
    parts = await bot.until_quiet(admin.id, since)
    assert len(parts) >= 2
    assert all(len(p.plain) <= 4096 for p in parts)
    joined = "".join(p.plain for p in parts)
    assert all(f"问题{i} " in joined for i in range(15))
