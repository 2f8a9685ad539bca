"""Where the writing pages send people back to: the sheet's own page."""

from django.urls import NoReverseMatch, reverse


def sheet_url(experience) -> str:
    """The sheet's page (`experiences:detail`); its history page when the reading pages are
    not part of the site (the writing side works on its own)."""
    try:
        return experience.get_absolute_url()
    except NoReverseMatch:
        return reverse("experiences:history", kwargs={"slug": experience.slug})
