"""A fiche's address, built from one reversed pattern, is the one `reverse` gives: under the
site's root, under a sub-path (SCRIPT_NAME), and for a slug the path would not accept."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from actors.fiche_urls import fiche_url


@pytest.mark.parametrize("prefix", ["/", "/mailleurs/"])
def test_the_address_is_the_reversed_one_under_any_prefix(prefix):
    set_script_prefix(prefix)
    try:
        for slug in ["centre-social-du-diois", "garage_solidaire-2"]:
            assert fiche_url(slug) == reverse("actors:actor_detail", kwargs={"slug": slug})
        assert fiche_url("garage").startswith(f"{prefix}acteurs/")
    finally:
        set_script_prefix("/")


def test_a_slug_the_path_refuses_is_refused_as_before():
    with pytest.raises(NoReverseMatch):
        fiche_url("café du coin")
