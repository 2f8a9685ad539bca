"""Pages that htmx swaps in part: the fragment for htmx, the whole page otherwise.

The same URL then answers two ways, so the response says it varies with the `HX-Request`
header (and `HX-History-Restore-Request`): without it a browser or proxy cache could serve the
fragment as the page, or the page into the fragment's place (django-htmx's advice)."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

HTMX_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def wants_fragment(request) -> bool:
    """An htmx swap; not a history restore, which needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page_or_fragment(request, *, page: str, fragment: str, context: dict, status=200):
    response = render(
        request, fragment if wants_fragment(request) else page, context, status=status
    )
    patch_vary_headers(response, HTMX_HEADERS)
    return response
