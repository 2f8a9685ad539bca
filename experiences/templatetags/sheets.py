"""`{% load sheets %}`: how a sheet's period and grid functions are written on pages (the same
words as the exports and the open data: `experiences.reading.presentation`)."""

from django import template

from experiences.reading import presentation

register = template.Library()


@register.filter
def period(sheet) -> str:
    return presentation.period(sheet)


@register.filter
def function_url(function) -> str:
    return presentation.function_url(function)
