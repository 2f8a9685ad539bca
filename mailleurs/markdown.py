"""Markdown to safe HTML: render, then sanitise with nh3 (never trust the author's HTML)."""

import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code",
    "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


_parsers = threading.local()


def _parser() -> markdown_lib.Markdown:
    # Building a parser costs about a millisecond, more than rendering a short text: one per
    # thread, reset between texts (a parser keeps state while it converts).
    parser = getattr(_parsers, "markdown", None)
    if parser is None:
        parser = _parsers.markdown = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    return parser.reset()


def render_markdown(text: str) -> SafeString:
    html = _parser().convert(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
