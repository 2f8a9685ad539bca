"""Signing in with the username or the account's e-mail address, and the name django-axes
counts failed attempts under, so that both identifiers of one account share one lockout."""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.views.decorators.debug import sensitive_variables


def find_account(identifier: str | None):
    """The account ``identifier`` names: the one with that username (as typed), else the one
    with that e-mail address (any case). None when there is none, or when two accounts share
    the address (which one was meant is unknown: the sign-in is refused as any other)."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = get_user_model()._default_manager
    account = users.filter(**{get_user_model().USERNAME_FIELD: identifier}).first()
    if account is not None or "@" not in identifier:
        return account
    owners = list(users.filter(email__iexact=identifier)[:2])
    return owners[0] if len(owners) == 1 else None


def _username_for(identifier: str | None) -> str | None:
    account = find_account(identifier)
    return account.get_username() if account is not None else identifier


class UsernameOrEmailBackend(ModelBackend):
    """Django's model backend (permissions included), reached by username or by e-mail. The
    password is checked once either way (with Django's timing-attack mitigation when no
    account matches)."""

    @sensitive_variables("password")
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(
            request, username=_username_for(username), password=password, **kwargs
        )

    @sensitive_variables("password")
    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        username = await sync_to_async(_username_for)(username)
        return await super().aauthenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: failures by username or by e-mail count for the same account;
    an identifier naming no account counts as typed, in lower case."""
    if credentials:
        identifier = credentials.get("username")
    else:
        identifier = getattr(request, "POST", {}).get("username")
    if not identifier:
        return identifier
    account = find_account(identifier)
    return account.get_username() if account is not None else identifier.strip().lower()
