"""The Redis cache that production uses (REDIS_URL), against the machine's local Redis."""

import socket
import uuid

import pytest

from mailleurs.redis_cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_is_running(), reason="Redis ne répond pas sur 6379")


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_values_written_are_read_back_and_counted(redis_cache):
    redis_cache.set("page", {"html": "<p>é</p>"}, 60)
    redis_cache.set("generation", 41, None)
    redis_cache.incr("generation")
    assert redis_cache.get("page") == {"html": "<p>é</p>"}
    assert redis_cache.get("generation") == 42
    assert redis_cache.get("missing") is None
    assert redis_cache.add("page", "other", 60) is False
    redis_cache.delete("page")
    assert redis_cache.get("page") is None


def test_one_client_serves_every_operation(redis_cache):
    client = redis_cache._cache.get_client("page")
    assert redis_cache._cache.get_client("other", write=True) is client
