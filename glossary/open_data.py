"""The glossary as open data (`/api/glossaire.json`), under the directory's licence."""

from actors.open_data.feeds import licence
from glossary.models import Term


def term_document(term: Term, base_url: str) -> dict:
    return {
        "mot": term.word,
        "slug": term.slug,
        "sigle": term.acronym,
        "variantes": term.variant_list,
        "categorie": term.get_category_display(),
        "definition": term.definition,
        "regards": [
            {"sphere": view.sphere.name, "sphere_slug": view.sphere.slug, "texte": view.text}
            for view in term.views.all()
        ],
        "dispositifs": [
            {"slug": scheme.slug, "url": base_url + scheme.get_absolute_url()}
            for scheme in term.schemes.all()
        ],
        "voir_aussi": [other.slug for other in term.related.all()],
        "ne_pas_confondre_avec": [other.slug for other in term.not_to_confuse.all()],
        "sources": term.source_list,
        "url": base_url + term.get_absolute_url(),
        "version": term.version,
    }


def glossary_document(terms, base_url: str) -> dict:
    return {**licence(), "termes": [term_document(term, base_url) for term in terms]}
