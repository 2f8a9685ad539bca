"""`{% load policies %}` then `{% if user|may:"moderate" %}`: templates ask `actors.policies`,
they never spell a permission or a rule themselves."""

from django import template

from actors.policies import TEMPLATE_RULES as ACTOR_RULES
from experiences.policies import TEMPLATE_RULES as SHEET_RULES
from glossary.policies import TEMPLATE_RULES as GLOSSARY_RULES

register = template.Library()
TEMPLATE_RULES = ACTOR_RULES | GLOSSARY_RULES | SHEET_RULES


@register.filter
def may(user, rule: str) -> bool:
    try:
        check = TEMPLATE_RULES[rule]
    except KeyError:
        raise template.TemplateSyntaxError(f"Unknown policy rule: {rule!r}") from None
    return check(user)
