"""Which stream an update goes to (bot/telegram/stream.py): everything of one chat in the same one, so a worker sees
a chat's messages and button taps in the order they came."""

from __future__ import annotations

from bot.telegram.stream import partition_of

USER = {"id": 1001, "is_bot": False, "first_name": "Li"}


def message(chat_id: int, text: str = "逾期三天会上征信吗？") -> dict:
    return {"message_id": 5, "date": 0, "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": USER, "text": text}


def test_a_chats_messages_edits_and_button_taps_share_a_partition() -> None:
    for chat_id in (1001, -100200300400, 7):
        expected = partition_of({"update_id": 1, "message": message(chat_id)}, 16)
        assert 0 <= expected < 16
        assert partition_of({"update_id": 2, "edited_message": message(chat_id, "改了")}, 16) == expected
        tap = {"id": "9", "from": USER, "chat_instance": "x", "data": "fb:up:abc", "message": message(chat_id)}
        assert partition_of({"update_id": 3, "callback_query": tap}, 16) == expected


def test_chats_spread_over_partitions_and_odd_updates_do_not_fail() -> None:
    used = {partition_of({"update_id": i, "message": message(1000 + i)}, 16) for i in range(64)}
    assert len(used) == 16
    assert partition_of({"update_id": 1}, 16) == 0  # names no chat or user
    assert partition_of({"update_id": 1, "message": "not a message"}, 16) == 0
    assert partition_of({"update_id": 1, "message": message(12345)}, 1) == 0
