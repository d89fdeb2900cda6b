"""FINBOT_CACHE_URL: the in-process cache and Valkey behave alike — values expire, lists are taken once, and a user's
keys go together."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest

from bot.telegram.cache import CacheError, InProcessCache, RedisCache, open_cache

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["memory", pytest.param("valkey", marks=pytest.mark.slow)])
async def cache(request: pytest.FixtureRequest) -> AsyncIterator[object]:
    if request.param == "valkey":
        url = request.getfixturevalue("valkey_server")
        c = RedisCache.open(url, prefix=f"test-{uuid.uuid4().hex[:8]}:")
    else:
        c = InProcessCache()
    yield c
    await c.close()


async def test_values_come_back_until_they_expire(cache) -> None:
    await cache.set("mem:a", {"turns": ["逾期三天会上征信吗"], "n": 1}, ttl=0.3, owner="u1")
    assert await cache.get("mem:a") == {"turns": ["逾期三天会上征信吗"], "n": 1}
    await asyncio.sleep(0.5)
    assert await cache.get("mem:a") is None
    assert await cache.get("never-set") is None


async def test_a_list_is_taken_once_in_order(cache) -> None:
    for n in range(3):
        await cache.push("skip:a", {"n": n}, ttl=60, owner="u1")
    assert await cache.take("skip:a") == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert await cache.take("skip:a") == []


async def test_forget_removes_every_key_of_one_user_only(cache) -> None:
    await cache.set("mem:1", {"x": 1}, ttl=60, owner="u1")
    await cache.set("btn:t", {"q": "上征信吗"}, ttl=60, owner="u1")
    await cache.push("skip:1", {"text": "hi"}, ttl=60, owner="u1")
    await cache.set("mem:2", {"x": 2}, ttl=60, owner="u2")
    assert len(await cache.keys_of("u1")) == 3
    assert await cache.forget("u1") == 3
    assert await cache.keys_of("u1") == []
    assert await cache.get("btn:t") is None and await cache.take("skip:1") == []
    assert await cache.get("mem:2") == {"x": 2}
    assert await cache.forget("nobody") == 0


def test_the_url_chooses_the_cache_and_a_wrong_one_says_what_to_write() -> None:
    assert isinstance(open_cache(SimpleNamespace(cache_url=None)), InProcessCache)
    assert isinstance(open_cache(SimpleNamespace(cache_url="redis://127.0.0.1:6379/0")), RedisCache)
    with pytest.raises(CacheError, match="redis://") as err:
        open_cache(SimpleNamespace(cache_url="memcached://u:hunter2@cache:11211"))
    assert "hunter2" not in str(err.value)
