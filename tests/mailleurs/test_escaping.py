"""The hand-built HTML of facet checkboxes and result cards escapes as Django's own does."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from mailleurs.escaping import html_format, html_join

TEXTS = ['Café <b>"libre"</b> & l\'épicerie', mark_safe("<em>déjà sûr</em>"), 42, None]


def test_html_format_escapes_text_and_keeps_safe_html_as_django_does():
    template = "<p title='{0}'>{1}</p>{2}{3}"
    assert html_format(template, *TEXTS) == format_html(template, *TEXTS)
    assert html_format("{a}-{b}", a=TEXTS[0], b=TEXTS[1]) == format_html(
        "{a}-{b}", a=TEXTS[0], b=TEXTS[1]
    )
    assert "<b>" not in html_format("{}", TEXTS[0])


def test_lazy_text_is_translated_then_escaped():
    label = gettext_lazy("Sphères")
    assert html_format("<span>{}</span>", label) == "<span>Sphères</span>"


def test_html_join_matches_format_html_join_and_stays_safe():
    rows = [(text, "x") for text in TEXTS]
    joined = html_join(", ", "<li>{}{}</li>", rows)
    assert joined == format_html_join(", ", "<li>{}{}</li>", rows)
    assert html_format("<ul>{}</ul>", joined).count("<li>") == len(TEXTS)
