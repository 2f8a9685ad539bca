"""`@rule_required(policy)`: a view for signed-in users for whom a policy function says yes."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def rule_required(rule):
    """Visitors are sent to sign in; signed-in users the rule refuses get the French 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def checked(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorator
