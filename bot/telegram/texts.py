# ruff: noqa: E501  -- user-facing strings read better unbroken; CJK characters count double
"""Everything the bot says on its own (not the engine's answers), in Chinese and English.

Values are Telegram HTML: literal <, > and & must be escaped; placeholders are filled with escaped text.
`say(lang, key, **values)` picks the language (unknown → zh) and escapes each value.
"""

from __future__ import annotations

from bot.telegram.formatting import esc

LANGS = ("zh", "en")

TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "zh": "你好，我是 <b>finbot</b>，帮你弄清网贷、信用卡逾期的那些事：\n"
              "• 逾期会不会上征信、记录保留多久\n"
              "• 罚息、违约金、借款利息怎么算，哪些费用法院可能不支持（/calc 一步步算）\n"
              "• 怎么和平台协商、怎么投诉、遇到暴力催收怎么办\n"
              "回答都来自知识库，并注明出处。直接打字提问，或点下面的例子：\n\n"
              "🔒 我只保存你的语言设置和匿名的反馈，不保存聊天记录。/privacy 查看详情，/forget 随时删除。",
        "en": "Hi, I'm <b>finbot</b>. I help you understand overdue online loans and credit cards:\n"
              "• whether an overdue shows on your credit report, and for how long\n"
              "• how penalty interest, fees and loan interest add up, and what a court may not support (/calc walks you through)\n"
              "• negotiating with lenders, complaining, and handling abusive collection\n"
              "Answers come from a knowledge base, with sources. Type a question or tap an example:\n\n"
              "🔒 I keep only your language setting and anonymous feedback, never chat logs. "
              "See /privacy; /forget deletes it any time.",
    },
    "help": {
        "zh": "<b>怎么用</b>\n直接发问题，比如“逾期三天会上征信吗？”或“欠一万逾期30天日息万五要还多少？”。\n\n"
              "/calc 计算器：逾期费用、信用卡、分期真实年化、借款利息等，一步步算\n"
              "/check 核实一条可疑短信（也可以直接转发给我）\n"
              "/remind 设置还款提醒（如“每月15号提醒我还信用卡”）\n/reminders 查看、删除提醒\n"
              "/debts 我的欠款：把几笔欠款列成表，排出还款顺序和时间\n"
              "/letter 写信：协商还款申请、催收投诉、征信异议（也可以直接说“帮我写一份协商还款申请”）\n/lang 切换中文 / English\n/reset 开始新话题\n"
              "/privacy 我保存了什么\n/forget 删除我保存的关于你的一切\n/cancel 退出计算\n\n"
              "在群里：@我 或回复我的消息，我才会回答。",
        "en": "<b>How to use me</b>\nJust ask, e.g. “Will a 3-day overdue hurt my credit report?” or "
              "“I owe 10,000, 30 days overdue at 0.05% a day: how much?”.\n\n"
              "/calc the calculator, step by step: overdue charges, cards, instalment APR, loan cost …\n"
              "/check check a suspicious message (or just forward it to me)\n"
              "/remind set a repayment reminder (e.g. “remind me on the 15th of every month to pay my card”)\n"
              "/reminders see or delete your reminders\n"
              "/debts my debts: all of them on one page, the order to pay them and how long it takes\n"
              "/letter write a letter: instalment plan request, collection complaint, credit-report dispute\n"
              "/lang switch 中文 / English\n"
              "/reset start a new topic\n/privacy what I store\n/forget delete everything I store about you\n"
              "/cancel leave the calculator\n\nIn groups I answer only when you @mention me or reply to me.",
    },
    "examples_head": {"zh": "可以这样问：", "en": "You can ask:"},
    "lang_prompt": {"zh": "选择语言 / Choose a language:", "en": "Choose a language / 选择语言:"},
    "lang_set": {"zh": "好的，以后用中文和你交流。", "en": "OK, I'll use English from now on."},
    "reset_done": {"zh": "好的，已清空对话上下文，我们重新开始。", "en": "Done: I've cleared our conversation. Fresh start."},
    "privacy": {
        "zh": "<b>我保存什么</b>\n"
              "• 你选择的语言（/lang）\n"
              "• 你对回答点的 👍/👎；点 👎 时连同那个问题一起保存，方便老师改进内容\n"
              "• 知识库答不上的问题（用来决定下一步写什么）\n"
              "• 你设置的还款提醒：还什么、什么时候提醒、发到哪个聊天，直到你删除它（一次性提醒发出后自动删除）\n"
              "• 你在 /debts 里点 💾 保存的欠款清单（不点就不保存）\n"
              "用户身份只以加盐哈希保存，不保存 Telegram 账号、姓名或聊天记录。反馈和未答问题 {days} 天后自动删除。\n"
              "/forget 立即删除以上所有关于你的记录。",
        "en": "<b>What I store</b>\n"
              "• the language you chose (/lang)\n"
              "• your 👍/👎 on answers; with 👎 also the question, so educators can improve the content\n"
              "• questions the knowledge base could not answer (to decide what to write next)\n"
              "• the repayment reminders you set: what, when, and the chat to send them to, until you delete them "
              "(a one-off reminder goes once sent)\n"
              "• a list of debts, only if you save it in /debts (💾)\n"
              "You are stored only as a salted hash: no Telegram account, name or chat log. Feedback and "
              "unanswered questions are deleted after {days} days.\n/forget deletes all of it about you now.",
    },
    "forget_done": {
        "zh": "已删除关于你的 {n} 条记录，对话上下文也已清空。",
        "en": "Deleted {n} record(s) about you and cleared our conversation.",
    },
    "thinking_error": {
        "zh": "抱歉，出了点问题，请稍后再试。",
        "en": "Sorry, something went wrong. Please try again.",
    },
    "skipped": {
        "zh": "你一下子发了很多条，我只回答最新的几条，跳过了这 {n} 条较早的消息：\n{items}\n还需要回答的话，请重新发送。",
        "en": "You sent many messages at once, so I answer the latest ones and skipped these {n} earlier ones:\n{items}\n"
              "Send again any you still want answered.",
    },
    "too_long": {
        "zh": "这条消息太长了（{n} 字）。请把最想问的问题用几句话发给我（{max} 字以内）。",
        "en": "That message is very long ({n} characters). Please send your main question in a few "
              "sentences (under {max} characters).",
    },
    "sticker": {
        "zh": "收到贴纸 🙂 我只能读文字，有关于借款、逾期或征信的问题，直接打字问我吧。",
        "en": "Nice sticker 🙂 I can only read text: type your question about loans, overdues or credit reports.",
    },
    "photo": {
        "zh": "我看不了图片。请把关键信息打字发给我，比如“欠款1万，逾期30天，日息万五”。"
              "注意别发身份证号、卡号等个人信息。",
        "en": "I can't read images. Please type the key facts, e.g. “10,000 owed, 30 days overdue, 0.05% a day”. "
              "Don't send ID or card numbers.",
    },
    "voice": {
        "zh": "我暂时听不了语音，请打字提问。",
        "en": "I can't listen to voice messages yet; please type your question.",
    },
    "other_media": {
        "zh": "这类消息我处理不了。请直接打字提问，/help 查看用法。",
        "en": "I can't handle that kind of message. Please type your question; /help shows how.",
    },
    "document_user": {
        "zh": "我不读文件。请把问题打字发给我（别发合同照片或身份证件）。",
        "en": "I don't read files. Please type your question (no contract photos or ID documents).",
    },
    "edited": {
        "zh": "我看到你修改了一条命令。修改过的命令不会重新执行，请重新发送。",
        "en": "I noticed you edited a command. Edited commands are not run again: please send it again.",
    },
    "unknown_command": {
        "zh": "我不认识这个命令。/help 查看我能做什么。",
        "en": "I don't know that command. /help shows what I can do.",
    },
    "expired": {
        "zh": "这个按钮已过期，请直接打字提问。",
        "en": "This button has expired; please type your question.",
    },
    "feedback_up": {"zh": "谢谢反馈！", "en": "Thanks for the feedback!"},
    "feedback_down": {
        "zh": "谢谢，已记下，老师会据此改进内容。",
        "en": "Thanks, noted: educators use this to improve the answers.",
    },
    "related_head": {"zh": "你可能还想问：", "en": "You might also ask:"},
    "chart_button": {"zh": "📈 欠款增长图", "en": "📈 Debt chart"},
    "chart_caption": {"zh": "欠款随时间增长的估算（按你给的数字）。", "en": "How this debt grows (estimate from your numbers)."},
    "no_chart": {"zh": "这次没法画图。", "en": "I couldn't draw a chart for this one."},
    # admin
    "not_admin": {
        "zh": "抱歉，这个功能只对知识库维护老师开放。有问题可以直接问我。",
        "en": "Sorry, that is only for the educators who maintain the knowledge base. Feel free to ask me anything.",
    },
    "upload_not_md": {
        "zh": "只接受 .md 或 .txt 格式的文章。最简单的写法：第一行“# 标题”，一行“source: 依据的规则”，再写“## 问题”和回答。详见 docs/educators.md。",
        "en": "Only .md or .txt articles are accepted. The simplest form: a '# title' line, a 'source: the rule' line, "
              "then '## question' headings with answers. See docs/educators.md.",
    },
    "upload_too_big": {
        "zh": "文件太大（{size} KB），文章应小于 {max} KB。请拆分成几篇。",
        "en": "The file is too big ({size} KB); an article should be under {max} KB. Please split it.",
    },
    "upload_not_utf8": {"zh": "文件不是文本（UTF-8 或 GB18030），请另存为 UTF-8 再发。", "en": "The file is not text (UTF-8 or GB18030): save it as UTF-8 and resend."},
    "upload_rejected": {
        "zh": "❌ 文章未保存（原有文章不受影响），请修改这些问题后重发：\n{problems}",
        "en": "❌ Not saved (existing articles are untouched). Fix these and send it again:\n{problems}",
    },
    "upload_incomplete": {
        "zh": "❌ {name} 没有保存，还缺：\n{problems}",
        "en": "❌ {name} was not saved; it still needs:\n{problems}",
    },
    "upload_read_as": {"zh": "我是这样读这篇文章的：\n{fields}", "en": "How I read it:\n{fields}"},
    "upload_duplicate": {
        "zh": "❌ 未保存：id “{id}” 已被 {path} 使用。新文章请换一个 id；要替换那篇文章，请让 lang 与它所在的文件夹一致。",
        "en": "❌ Not saved: id “{id}” is already used by {path}. For a new article choose another id; to replace "
              "that one, keep its id and set lang to match its folder.",
    },
    "upload_saving": {"zh": "✅ 校验通过，正在保存并更新索引…", "en": "✅ Valid. Saving and updating the index…"},
    "upload_done": {
        "zh": "✅ 已保存 {path}（{action}）\n索引：{summary}",
        "en": "✅ Saved {path} ({action})\nIndex: {summary}",
    },
    "upload_added": {"zh": "新文章", "en": "new article"},
    "upload_replaced": {"zh": "替换旧版", "en": "replaced the old version"},
    "upload_warnings": {"zh": "⚠ 建议修改：\n{problems}", "en": "⚠ Worth fixing:\n{problems}"},
    "upload_failed": {
        "zh": "文章已保存，但更新索引失败：{error}\n可在服务器上运行 finbot ingest 重试。",
        "en": "The article was saved but updating the index failed: {error}\nRun `finbot ingest` on the server to retry.",
    },
    "kbstats": {
        "zh": "<b>知识库</b>\n文章：{articles}（中文 {zh}，英文 {en}）\n片段：{chunks}\n向量模型：{embedding}\n"
              "文件校验：{errors} 个错误，{warnings} 个警告\n机器人记录：反馈 {feedback} 条，未答问题 {unanswered} 条\n"
              "语义安全层出错：{screen_failures} 次（自启动以来；这些消息改由规则判断）",
        "en": "<b>Knowledge base</b>\nArticles: {articles} (zh {zh}, en {en})\nChunks: {chunks}\nEmbedding: {embedding}\n"
              "Files: {errors} error(s), {warnings} warning(s)\nBot records: {feedback} feedback, {unanswered} unanswered\n"
              "Semantic safety screen errors: {screen_failures} since start (those messages were judged by the rules)",
    },
    "gaps_head": {"zh": "<b>最近 {days} 天</b>", "en": "<b>Last {days} days</b>"},
    "gaps_unanswered": {"zh": "<b>答不上的问题</b>（次数）", "en": "<b>Unanswered questions</b> (times asked)"},
    "gaps_downvoted": {"zh": "<b>被点 👎 的回答</b>（次数 · 引用文章）", "en": "<b>Answers marked 👎</b> (times · articles cited)"},
    "gaps_none": {"zh": "（没有）", "en": "(none)"},
    "gaps_usage": {"zh": "用法：/gaps 或 /gaps 30（天数，1–365）", "en": "Usage: /gaps or /gaps 30 (days, 1–365)"},
    # /check and forwarded messages (bot/telegram/check.py)
    "check_prompt": {
        "zh": "🔍 把要核实的短信、聊天消息或“法院通知”粘贴给我，或者直接转发过来，我帮你看看有没有诈骗的危险信号。（/cancel 取消）",
        "en": "🔍 Paste the text message, chat message or “court notice” you want checked, or forward it to me, and I'll look for scam red flags. (/cancel to stop)",
    },
    "check_cancelled": {"zh": "好的，不核实了。", "en": "OK, nothing to check."},
    # reminders (bot/telegram/reminders.py)
    "remind_help": {
        "zh": "⏰ <b>还款提醒</b>\n告诉我还款日和要还什么，我会提前 {days} 天和当天上午 9 点提醒你（北京时间）。例如：\n"
              "• 每月15号提醒我还招行信用卡\n• 每月5号晚上8点提醒我还花呗，提前3天\n• 3月20日提醒我还借条的钱\n"
              "可以直接发这样的话，也可以发 /remind 加上它。/reminders 查看和删除。",
        "en": "⏰ <b>Repayment reminders</b>\nTell me the due date and what to repay; I'll remind you {days} days before and on the day, at 9:00 (Beijing time). For example:\n"
              "• remind me on the 15th of every month to pay my credit card\n• remind me on March 20 at 8pm to repay Jiebei, 3 days before\n"
              "Send it as a message, or after /remind. /reminders shows and deletes them.",
    },
    "remind_set": {
        "zh": "✅ 好的，{rule}，我会提醒你：{label}。\n下一次提醒：{next}。\n/reminders 查看或删除。",
        "en": "✅ Done: {rule}, I'll remind you: {label}.\nNext reminder: {next}.\n/reminders shows or deletes it.",
    },
    "remind_date_passed": {
        "zh": "这个日期已经过了，没法再提醒。请换一个以后的日期，比如“每月15号提醒我还信用卡”。",
        "en": "That date has passed, so there is nothing left to remind you of. Try a later date, e.g. “remind me on the 15th of every month”.",
    },
    "remind_bad_day": {"zh": "没看懂是几号：每月的日子要在 1 到 31 号之间。", "en": "I couldn't read the day: it must be between 1 and 31."},
    "remind_bad_date": {"zh": "这个日期不存在，请检查月份和日子。", "en": "That date doesn't exist: please check the month and day."},
    "remind_bad_time": {"zh": "没看懂提醒的时间，例如“早上8点”“20:30”。", "en": "I couldn't read the time, e.g. “8am” or “20:30”."},
    "remind_bad_zone": {
        "zh": "不认识这个时区。可以写成“Asia/Shanghai”或“UTC+8”这样的格式。",
        "en": "I don't know that time zone. Write it like “Europe/London” or “UTC+1”.",
    },
    "remind_too_many": {
        "zh": "你已经有 {n} 个提醒了（最多 {max} 个）。先用 /reminders 删掉不用的。",
        "en": "You already have {n} reminders (at most {max}). Delete one with /reminders first.",
    },
    "remind_private": {"zh": "还款提醒请私聊我设置。", "en": "Please set reminders in a private chat with me."},
    "reminders_head": {"zh": "<b>你的还款提醒</b>", "en": "<b>Your repayment reminders</b>"},
    "reminders_none": {
        "zh": "你还没有设置还款提醒。发“每月15号提醒我还信用卡”试试。",
        "en": "You have no reminders. Try “remind me on the 15th of every month to pay my credit card”.",
    },
    "reminder_line": {"zh": "{n}. {label}：{rule}\n   下一次：{next}", "en": "{n}. {label}: {rule}\n   Next: {next}"},
    "reminder_delete_button": {"zh": "🗑 删除 {n}", "en": "🗑 Delete {n}"},
    "reminder_cancel_button": {"zh": "🗑 取消这个提醒", "en": "🗑 Cancel this reminder"},
    "reminder_deleted": {"zh": "已删除这个提醒。", "en": "Reminder deleted."},
    "reminder_gone": {"zh": "这个提醒已经不在了。", "en": "That reminder is already gone."},
    "reminder_fire": {
        "zh": "⏰ <b>还款提醒</b>：{label}\n还款日：{due}（{when}）。按时还上就不会产生逾期；钱不够的话，最好在到期前就主动联系机构说明情况。",
        "en": "⏰ <b>Repayment reminder</b>: {label}\nDue: {due} ({when}). Paying on time keeps it off your credit record; if you are short, contact the lender before the due date.",
    },
}

EXAMPLES: dict[str, list[str]] = {
    "zh": ["逾期三天会上征信吗？", "欠一万逾期两个月要还多少？", "信用卡只还最低还款会怎样？", "催收可以打电话给我家人吗？"],
    "en": [
        "Will a 3-day overdue show on my credit report?",
        "I owe 10,000, 60 days overdue at 0.05% a day: how much?",
        "What if I only pay the card minimum?",
        "Can collectors call my family?",
    ],
}

# setMyCommands, per language (the default list is Chinese: most users are)
COMMANDS: dict[str, list[tuple[str, str]]] = {
    "zh": [
        ("start", "开始 / 介绍"), ("help", "使用说明"), ("calc", "计算器（逾期费用、利息、分期）"), ("check", "核实可疑短信"),
        ("remind", "设置还款提醒"), ("reminders", "我的还款提醒"), ("debts", "我的欠款：还款计划"),
        ("letter", "写信：协商还款、投诉、征信异议"), ("lang", "切换语言"),
        ("reset", "开始新话题"), ("privacy", "我保存了什么"), ("forget", "删除关于我的记录"), ("cancel", "退出计算"),
    ],
    "en": [
        ("start", "Start / what I do"), ("help", "How to use finbot"), ("calc", "Calculator (overdue charges, interest, instalments)"),
        ("check", "Check a suspicious message"), ("remind", "Set a repayment reminder"),
        ("reminders", "My repayment reminders"), ("debts", "My debts: a repayment plan"),
        ("letter", "Write a letter: instalment plan, complaint, dispute"),
        ("lang", "Switch language"), ("reset", "Start a new topic"), ("privacy", "What finbot stores"),
        ("forget", "Delete what finbot stores about me"), ("cancel", "Leave the calculator"),
    ],
}
ADMIN_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "zh": [("kbstats", "知识库统计"), ("gaps", "答不上和被点踩的问题")],
    "en": [("kbstats", "Knowledge base stats"), ("gaps", "Unanswered and 👎 questions")],
}


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "zh"


def say(lang: str | None, key: str, **values: object) -> str:
    """The text `key` in `lang`, with values escaped for HTML."""
    template = TEXTS[key][norm_lang(lang)]
    return template.format(**{k: esc(v) for k, v in values.items()}) if values else template


def label(table: dict[str, dict[str, str]], key: str, lang: str | None) -> str:
    return table[key][norm_lang(lang)]
