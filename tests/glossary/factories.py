import factory
from factory.django import DjangoModelFactory

from glossary.models import Term, TermComment, TermView
from tests.actors.factories import SphereFactory


class TermFactory(DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("slug",)

    word = factory.Sequence(lambda n: f"Terme {n}")
    slug = factory.Sequence(lambda n: f"terme-{n}")
    definition = "Une définition courte."
    category = Term.Category.NOTION


class TermViewFactory(DjangoModelFactory):
    class Meta:
        model = TermView

    term = factory.SubFactory(TermFactory)
    sphere = factory.SubFactory(SphereFactory)
    text = "Ce que le mot évoque ici."


class TermCommentFactory(DjangoModelFactory):
    class Meta:
        model = TermComment

    term = factory.SubFactory(TermFactory)
    body = factory.Sequence(lambda n: f"Ce que le mot évoque pour moi, message {n}.")
