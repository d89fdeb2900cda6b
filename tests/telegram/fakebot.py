"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp) that a real python-telegram-bot Application talks to.

Reusable by tests and benchmarks:

    api = FakeBotAPI(); await api.start()
    # ApplicationBuilder().base_url(api.base_url).base_file_url(api.base_file_url).token(api.token) …
    msg = api.send_text(user, "逾期三天会上征信吗？")        # queue an update, as Telegram would
    reply = await api.next_message(chat_id=user.id)         # what the bot sent back
    api.press(reply, reply.buttons[0].callback_data)         # tap an inline button
    await api.close()

It is strict where Telegram is: HTML must parse (only Telegram's tags, escaped &, <), a message holds at most
4096 characters and a caption 1024, callback_data at most 64 bytes. A rejected call is answered with
Telegram's 400 error and kept in `api.rejected`, so tests can assert there were none. Long polls are held at
most 0.25 s so that shutting a bot down never waits long. A wrong token gets 404 (PTB: InvalidToken).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import aiohttp
from aiohttp import web

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK = 64
POLL_HOLD = 0.25

# Form fields PTB sends JSON-encoded (everything that is not a plain string).
JSON_FIELDS = {
    "chat_id", "message_id", "reply_markup", "offset", "limit", "timeout", "allowed_updates", "commands", "scope",
    "show_alert", "link_preview_options", "reply_parameters", "entities", "caption_entities",
    "disable_notification", "protect_content", "drop_pending_updates", "max_connections", "cache_time",
    "message_thread_id", "disable_web_page_preview", "has_spoiler", "show_caption_above_media",
}
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
                 "blockquote", "tg-emoji"}


@dataclass
class User:
    id: int
    first_name: str = "Test"
    language_code: str | None = "zh-hans"
    is_bot: bool = False
    username: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.language_code:
            d["language_code"] = self.language_code
        if self.username:
            d["username"] = self.username
        return d


@dataclass
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class Sent:
    """Something the bot sent (sendMessage / sendPhoto / sendDocument) or edited."""

    method: str
    chat_id: int
    message_id: int
    text: str  # message text or caption (HTML as sent)
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    at: float
    photo: bytes | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    document: bytes | None = None  # sendDocument: the file's bytes …
    filename: str | None = None  # … and the name it was sent under
    reply_to: int | None = None  # the message_id this one replies to (reply_parameters)

    @property
    def buttons(self) -> list[Button]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for row in rows for b in row]

    @property
    def plain(self) -> str:
        """The text as the reader sees it."""
        return visible(self.text) if self.parse_mode == "HTML" else self.text

    def button(self, contains: str) -> Button:
        for b in self.buttons:
            if contains in b.text or (b.callback_data and contains in b.callback_data):
                return b
        raise AssertionError(f"no button with {contains!r} in {[b.text for b in self.buttons]}")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float


class TelegramHTMLChecker(HTMLParser):
    """Reject what Telegram's HTML parser rejects: unknown tags, unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.error = self.error or f"Unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f"Unmatched end tag \"{tag}\""
        else:
            self.stack.pop()


_VALID_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?>")


def html_error(text: str) -> str | None:
    """Why Telegram would refuse this HTML text, or None."""
    stripped = _TAG.sub("", text)
    stripped = _VALID_ENTITY.sub("", stripped)
    if "<" in stripped:
        return "Can't parse entities: unsupported start tag or unescaped '<'"
    if "&" in stripped:
        return "Can't parse entities: unescaped '&' or unknown entity"
    checker = TelegramHTMLChecker()
    checker.feed(text)
    checker.close()
    if checker.error:
        return f"Can't parse entities: {checker.error}"
    if checker.stack:
        return f"Can't parse entities: can't find end tag corresponding to start tag \"{checker.stack[-1]}\""
    return None


def visible(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class BadRequest(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FakeBotAPI:
    def __init__(self, token: str = "123456789:TEST-fake-token_abcdefghijklmnop", bot_id: int = 123456789,
                 username: str = "finbot_test_bot") -> None:
        self.token = token
        self.bot = User(bot_id, "finbot", None, is_bot=True, username=username)
        self.port = 0
        self.updates: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self.rejected: list[tuple[str, str]] = []  # (method, description)
        self.pushed_at: dict[int, float] = {}
        self.files: dict[str, bytes] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}  # (scope json, language) -> commands
        self.webhook: dict[str, Any] = {}
        self.polls = 0
        self.listeners: list[Callable[[Sent], None]] = []  # called for every message the bot sends
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeBotAPI:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        self.port = free_port()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        return self

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ------------------------------------------------------------------ what users do

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (the update_id is assigned here) for getUpdates."""
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        self.updates.append(update)
        self.pushed_at[update_id] = time.perf_counter()
        self._new_update.set()
        return update_id

    def _message(self, user: User, chat: dict[str, Any] | None, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.to_dict(),
            **content,
        }

    def send_text(self, user: User, text: str, chat: dict[str, Any] | None = None,
                  reply_to: Sent | None = None) -> dict[str, Any]:
        """A user's text message; /commands and @mentions get their entities, as Telegram adds them."""
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])})
        for m in re.finditer(r"@\w+", text):
            entities.append({"type": "mention", "offset": utf16_len(text[: m.start()]),
                             "length": utf16_len(m.group())})
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if reply_to is not None:
            content["reply_to_message"] = reply_to.raw
        message = self._message(user, chat, **content)
        self.push({"message": message})
        return message

    def send_sticker(self, user: User) -> dict[str, Any]:
        message = self._message(user, None, sticker={
            "file_id": "sticker1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512,
            "is_animated": False, "is_video": False, "emoji": "😀"})
        self.push({"message": message})
        return message

    def send_photo(self, user: User, caption: str | None = None, chat: dict[str, Any] | None = None) -> dict[str, Any]:
        content: dict[str, Any] = {"photo": [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90,
                                              "file_size": 1000}]}
        if caption is not None:
            content["caption"] = caption
            mentions = [{"type": "mention", "offset": utf16_len(caption[: m.start()]), "length": utf16_len(m.group())}
                        for m in re.finditer(r"@\w+", caption)]
            if mentions:
                content["caption_entities"] = mentions
        message = self._message(user, chat, **content)
        self.push({"message": message})
        return message

    def forward_text(self, user: User, text: str, original_sender: str = "某人") -> dict[str, Any]:
        """A text forwarded from another chat (Telegram marks it with forward_origin)."""
        message = self._message(user, None, text=text, forward_origin={
            "type": "hidden_user", "date": int(time.time()) - 60, "sender_user_name": original_sender})
        self.push({"message": message})
        return message

    def send_voice(self, user: User) -> dict[str, Any]:
        message = self._message(user, None, voice={"file_id": "voice1", "file_unique_id": "v1", "duration": 3})
        self.push({"message": message})
        return message

    def send_document(self, user: User, file_name: str, data: bytes, caption: str | None = None) -> dict[str, Any]:
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = data
        extra = {"caption": caption} if caption is not None else {}
        message = self._message(user, None, document={"file_id": file_id, "file_unique_id": file_id,
                                                       "file_name": file_name, "file_size": len(data)}, **extra)
        self.push({"message": message})
        return message

    def edit_text(self, user: User, original: dict[str, Any], new_text: str) -> dict[str, Any]:
        edited = {**original, "text": new_text, "edit_date": int(time.time())}
        self.push({"edited_message": edited})
        return edited

    def press(self, user: User, sent: Sent, data: str) -> str:
        """Tap an inline button of a message the bot sent; returns the callback query id."""
        query_id = f"cq{next(self._update_ids)}"
        self.push({"callback_query": {"id": query_id, "from": user.to_dict(), "chat_instance": "ci",
                                      "data": data, "message": sent.raw}})
        return query_id

    # ------------------------------------------------------------------ what the bot did

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until predicate() returns something truthy (checked after every API call)."""
        deadline = time.monotonic() + timeout
        while True:
            got = predicate()
            if got:
                return got
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s; last calls: "
                                   f"{[c.method for c in self.calls[-10:]]}; rejected: {self.rejected}")
            self._new_call.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), min(remaining, 0.2))

    def messages(self, chat_id: int, since: int = 0) -> list[Sent]:
        return [s for s in self.sent[since:] if s.chat_id == chat_id]

    async def next_message(self, chat_id: int, since: int | None = None, timeout: float = 10.0,
                           where: Callable[[Sent], bool] | None = None) -> Sent:
        """The first message the bot sends to chat_id after index `since` of self.sent (default: now)."""
        start = len(self.sent) if since is None else since

        def found() -> Sent | None:
            for s in self.sent[start:]:
                if s.chat_id == chat_id and s.method != "editMessageReplyMarkup" and (where is None or where(s)):
                    return s
            return None

        return await self.wait_for(found, timeout)  # type: ignore[no-any-return]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def post_webhook(self, update: dict[str, Any], secret: str | None) -> int:
        """Deliver an update to the webhook the bot registered (with the given secret header); HTTP status."""
        url = self.webhook["url"]
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        self.pushed_at[update_id] = time.perf_counter()
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        if self._session is None:
            self._session = aiohttp.ClientSession()
        async with self._session.post(url, json=update, headers=headers) as resp:
            return resp.status

    # ------------------------------------------------------------------ HTTP

    async def _file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.method == "POST":
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                    params[f"{key}.filename"] = value.filename
                elif key in JSON_FIELDS:
                    try:
                        params[key] = json.loads(value)
                    except (TypeError, json.JSONDecodeError):
                        params[key] = value
                else:
                    params[key] = value
        params.update({k: v for k, v in files.items()})
        handler = getattr(self, f"_m_{method}", None)
        try:
            if handler is None:
                raise BadRequest(f"method {method} is not implemented by the fake server")
            if method == "getUpdates":
                result = await handler(params)
            else:
                self.calls.append(Call(method, params, time.perf_counter()))
                result = handler(params)
        except BadRequest as exc:
            self.rejected.append((method, str(exc)))
            self._new_call.set()
            return web.json_response({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"},
                                     status=400)
        self._new_call.set()
        return web.json_response({"ok": True, "result": result})

    # ------------------------------------------------------------------ methods

    async def _m_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        hold = min(float(p.get("timeout") or 0), POLL_HOLD)
        # An offset confirms everything before it (Telegram forgets confirmed updates).
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates and hold > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), hold)
        return self.updates[:limit]

    def _m_getMe(self, p: dict[str, Any]) -> dict[str, Any]:
        return {**self.bot.to_dict(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    def _m_deleteWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _m_setWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = {"url": p["url"], "secret_token": p.get("secret_token")}
        return True

    def _m_getWebhookInfo(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    def _m_setMyCommands(self, p: dict[str, Any]) -> bool:
        commands = p.get("commands") or []
        for c in commands:
            name, about = c.get("command", ""), c.get("description", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(about) <= 256:
                raise BadRequest(f"invalid command {c}")
        scope = json.dumps(p.get("scope") or {"type": "default"}, sort_keys=True)
        self.commands[(scope, p.get("language_code") or "")] = commands
        return True

    def _m_getMyCommands(self, p: dict[str, Any]) -> list[dict[str, str]]:
        scope = json.dumps(p.get("scope") or {"type": "default"}, sort_keys=True)
        return self.commands.get((scope, p.get("language_code") or ""), [])

    def _m_sendChatAction(self, p: dict[str, Any]) -> bool:
        return True

    def _m_answerCallbackQuery(self, p: dict[str, Any]) -> bool:
        if len(p.get("text") or "") > 200:
            raise BadRequest("MESSAGE_TOO_LONG")
        return True

    def _m_close(self, p: dict[str, Any]) -> bool:
        return True

    def _m_logOut(self, p: dict[str, Any]) -> bool:
        return True

    def _m_getFile(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = p["file_id"]
        if file_id not in self.files:
            raise BadRequest("invalid file_id")
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        text = str(p.get("text") or "")
        self._check_text(text, p.get("parse_mode"), MAX_TEXT, "text")
        self._check_markup(p.get("reply_markup"))
        return self._record("sendMessage", p, text=text)

    def _m_sendPhoto(self, p: dict[str, Any]) -> dict[str, Any]:
        caption = str(p.get("caption") or "")
        self._check_text(caption, p.get("parse_mode"), MAX_CAPTION, "caption", allow_empty=True)
        self._check_markup(p.get("reply_markup"))
        photo = p.get("photo")
        if not isinstance(photo, bytes) or not photo:
            raise BadRequest("there is no photo in the request")
        return self._record("sendPhoto", p, caption=caption, photo=photo)

    def _m_sendDocument(self, p: dict[str, Any]) -> dict[str, Any]:
        caption = str(p.get("caption") or "")
        self._check_text(caption, p.get("parse_mode"), MAX_CAPTION, "caption", allow_empty=True)
        self._check_markup(p.get("reply_markup"))
        document = p.get("document")
        if not isinstance(document, bytes) or not document:
            raise BadRequest("there is no document in the request")
        raw = self._record("sendDocument", p, text=caption)
        sent = self.sent[-1]
        sent.document, sent.filename = document, p.get("document.filename")
        raw.pop("text", None)
        raw["document"] = {"file_id": f"sentdoc{sent.message_id}", "file_unique_id": f"sd{sent.message_id}",
                           "file_name": sent.filename, "file_size": len(document)}
        if caption:
            raw["caption"] = caption
        return raw

    def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> dict[str, Any]:
        self._check_markup(p.get("reply_markup"))
        chat_id, message_id = int(p["chat_id"]), int(p["message_id"])
        for s in self.sent:
            if s.chat_id == chat_id and s.message_id == message_id:
                s.reply_markup = p.get("reply_markup")
                s.raw = {k: v for k, v in s.raw.items() if k != "reply_markup"}
                if s.reply_markup:
                    s.raw["reply_markup"] = s.reply_markup
                self.sent.append(Sent("editMessageReplyMarkup", chat_id, message_id, s.text, s.parse_mode,
                                      s.reply_markup, time.perf_counter(), raw=s.raw))
                return s.raw
        raise BadRequest("message to edit not found")

    def _m_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        text = str(p.get("text") or "")
        self._check_text(text, p.get("parse_mode"), MAX_TEXT, "text")
        self._check_markup(p.get("reply_markup"))
        return self._record("editMessageText", p, text=text, message_id=int(p["message_id"]))

    # ------------------------------------------------------------------ checks and records

    def _check_text(self, text: str, parse_mode: str | None, limit: int, what: str,
                    allow_empty: bool = False) -> None:
        shown = text
        if parse_mode == "HTML":
            problem = html_error(text)
            if problem:
                raise BadRequest(problem)
            shown = visible(text)
        elif parse_mode not in (None, ""):
            raise BadRequest(f"unsupported parse_mode {parse_mode!r} in this fake")
        if not shown.strip() and not allow_empty:
            raise BadRequest("message text is empty")
        if utf16_len(shown) > limit:
            raise BadRequest(f"{'message' if what == 'text' else 'caption'} is too long")

    def _check_markup(self, markup: Any) -> None:
        if not markup:
            return
        if isinstance(markup, str):
            raise BadRequest("reply_markup is not JSON")
        for row in markup.get("inline_keyboard", []):
            for b in row:
                if not b.get("text"):
                    raise BadRequest("BUTTON_TEXT_EMPTY")
                data = b.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK:
                    raise BadRequest("BUTTON_DATA_INVALID")

    def _record(self, method: str, p: dict[str, Any], text: str = "", caption: str | None = None,
                photo: bytes | None = None, message_id: int | None = None) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        mid = message_id or next(self._message_ids)
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        if chat_id < 0:
            chat["title"] = "group"
        raw: dict[str, Any] = {"message_id": mid, "date": int(time.time()), "chat": chat,
                               "from": self.bot.to_dict()}
        if photo is not None:
            raw["photo"] = [{"file_id": f"sentphoto{mid}", "file_unique_id": f"sp{mid}", "width": 800,
                             "height": 500, "file_size": len(photo)}]
            if caption:
                raw["caption"] = caption
        else:
            raw["text"] = visible(text) if p.get("parse_mode") == "HTML" else text
        if p.get("reply_markup"):
            raw["reply_markup"] = p["reply_markup"]
        reply = p.get("reply_parameters")
        reply_to = int(reply["message_id"]) if isinstance(reply, dict) and "message_id" in reply else None
        sent = Sent(method, chat_id, mid, caption if photo is not None else text, p.get("parse_mode"),
                    p.get("reply_markup"), time.perf_counter(), photo, raw, reply_to=reply_to)
        self.sent.append(sent)
        for listener in self.listeners:
            listener(sent)
        return raw
