import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from actors.map.shapes import MARKER_SHAPES
from glossary.linking import link_terms
from mailleurs.escaping import html_format, html_join
from mailleurs.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Markdown rendered, sanitised, and the first occurrence of each glossary term linked."""
    return link_terms(render_markdown(text))


@register.filter(name="markdown_excluding")
def markdown_excluding(text: str, term):
    """The same, except that `term` is never linked: its own text on its own page."""
    return link_terms(render_markdown(text), exclude=term)


@register.filter(name="linked_text")
def linked_text(text: str):
    """Plain text (line breaks kept by the page's CSS), escaped, with glossary terms linked."""
    return link_terms(escape(text or ""))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination links)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def json_ld(data) -> str:
    """A schema.org block: `<script type="application/ld+json">`, escaped like json_script."""

    escapes = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter(name="marker_path")
def marker_path(shape: str) -> str:
    """The SVG path of a map marker's shape (actors/map/shapes.py), for a legend."""
    return MARKER_SHAPES.get(shape, MARKER_SHAPES["circle"])


FACET_CHECKBOX = (
    '<li><label for="filtre-{0}-{1}"><input type="checkbox" id="filtre-{0}-{1}" name="{0}" '
    'value="{1}"{2}> {3} <span class="facet-count">{4}</span></label></li>'
)


@register.simple_tag
def facet_checkboxes(name: str, values) -> str:
    """One facet's (value, count, selected) as checkboxes with their counts, for the directory
    and the map. Built here, not in a template: the template engine spent 4 ms a page on the
    150 values of the six facets. Stable ids: htmx puts the focus back on the same checkbox
    after it replaces the panel."""
    checkboxes = html_join(
        "\n",
        FACET_CHECKBOX,
        (
            (name, value.slug, mark_safe(" checked") if selected else "", value.name, count)
            for value, count, selected in values
        ),
    )
    return html_format('<ul class="facet-list">\n{}\n</ul>', checkboxes)


ACTOR_CARD = """<article class="card actor-card">
  <h3 class="card-title"><a href="{url}">{name}</a></h3>
  <p class="card-meta">{actor_type} · {commune}{distance}</p>
  <ul class="chips" aria-label="{spheres_label}">
    {spheres}
  </ul>
  <p>{pitch}</p>
  {reasons}
</article>"""
SPHERE_CHIP = '<li class="chip" style="--chip-color: {}">{}</li>'


@register.simple_tag
def actor_card(actor, reasons=()) -> str:
    """An actor's card in a list (directory, search, territory, home page): its name, type,
    commune, distance when searched around a place, spheres, pitch and why it matched. Built
    here, not in an included template: twenty included cards cost the directory's page 8 ms."""
    distance = ""
    if getattr(actor, "distance_km", None) is not None:
        km = gettext("à %(km)s km") % {"km": floatformat(actor.distance_km, 1)}
        distance = html_format(' · <span class="distance">{}</span>', km)
    return html_format(
        ACTOR_CARD,
        url=actor.get_absolute_url(),
        name=actor.display_name,
        actor_type=actor.actor_type,
        commune=actor.commune,
        distance=distance,
        spheres_label=gettext("Sphères"),
        spheres=html_join(
            "", SPHERE_CHIP, ((sphere.color, sphere) for sphere in actor.listed_spheres)
        ),
        pitch=actor.pitch,
        reasons=html_format(
            '<p class="match-reasons">{} {}</p>',
            gettext("Correspond à :"),
            html_join(", ", "{}", ((reason,) for reason in reasons)),
        )
        if reasons
        else "",
    )
