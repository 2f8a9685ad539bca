"""`{% load grid %}`: scores written the French way, score cells, and the grid's rules."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from mailleurs.grid.policies import TEMPLATE_RULES

register = template.Library()


@register.filter(name="score")
def score_text(value, decimals: int = 1) -> str:
    """« 2,5 » (a number, or a `scoring.Score`); an absent score is a dash, never a zero."""
    value = getattr(value, "value", value)
    if value is None or value == "":
        return "—"
    return number_format(round(float(value), decimals), decimal_pos=decimals)


@register.filter
def signed(value) -> str:
    """A change: « +0,5 », « −1,0 », « = » when nothing moved, a dash when unknown."""
    if value is None:
        return "—"
    rounded = round(float(value), 1)
    if rounded == 0:
        return "="
    text = number_format(abs(rounded), decimal_pos=1)
    return f"+{text}" if rounded > 0 else f"−{text}"


@register.filter
def may_grid(user, rule: str) -> bool:
    try:
        check = TEMPLATE_RULES[rule]
    except KeyError:
        raise template.TemplateSyntaxError(f"Unknown grid rule: {rule!r}") from None
    return check(user)


@register.filter
def get(mapping, key):
    """`{{ scores|get:function.pk }}`: a value of a dict by a key known only at render time."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag
def score_cell(score):
    """A score and, below it, what it rests on: « 2,5 / 3 rép. · 1 nsp · 2 manq. · base étroite »
    (written in Python: a results page holds a few hundred of them)."""
    value = format_html('<span class="score">{}</span>', score_text(score))
    if score is None or not score.respondents:
        return value
    counts = [
        (score.dont_know, _("je ne sais pas"), "nsp"),
        (score.missing, _("réponses manquantes"), "manq."),
    ]
    basis = format_html_join(
        "",
        ' · {} <abbr title="{}">{}</abbr>',
        ((n, title, short) for n, title, short in counts if n),
    )
    thin = format_html(' · <span class="thin">{}</span>', _("base étroite")) if score.thin else ""
    answered = _("%(n)s rép.") % {"n": score.answered}
    return format_html('{} <span class="basis">{}{}{}</span>', value, answered, basis, thin)
