"""What the pages read about experience sheets: one function per page need, queries bounded
whatever the number of sheets, actors or links."""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from actors.models import LocalScheme, PublicationStatus
from experiences.models import Experience, ExperienceActor, Testimony
from experiences.reading.filters import with_scheme
from experiences.reading.search import order_by_relevance, search_sheets
from mailleurs.grid.models import GridFunction

RELATED_LIMIT = 4


def _involvements():
    """The actors involved, each with its spheres."""
    return ExperienceActor.objects.select_related("actor").prefetch_related("actor__spheres")


def for_cards(sheets):
    """What a card shows: territory, themes, and the spheres of the actors involved."""
    return sheets.select_related("territory__departement").prefetch_related(
        "themes", Prefetch("involvements", queryset=_involvements())
    )


def with_sphere_mix(sheets) -> list[Experience]:
    """The sheets (from `for_cards`) with `sphere_mix`: each sphere of their actors once."""
    items = list(sheets)
    for sheet in items:
        spheres = {}
        for involvement in sheet.involvements.all():
            for sphere in involvement.actor.spheres.all():
                spheres.setdefault(sphere.pk, sphere)
        sheet.sphere_mix = sorted(spheres.values(), key=lambda s: (s.position, s.name))
    return items


def sheet_for_page(*, user, slug: str) -> Experience | None:
    """The sheet at this address with every part it shows, if `user` may see it."""
    sheet = (
        Experience.objects.visible_to(user)
        .select_related(
            "territory__departement", "territory__region", "territory__epci", "contact_actor"
        )
        .prefetch_related(
            "themes",
            "schemes",
            Prefetch("local_schemes", queryset=LocalScheme.objects.select_related("scheme")),
            Prefetch(
                "grid_functions",
                queryset=GridFunction.objects.select_related("axis__version"),
            ),
            Prefetch("involvements", queryset=_involvements()),
            Prefetch("testimonies", queryset=Testimony.objects.select_related("sphere")),
            "images",
            "documents",
            "links",
        )
        .filter(slug=slug)
        .first()
    )
    if sheet is not None:
        # Only a published fiche is linked: the others would be a 404 for most readers.
        for involvement in sheet.involvements.all():
            involvement.actor_is_public = _is_public(involvement.actor)
        sheet.contact_is_public = _is_public(sheet.contact_actor)
    return sheet


def _is_public(actor) -> bool:
    return actor is not None and actor.status == PublicationStatus.PUBLISHED


def related_sheets(sheet: Experience, *, limit: int = RELATED_LIMIT) -> list[Experience]:
    """Published sheets sharing themes, actors, the territory or its département with `sheet`,
    the largest overlap first (one query; `sheet` comes from `sheet_for_page`)."""
    theme_ids = [theme.pk for theme in sheet.themes.all()]
    actor_ids = [involvement.actor_id for involvement in sheet.involvements.all()]
    territory = sheet.territory
    departement_id = territory.pk if territory.kind == "departement" else territory.departement_id
    themes = Experience.themes.through.objects.filter(theme_id__in=theme_ids)
    shared_themes = _count_of(themes.filter(experience_id=OuterRef("pk")))
    shared_actors = _count_of(
        ExperienceActor.objects.filter(experience_id=OuterRef("pk"), actor_id__in=actor_ids)
    )
    near = [When(territory_id=territory.pk, then=Value(2))]
    if departement_id:
        same_departement = Q(territory__departement_id=departement_id) | Q(
            territory_id=departement_id
        )
        near.append(When(same_departement, then=Value(1)))
    place = Case(*near, default=Value(0), output_field=IntegerField())
    return list(
        Experience.objects.published()
        .exclude(pk=sheet.pk)
        .annotate(overlap=shared_themes + shared_actors + place)
        .filter(overlap__gt=0)
        .select_related("territory__departement")
        .order_by("-overlap", F("started_on").desc(nulls_last=True), "sort_title", "pk")[:limit]
    )


def _count_of(rows):
    counted = rows.order_by().values("experience_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def published_involvements() -> Prefetch:
    """An actor's part in published sheets, newest first, as `actor.published_experiences`:
    a Prefetch for the fiche page."""
    return Prefetch(
        "experiences",
        queryset=ExperienceActor.objects.filter(experience__status=PublicationStatus.PUBLISHED)
        .select_related("experience")
        .order_by(
            F("experience__started_on").desc(nulls_last=True),
            "experience__sort_title",
            "experience_id",
        ),
        to_attr="published_experiences",
    )


def sheets_for_scheme(scheme) -> list[Experience]:
    """Published sheets naming the scheme, directly or through one of its local schemes."""
    return list(
        with_scheme(Experience.objects.published(), [scheme])
        .select_related("territory__departement")
        .order_by(F("started_on").desc(nulls_last=True), "sort_title", "pk")
    )


def sheets_in_territory(territory, *, limit: int) -> list[Experience]:
    """Published sheets on the territory or its parts; `limit` + 1 tell whether there are more."""
    return list(
        Experience.objects.published()
        .in_territory(territory)
        .select_related("territory__departement")
        .order_by(F("started_on").desc(nulls_last=True), "sort_title", "pk")[: limit + 1]
    )


def published_sheets_of_functions():
    """For the grid's reference: each function's published sheets, as a Prefetch."""
    return Prefetch(
        "experiences",
        queryset=Experience.objects.published().order_by("sort_title", "pk"),
        to_attr="published_experiences",
    )


def search_for_everyone(*, text: str, user, limit: int = 10):
    """The global search's sheets: (the first `limit` by relevance, how many in all)."""
    found = search_sheets(Experience.objects.visible_to(user), text)
    ranked = order_by_relevance(found).select_related("territory__departement")
    items = list(ranked[: limit + 1])
    total = len(items) if len(items) <= limit else found.count()
    return items[:limit], total


def for_export(sheets):
    """Everything the spreadsheets and the open data write, in a fixed number of queries."""
    return sheets.select_related("territory", "contact_actor").prefetch_related(
        "themes",
        "schemes",
        Prefetch("local_schemes", queryset=LocalScheme.objects.select_related("scheme")),
        Prefetch("grid_functions", queryset=GridFunction.objects.select_related("axis__version")),
        Prefetch("involvements", queryset=_involvements()),
        Prefetch("testimonies", queryset=Testimony.objects.select_related("sphere")),
        "images",
        "documents",
        "links",
    )
