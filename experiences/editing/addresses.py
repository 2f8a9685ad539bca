"""Where the writing pages send people back to: the sheet's own page."""


def sheet_url(experience) -> str:
    return experience.get_absolute_url()
