"""Contacts read from the actors file as the export writes them."""

import pytest
from django.urls import reverse

from actors.models import Contact
from tests.actors.factories import ActorFactory, ContactFactory, ProfessionFactory
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db


def test_contacts_are_read_as_the_export_writes_them(vocab, staff_user):
    agent = ProfessionFactory(name="Agent de développement local", slug="agent-dev")
    actor = ActorFactory(name="Tiers-lieu", slug="tiers-lieu")
    ContactFactory(actor=actor, name="Ancien", visibility=Contact.Visibility.MEMBERS)
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "Contacts réservés aux membres"],
            [
                "Tiers-lieu",
                "tiers-lieu",
                "Alex Exemple / Métier : agent de developpement local ; "
                "Sam Exemple / Coordinatrice / Agent de développement local / sam@example.org ; "
                "Lou Exemple / Agent de développement local",
            ],
        ]
    )
    report = import_report(content, user=staff_user)
    assert report.errors == []
    contacts = list(actor.contacts.order_by("position"))
    assert [c.name for c in contacts] == ["Alex Exemple", "Sam Exemple", "Lou Exemple"]
    assert (contacts[0].profession, contacts[0].role) == (agent, "")
    assert (contacts[1].role, contacts[1].profession, contacts[1].email) == (
        "Coordinatrice",
        agent,
        "sam@example.org",
    )
    # Without the « métier : » mark, a lone part is a fonction, even when a métier has its name.
    assert (contacts[2].role, contacts[2].profession) == ("Agent de développement local", None)


def test_a_contact_whose_fonction_is_a_metier_name_exports_and_reads_back_unchanged(
    client, vocab, staff_user
):
    agent = ProfessionFactory(name="Agent de développement local", slug="agent-dev")
    actor = ActorFactory(name="Tiers-lieu", slug="tiers-lieu")
    ContactFactory(actor=actor, name="Lou", role=agent.name, profession=None,
                   visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    ContactFactory(actor=actor, name="Sam", role="", profession=agent,
                   visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    client.force_login(staff_user)
    response = client.get(reverse("actors:actors_export", kwargs={"extension": "csv"}))
    exported = b"".join(response.streaming_content)
    assert "Sam / métier : Agent de développement local" in exported.decode("utf-8")
    report = import_report(exported, user=staff_user)
    assert report.counts["unchanged"] == 1, report.rows


# --- found in review: each of these once gave a wrong result or an error page ---------------


def test_contact_errors_stay_on_their_row(vocab, staff_user):
    actor = ActorFactory(slug="maison")
    long_email = "jean@" + "x" * 250 + ".org"
    content = csv_bytes(
        [
            ["Identifiant", "Contacts publics", "Contacts réservés aux membres"],
            ["maison", f"Jean / {long_email}", " ; ".join(f"P{n}" for n in range(101))],
        ]
    )
    report = import_report(content, user=staff_user, valid_rows_only=True)
    messages = {e["column"]: e["message"] for e in report.errors}
    assert "courriel" in messages["Contacts publics"]
    assert "100 au plus" in messages["Contacts réservés aux membres"]
    assert not actor.contacts.exists()


def test_namesake_contacts_are_kept_apart(vocab, staff_user):
    actor = ActorFactory(slug="maison")
    for phone in ("04 75 00 00 01", "04 75 00 00 02"):
        ContactFactory(actor=actor, name="Accueil", role="", email="", phone=phone,
                       profession=None, visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    content = csv_bytes(
        [
            ["Identifiant", "En une phrase", "Contacts publics"],
            ["maison", "Nouveau", "Accueil / 04 75 00 00 01 ; Accueil / 04 75 00 00 02"],
        ]
    )
    import_report(content, user=staff_user)
    assert actor.contacts.count() == 2
    assert import_report(content, user=staff_user).counts["unchanged"] == 1
