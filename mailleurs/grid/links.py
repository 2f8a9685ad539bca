"""Private answering links: a random token given once to the respondent, only its hash kept.

A link is valid while it is neither expired nor revoked; a new link replaces the old one (one
link per respondent), so a forwarded or leaked link can be cut off without losing the answers."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

TOKEN_BYTES = 24


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(token: str) -> bool:
    """Cheap shape check before touching the database (a forged link is refused either way)."""
    return 20 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def default_expiry(now=None):
    return (now or timezone.now()) + timedelta(days=settings.GRID_LINK_DAYS)
