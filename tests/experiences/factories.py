"""Factories of the experience sheets: a published sheet on a commune by default, its actors,
testimonies, images, documents and links."""

import factory
from factory.django import DjangoModelFactory

from experiences.models import (
    CooperationMode,
    Experience,
    ExperienceActor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    Testimony,
)
from tests.actors.factories import ActorFactory, CommuneFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class ExperienceFactory(DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Expérience {n}")
    slug = factory.Sequence(lambda n: f"experience-{n}")
    summary = "Des structures du territoire ont monté ensemble une action pour les habitants."
    territory = factory.SubFactory(CommuneFactory)
    cooperation_mode = CooperationMode.JOINT_ACTION
    status = "published"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def schemes(self, create, extracted, **kwargs):
        if create and extracted:
            self.schemes.set(extracted)

    @factory.post_generation
    def local_schemes(self, create, extracted, **kwargs):
        if create and extracted:
            self.local_schemes.set(extracted)

    @factory.post_generation
    def grid_functions(self, create, extracted, **kwargs):
        if create and extracted:
            self.grid_functions.set(extracted)


class ExperienceActorFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceActor

    experience = factory.SubFactory(ExperienceFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ExperienceActor.Role.PARTNER
    phases = factory.LazyFunction(list)


class TestimonyFactory(DjangoModelFactory):
    __test__ = False  # a factory, not a test class, whatever its name starts with

    class Meta:
        model = Testimony

    experience = factory.SubFactory(ExperienceFactory)
    quote = "On ne se connaissait pas, maintenant on s’appelle."
    speaker_role = "animatrice famille"


class ExperienceImageFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceImage

    experience = factory.SubFactory(ExperienceFactory)
    file = factory.django.ImageField(width=40, height=30, color="green", filename="photo.jpg")
    alt_text = "Des habitants autour d’une table"


class ExperienceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceDocument

    experience = factory.SubFactory(ExperienceFactory)
    file = factory.django.FileField(data=PDF_BYTES, filename="bilan.pdf")
    title = "Bilan de l’action"
    size = len(PDF_BYTES)


class ExperienceLinkFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceLink

    experience = factory.SubFactory(ExperienceFactory)
    url = "https://www.example.org/reportage"
    title = "Le reportage"
