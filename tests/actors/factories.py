import factory
from factory.django import DjangoModelFactory

from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("key",)

    kind = Territory.Kind.REGION
    code = "84"
    key = "R84"
    name = "Auvergne-Rhône-Alpes"
    slug = "auvergne-rhone-alpes"
    latitude = 45.76
    longitude = 4.83


class DepartementFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("key",)

    kind = Territory.Kind.DEPARTEMENT
    code = "26"
    key = "26"
    name = "Drôme"
    slug = "drome"
    region = factory.SubFactory(RegionFactory)
    latitude = 44.93
    longitude = 4.89


class EpciFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("key",)

    kind = Territory.Kind.EPCI
    code = "242600252"
    key = "242600252"
    name = "CC du Diois"
    slug = "cc-du-diois"
    departement = factory.SubFactory(DepartementFactory)
    region = factory.SelfAttribute("departement.region")


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("key",)

    kind = Territory.Kind.COMMUNE
    code = factory.Sequence(lambda n: f"26{n:03d}")
    key = factory.SelfAttribute("code")
    name = factory.Sequence(lambda n: f"Commune {n}")
    slug = factory.LazyAttribute(lambda o: f"commune-{o.code}")
    departement = factory.SubFactory(DepartementFactory)
    region = factory.SelfAttribute("departement.region")
    population = 1200
    postcodes = "26150"
    latitude = 44.75
    longitude = 5.37


class SphereFactory(DjangoModelFactory):
    class Meta:
        model = Sphere
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sphère {n}")
    slug = factory.Sequence(lambda n: f"sphere-{n}")
    color = "#0072b2"


class ActorTypeFactory(DjangoModelFactory):
    class Meta:
        model = ActorType
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.Sequence(lambda n: f"type-{n}")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class CompetenceFactory(DjangoModelFactory):
    class Meta:
        model = Competence

    name = factory.Sequence(lambda n: f"Compétence {n}")
    slug = factory.Sequence(lambda n: f"competence-{n}")


class ProfessionFactory(DjangoModelFactory):
    class Meta:
        model = Profession

    name = factory.Sequence(lambda n: f"Métier {n}")
    slug = factory.Sequence(lambda n: f"metier-{n}")


def add_in_order(links, values) -> None:
    """Link `values` in the order given, as the site does (exports and pages list links in
    that order); `.set()` would add them in the order of a Python set of ids."""
    for value in values:
        links.add(value)


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Structure {n}")
    slug = factory.Sequence(lambda n: f"structure-{n}")
    actor_type = factory.SubFactory(ActorTypeFactory)
    pitch = "Accompagne les habitants et les associations du territoire."
    commune = factory.SubFactory(CommuneFactory)
    status = "published"
    is_fictional = True

    @factory.post_generation
    def spheres(self, create, extracted, **kwargs):
        if create:
            # Links set right after creation belong to the creation, as in the edit service.
            self.skip_history_when_saving = True
            add_in_order(self.spheres, extracted if extracted is not None else [SphereFactory()])
            del self.skip_history_when_saving

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.skip_history_when_saving = True
            add_in_order(self.themes, extracted)
            del self.skip_history_when_saving


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Camille Exemple {n}")
    role = "Coordinatrice"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "04 65 71 00 00"
    visibility = Contact.Visibility.PUBLIC


class SchemeFactory(DjangoModelFactory):
    class Meta:
        model = Scheme
        django_get_or_create = ("slug",)

    name = "Convention territoriale globale"
    acronym = "CTG"
    slug = "ctg"
    family = Scheme.Family.SOCIAL
    description = "Un accord entre la CAF et une collectivité sur les services aux familles."
    national_carrier = "Caisse nationale des allocations familiales (CNAF)"


class LocalSchemeFactory(DjangoModelFactory):
    class Meta:
        model = LocalScheme
        skip_postgeneration_save = True

    scheme = factory.SubFactory(SchemeFactory)
    name = factory.Sequence(lambda n: f"CTG du territoire {n} 2023-2027")
    slug = factory.Sequence(lambda n: f"ctg-territoire-{n}")

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if create:
            self.territories.set(extracted if extracted is not None else [EpciFactory()])


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    local_scheme = factory.SubFactory(LocalSchemeFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Participation.Role.PARTENAIRE


class RelationFactory(DjangoModelFactory):
    class Meta:
        model = Relation

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    kind = Relation.Kind.PARTENARIAT
