"""`{% load grid %}`: scores written the French way, level names, and the grid's rules."""

from django import template
from django.utils.formats import number_format

from mailleurs.grid.choices import Level
from mailleurs.grid.policies import TEMPLATE_RULES

register = template.Library()


@register.filter
def score(value, decimals: int = 1) -> str:
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
def level_label(value) -> str:
    try:
        return Level(int(value)).label
    except (TypeError, ValueError):
        return ""


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
