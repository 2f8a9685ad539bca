"""The glossary in the browser: members propose, moderators publish, the history tells it, a
version can be restored, and bad input is refused in French with nothing written."""

import pytest
from django.core import mail
from django.urls import reverse

from glossary.editing.forms import VIEW_PREFIX as VIEW
from glossary.models import Term, TermProposal, TermView

pytestmark = pytest.mark.django_db


def _term_post(term: Term, **changes) -> dict:
    """The edit form of `term` as a browser would send it untouched, with `changes`."""
    data = {
        "version": term.version,
        "word": term.word,
        "acronym": term.acronym,
        "variants": term.variants,
        "category": term.category,
        "definition": term.definition,
        "sources": term.sources,
        "schemes": [scheme.pk for scheme in term.schemes.all()],
        "related": [other.pk for other in term.related.all()],
        "not_to_confuse": [other.pk for other in term.not_to_confuse.all()],
    }
    for view in term.views.all():
        data[f"regard_{view.sphere.slug}"] = view.text
    data.update(changes)
    return data


def test_a_member_proposes_a_view_that_a_moderator_publishes(client, glossary, member, moderator):
    ctg = Term.objects.get(slug="ctg")
    client.force_login(member)
    response = client.post(
        reverse("glossary:propose_view", kwargs={"slug": "ctg"}),
        {
            "version": ctg.version,
            "sphere": "citoyennete-collectifs-dhabitants",
            "text": "Un sigle qu’on découvre tard.",
        },
    )
    assert response.status_code == 302
    assert not TermView.objects.filter(
        term=ctg, sphere__slug="citoyennete-collectifs-dhabitants"
    ).exists()
    proposal = TermProposal.objects.get()
    assert proposal.kind == TermProposal.Kind.VIEW and proposal.is_pending

    client.force_login(moderator)
    review = client.get(reverse("glossary:proposal", kwargs={"pk": proposal.pk}))
    assert "Un sigle qu’on découvre tard." in review.content.decode()
    client.post(
        reverse("glossary:proposal", kwargs={"pk": proposal.pk}),
        {"decision": "accepter", "version": ctg.version},
    )
    view = TermView.objects.get(term=ctg, sphere__slug="citoyennete-collectifs-dhabitants")
    assert view.text == "Un sigle qu’on découvre tard."
    assert Term.objects.get(pk=ctg.pk).version == ctg.version + 1
    assert "acceptée" in mail.outbox[-1].body and mail.outbox[-1].to == [member.email]

    history = client.get(reverse("glossary:history", kwargs={"slug": "ctg"})).content.decode()
    assert "Regard : " in history and "Un sigle qu’on découvre tard." in history
    assert f"Proposition de {member.username} acceptée par {moderator.username}" in history


def test_a_moderator_edits_a_term_directly_and_a_stale_form_writes_nothing(
    client, glossary, moderator
):
    ctg = Term.objects.get(slug="ctg")
    client.force_login(moderator)
    url = reverse("glossary:edit", kwargs={"slug": "ctg"})
    response = client.post(url, _term_post(ctg, definition="Nouvelle définition."))
    assert response.status_code == 302
    ctg.refresh_from_db()
    assert ctg.definition == "Nouvelle définition." and ctg.updated_by == moderator

    stale = client.post(url, _term_post(ctg, version=ctg.version - 1, definition="Écrasée ?"))
    assert stale.status_code == 409
    assert "Quelqu’un a modifié ce terme" in stale.content.decode()
    ctg.refresh_from_db()
    assert ctg.definition == "Nouvelle définition."


def test_a_new_term_proposed_by_a_member_is_published_under_its_own_address(
    client, glossary, member, moderator
):
    client.force_login(member)
    response = client.post(
        reverse("glossary:propose"),
        {"word": "Pair-aidance", "category": "notion", "definition": "Un soutien entre pairs.",
         f"{VIEW}citoyennete-collectifs-dhabitants": "Un endroit où l’on se retrouve."},
    )  # fmt: skip
    assert response.status_code == 302
    assert not Term.objects.filter(word="Pair-aidance").exists()
    proposal = TermProposal.objects.get()
    client.force_login(moderator)
    client.post(reverse("glossary:proposal", kwargs={"pk": proposal.pk}), {"decision": "accepter"})
    term = Term.objects.get(word="Pair-aidance")
    assert term.slug == "pair-aidance" and term.version == 1
    assert term.views.get().text == "Un endroit où l’on se retrouve."
    assert term.history.first().history_user == member


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"word": "conventions territoriales globales"}, "est déjà dans le glossaire"),
        ({"word": "Autre mot", "acronym": "ctg"}, "est déjà dans le glossaire"),
        ({"word": "Autre mot", "variants": "Espaces de vie sociale"}, "est déjà dans le glossaire"),
    ],
)
def test_a_spelling_another_term_has_is_refused_in_french(
    client, glossary, moderator, changes, message
):
    client.force_login(moderator)
    data = {"category": "notion", "definition": "Définition.", **changes}
    response = client.post(reverse("glossary:propose"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Term.objects.filter(word=changes["word"]).exists()


def test_a_term_cannot_be_both_see_also_and_not_to_confuse(client, glossary, moderator):
    ctg, evs = Term.objects.get(slug="ctg"), Term.objects.get(slug="evs")
    client.force_login(moderator)
    data = _term_post(ctg, related=[evs.pk], not_to_confuse=[evs.pk])
    response = client.post(reverse("glossary:edit", kwargs={"slug": "ctg"}), data)
    assert response.status_code == 400
    assert "à la fois dans « voir aussi » et dans « ne pas confondre avec »" in (
        response.content.decode()
    )
    assert not ctg.not_to_confuse.filter(pk=evs.pk).exists()


def test_an_empty_view_is_refused_and_nothing_is_proposed(client, glossary, member):
    client.force_login(member)
    response = client.post(
        reverse("glossary:propose_view", kwargs={"slug": "ctg"}),
        {"version": 1, "sphere": "citoyennete-collectifs-dhabitants", "text": "   "},
    )
    assert response.status_code == 400
    assert "Ce regard est vide" in response.content.decode()
    assert not TermProposal.objects.exists()


def test_refusing_needs_a_comment_and_tells_the_author(client, glossary, member, moderator):
    client.force_login(member)
    client.post(
        reverse("glossary:propose_view", kwargs={"slug": "ctg"}),
        {"version": 1, "sphere": "citoyennete-collectifs-dhabitants", "text": "Un texte."},
    )
    proposal = TermProposal.objects.get()
    client.force_login(moderator)
    url = reverse("glossary:proposal", kwargs={"pk": proposal.pk})
    without = client.post(url, {"decision": "refuser"})
    assert "Expliquez en un mot" in without.content.decode()
    client.post(url, {"decision": "refuser", "commentaire": "Trop court."})
    proposal.refresh_from_db()
    assert proposal.status == TermProposal.Status.REJECTED
    assert "refusée" in mail.outbox[-1].body and "Trop court." in mail.outbox[-1].body


def test_a_moderator_restores_an_earlier_version_with_its_views(client, glossary, moderator):
    ctg = Term.objects.get(slug="ctg")
    before_definition = ctg.definition
    before_view = ctg.views.get(sphere__slug="action-sociale").text
    client.force_login(moderator)
    client.post(
        reverse("glossary:edit", kwargs={"slug": "ctg"}),
        _term_post(ctg, definition="Changée.", **{"regard_action-sociale": "Changé aussi."}),
    )
    ctg.refresh_from_db()
    assert ctg.definition == "Changée."
    earlier = ctg.history.order_by("history_date")[0]
    client.post(
        reverse("glossary:restore", kwargs={"slug": "ctg", "history_id": earlier.history_id})
    )
    ctg.refresh_from_db()
    assert ctg.definition == before_definition
    assert ctg.views.get(sphere__slug="action-sociale").text == before_view


@pytest.mark.parametrize(
    ("who", "name", "expected"),
    [
        (None, "glossary:propose", 302),
        ("member", "glossary:propose", 200),
        ("member", "glossary:proposals", 403),
        ("moderator", "glossary:proposals", 200),
        (None, "glossary:history", 302),
        ("member", "glossary:history", 200),
    ],
)
def test_who_reaches_the_editing_pages(client, glossary, member, moderator, who, name, expected):
    if who:
        client.force_login({"member": member, "moderator": moderator}[who])
    kwargs = {"slug": "ctg"} if name == "glossary:history" else {}
    assert client.get(reverse(name, kwargs=kwargs)).status_code == expected


def test_a_member_cannot_restore_a_version(client, glossary, member):
    record = Term.objects.get(slug="ctg").history.first()
    client.force_login(member)
    url = reverse("glossary:restore", kwargs={"slug": "ctg", "history_id": record.history_id})
    assert client.post(url).status_code == 403


def test_the_moderation_page_counts_the_glossary_proposals(client, glossary, member, moderator):
    client.force_login(member)
    client.post(
        reverse("glossary:propose_view", kwargs={"slug": "ctg"}),
        {"version": 1, "sphere": "citoyennete-collectifs-dhabitants", "text": "Un texte."},
    )
    client.force_login(moderator)
    page = client.get(reverse("actors:moderation")).content.decode()
    assert "1 proposition pour le glossaire" in page
