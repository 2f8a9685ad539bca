"""HTML built by hand for the parts of a page repeated hundreds of times (facet checkboxes,
result cards), escaped as Django's `format_html` does."""

from html import escape

from django.utils.safestring import SafeData, SafeString


def escaped(value) -> str:
    """`conditional_escape` without its lazy-string wrapper: text already safe is kept, anything
    else is escaped. Django's own spent most of a directory page's 1,200 escapes in that
    wrapper (3 ms of the six facets' 150 checkboxes)."""
    return value if isinstance(value, SafeData) else escape(str(value))


def html_format(template: str, *args, **kwargs) -> SafeString:
    """`format_html` with the escaping above."""
    return SafeString(
        template.format(
            *map(escaped, args), **{name: escaped(value) for name, value in kwargs.items()}
        )
    )


def html_join(separator: str, template: str, rows) -> SafeString:
    """`format_html_join`: `template` filled with each row of arguments, joined."""
    return SafeString(separator.join(template.format(*map(escaped, row)) for row in rows))
