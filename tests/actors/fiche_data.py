"""POST data of the fiche form (actors:actor_create, actors:actor_edit), built from the
`world` fixture (tests/conftest.py): shared by the tests that create or edit fiches."""


def form_data(world, **overrides):
    """A new fiche, valid as it is; ``overrides`` replace or add fields."""
    data = {
        "name": "Centre social des Trois Rivières",
        "acronym": "",
        "actor_type": world["type"].pk,
        "spheres": [world["sphere"].pk],
        "pitch": "Accueil et animation pour les familles du Diois.",
        "description": "",
        "missions": "",
        "address": "",
        "postcode": "26150",
        "commune": "26113",
        "latitude": "",
        "longitude": "",
        "intervention_territories": "",
        "website": "",
        "email": "",
        "phone": "",
        "siret": "",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


def edit_data(world, actor, **overrides):
    """The edit form of ``actor`` as it opens (its version and contacts included), then
    ``overrides``."""
    contacts = list(actor.contacts.all())
    data = form_data(
        world,
        name=actor.name,
        pitch=actor.pitch,
        version=str(actor.version),
        **{
            "contacts-TOTAL_FORMS": str(len(contacts)),
            "contacts-INITIAL_FORMS": str(len(contacts)),
        },
    )
    for index, contact in enumerate(contacts):
        data.update(
            {
                f"contacts-{index}-id": str(contact.pk),
                f"contacts-{index}-name": contact.name,
                f"contacts-{index}-role": contact.role,
                f"contacts-{index}-email": contact.email,
                f"contacts-{index}-phone": contact.phone,
                f"contacts-{index}-visibility": contact.visibility,
            }
        )
    data.update(overrides)
    return data


OWN_TEXTS = ("acronym", "address", "postcode", "website", "email", "phone", "siret")


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def browser_edit_data(world, actor, **overrides):
    """The edit form of ``actor`` as a browser sends it back untouched: the commune and the
    territories as the form shows them, the point it holds, long texts with CRLF line endings;
    then ``overrides``."""
    territories = ", ".join(f"{t.name} ({t.key})" for t in actor.intervention_territories.all())
    data = edit_data(
        world,
        actor,
        commune=f"{actor.commune.name} ({actor.commune.key})",
        intervention_territories=territories,
        latitude=repr(actor.latitude),
        longitude=repr(actor.longitude),
        description=_crlf(actor.description),
        missions=_crlf(actor.missions),
        spheres=[sphere.pk for sphere in actor.spheres.all()],
        **{name: getattr(actor, name) for name in OWN_TEXTS},
    )
    data.update(overrides)
    return data
