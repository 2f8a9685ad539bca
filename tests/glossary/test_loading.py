"""The reference glossary loads, then loads again without duplicating nor adding versions."""

import pytest
from django.core.management import call_command

from glossary.models import Term, TermView
from glossary.services import GlossaryDataError, load_glossary
from tests.glossary.conftest import glossary_data

pytestmark = pytest.mark.django_db


def test_the_reference_glossary_loads_with_views_schemes_and_links(reference):
    counts = load_glossary(glossary_data())
    assert counts["termes"]["created"] == Term.objects.count() >= 15
    ctg = Term.objects.get(slug="ctg")
    assert list(ctg.schemes.values_list("slug", flat=True)) == ["ctg"]
    assert ctg.views.count() >= 2
    copil = Term.objects.get(slug="copil")
    assert list(copil.not_to_confuse.values_list("slug", flat=True)) == ["cotech"]
    # « ne pas confondre avec » goes both ways
    cotech = Term.objects.get(slug="cotech")
    assert list(cotech.not_to_confuse.values_list("slug", flat=True)) == ["copil"]


def test_every_term_has_two_sphere_views_or_more(reference):
    load_glossary(glossary_data())
    assert all(term.views.count() >= 2 for term in Term.objects.all())


def test_the_glossary_covers_the_jargon_with_views_that_differ(reference):
    """The working group asks for the words of every sphere, each read from several of them:
    at least 40 terms, and at least 10 whose sphere views say different things."""
    load_glossary(glossary_data())
    assert Term.objects.count() >= 40
    differing = [
        term
        for term in Term.objects.prefetch_related("views")
        if len({view.text.strip() for view in term.views.all()}) >= 2
    ]
    assert len(differing) >= 10


def test_loading_twice_changes_nothing(reference):
    load_glossary(glossary_data())
    histories = Term.history.count()
    views = TermView.objects.count()
    counts = load_glossary(glossary_data())
    assert counts["termes"]["created"] == counts["termes"]["updated"] == 0
    assert Term.history.count() == histories
    assert TermView.objects.count() == views
    assert Term.objects.get(slug="ctg").version == 1


def test_a_changed_definition_updates_the_term_and_its_version(reference):
    data = glossary_data()
    load_glossary(data)
    data["terms"][0]["definition"] = "Une autre définition."
    counts = load_glossary(data)
    assert counts["termes"]["updated"] == 1
    term = Term.objects.get(slug=data["terms"][0]["slug"])
    assert term.definition == "Une autre définition." and term.version == 2


def test_an_unknown_sphere_is_refused_and_nothing_is_written(reference):
    data = {"terms": [{**glossary_data()["terms"][0], "views": {"inconnue": "Texte"}}]}
    with pytest.raises(GlossaryDataError, match="sphère inconnue"):
        load_glossary(data)
    assert not Term.objects.exists()


def test_the_command_reports_what_it_did(reference, capsys):
    call_command("load_glossary")
    call_command("load_glossary")
    assert "0 créé(s), 0 modifié(s)" in capsys.readouterr().out
