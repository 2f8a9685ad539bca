"""schema.org descriptions of the platform's pages, for search engines and partners."""

from actors.models import Actor


def organization(actor: Actor, *, absolute_url: str, themes: list, territories: list) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": actor.name,
        "url": absolute_url,
        "description": actor.pitch,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": actor.address or None,
            "postalCode": actor.postcode or None,
            "addressLocality": actor.commune.name,
            "addressCountry": "FR",
        },
        "areaServed": [territory.name for territory in territories] or None,
        "knowsAbout": [theme.name for theme in themes] or None,
        "alternateName": actor.acronym or None,
        "sameAs": actor.website or None,
        "email": actor.email or None,
        "telephone": actor.phone or None,
        "identifier": (
            {"@type": "PropertyValue", "propertyID": "SIRET", "value": actor.siret}
            if actor.siret
            else None
        ),
    }
    if actor.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": actor.latitude,
            "longitude": actor.longitude,
        }
    data["address"] = {k: v for k, v in data["address"].items() if v is not None}
    return {key: value for key, value in data.items() if value is not None}
