"""Counting requests in the cache: at most so many per key in a window of time."""

import hashlib

from django.core.cache import cache


def within_limit(scope: str, value: str, *, limit: int, seconds: int) -> bool:
    """Count one request for ``value`` (an address, an IP) in ``scope``; False once more than
    ``limit`` were counted in the window, which starts with the first of them. The value is
    hashed: no address is kept in the cache."""
    key = f"throttle:{scope}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
