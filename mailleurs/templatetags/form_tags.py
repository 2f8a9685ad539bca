"""What every form page shows the same way: the error summary at the top."""

from django import template

from mailleurs.editing import error_items

register = template.Library()


@register.inclusion_tag("components/error_summary.html")
def error_summary(form=None, *formsets):
    """`{% error_summary form contacts %}`: every error of the form and its formsets, each
    linked to its input."""
    return {"errors": error_items(form, formsets)}
