"""The published experience sheets as open data (`/api/experiences.json`), under the
directory's licence. A sheet's document says everything its page shows."""

from django.utils import timezone

from actors.models import PublicationStatus
from actors.open_data.feeds import licence
from experiences.reading.presentation import function_url


def _actor(involvement, base_url: str) -> dict:
    actor = involvement.actor
    public = actor.status == PublicationStatus.PUBLISHED
    return {
        "id": actor.slug if public else None,
        "nom": actor.name,
        "role": involvement.get_role_display(),
        "phases": involvement.phase_labels(),
        "confirme": involvement.confirmed_at is not None,
        "spheres": [sphere.name for sphere in actor.spheres.all()],
        "url": base_url + actor.get_absolute_url() if public else None,
    }


def _media(sheet, base_url: str) -> dict:
    return {
        "images": [
            {"url": base_url + image.file.url, "texte_alternatif": image.alt_text,
             "legende": image.caption}
            for image in sheet.images.all()
        ],
        "documents": [
            {"titre": document.title, "url": base_url + document.file.url,
             "taille_octets": document.size}
            for document in sheet.documents.all()
        ],
        "liens": [
            {"titre": link.title, "url": link.url, "site": link.host, "video": link.is_video}
            for link in sheet.links.all()
        ],
    }  # fmt: skip


def experience_document(sheet, *, base_url: str) -> dict:
    """Expects the sheet from `selectors.for_export`."""
    territory = sheet.territory
    return {
        "id": sheet.slug,
        "titre": sheet.title,
        "resume": sheet.summary,
        "territoire": {"code": territory.key, "nom": territory.name,
                       "type": territory.get_kind_display()},
        "debut": sheet.started_on.isoformat() if sheet.started_on else None,
        "fin": sheet.ended_on.isoformat() if sheet.ended_on else None,
        "thematiques": [theme.name for theme in sheet.themes.all()],
        "mode_cooperation": sheet.get_cooperation_mode_display(),
        "acteurs": [_actor(involvement, base_url) for involvement in sheet.involvements.all()],
        "dispositifs": [{"id": s.slug, "nom": s.display_name,
                         "url": base_url + s.get_absolute_url()} for s in sheet.schemes.all()],
        "dispositifs_locaux": [{"id": local.slug, "nom": local.name,
                                "url": base_url + local.get_absolute_url()}
                               for local in sheet.local_schemes.all()],
        "fonctions_grille": [{"code": f.code, "titre": f.title, "url": base_url + function_url(f)}
                             for f in sheet.grid_functions.all()],
        "besoin": sheet.need,
        "demarche": sheet.steps,
        "resultats": sheet.results,
        "leviers": sheet.lever_list,
        "freins": sheet.blocker_list,
        "pour_le_refaire": sheet.conditions,
        "cout": sheet.cost,
        "financements": sheet.funding,
        "temoignages": [
            {"citation": t.quote, "qui": t.speaker_role,
             "sphere": t.sphere.name if t.sphere else None, "nom": t.shown_name or None}
            for t in sheet.testimonies.all()
        ],
        **_media(sheet, base_url),
        "contact": sheet.contact_actor.name if sheet.contact_actor else None,
        "exemple_illustratif": sheet.is_illustrative,
        "date_maj": timezone.localtime(sheet.updated_at).date().isoformat(),
        "url": base_url + sheet.get_absolute_url(),
    }  # fmt: skip


def experiences_document(sheets, *, base_url: str) -> dict:
    return {
        **licence(),
        "experiences": [experience_document(sheet, base_url=base_url) for sheet in sheets],
    }
