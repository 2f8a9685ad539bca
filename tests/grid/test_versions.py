"""New versions of the grid and the correspondence between their criteria."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mailleurs.grid import mapping, services
from mailleurs.grid.models import Criterion, CriterionMapping, GridVersion
from tests.grid.helpers import criterion
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


_criterion = criterion


@pytest.fixture
def version_2(grid_v1, staff_user):
    """A copy of version 1 where 1.1.5 is removed and a criterion 1.1.6 is added."""
    draft = services.version_draft_from(version=grid_v1, user=staff_user)
    _criterion(draft, "1.1.5").delete()
    function = _criterion(draft, "1.1.1").function
    Criterion.objects.create(function=function, number=6, title="Accueillir les nouveaux venus")
    services.version_publish(version=draft, user=staff_user)
    return draft


def test_a_draft_copies_the_grid_and_maps_every_criterion(grid_v1, staff_user):
    draft = services.version_draft_from(version=grid_v1, user=staff_user)
    assert draft.number == 2 and not draft.is_published
    assert draft.criteria.count() == 32
    assert CriterionMapping.objects.filter(target__version=draft).count() == 32
    assert GridVersion.objects.current() == grid_v1


def test_only_staff_prepare_and_publish_versions(grid_v1, member, moderator, staff_user):
    for user in (member, moderator):
        with pytest.raises(PermissionDenied):
            services.version_draft_from(version=grid_v1, user=user)
    draft = services.version_draft_from(version=grid_v1, user=staff_user)
    with pytest.raises(PermissionDenied):
        services.version_publish(version=draft, user=member)
    services.version_publish(version=draft, user=staff_user)
    assert GridVersion.objects.current() == draft
    with pytest.raises(services.GridError, match="déjà publiée"):
        services.version_publish(version=draft, user=staff_user)


def test_the_comparison_says_what_has_no_counterpart(version_2, grid_v1):
    comparison = mapping.compare_versions(older=1, newer=2)
    assert [c.code for c in comparison.dropped] == ["1.1.5"]
    assert [c.code for c in comparison.added] == ["1.1.6"]
    assert len(comparison.pairs) == 31


def test_the_versions_page_shows_the_correspondence(client, version_2):
    assert_page_shows(
        client.get(reverse("grid:versions")),
        "Version 2",
        "Sans équivalent dans cette version",
        "Savoir animer des rencontres",
        "Nouveaux critères, sans équivalent dans la version précédente",
        "Accueillir les nouveaux venus",
    )


def test_translation_follows_several_versions_both_ways(version_2, grid_v1, staff_user):
    version_3 = services.version_draft_from(version=version_2, user=staff_user)
    v1, v3 = _criterion(grid_v1, "2.2.1"), _criterion(version_3, "2.2.1")
    forward = mapping.translation(criteria={v1.pk: 1}, target_number=3)
    assert forward.of(v1.pk) == (v3.pk,)
    backward = mapping.translation(criteria={v3.pk: 3}, target_number=1)
    assert backward.of(v3.pk) == (v1.pk,)
    dropped = _criterion(grid_v1, "1.1.5")
    assert mapping.translation(criteria={dropped.pk: 1}, target_number=3).of(dropped.pk) == ()


def test_a_merge_further_on_does_not_bring_in_unrelated_criteria(version_2, grid_v1, staff_user):
    """Version 3 merges 3.4.1 and 3.4.2: going from 2 back to 1 must not cross version 3."""
    version_3 = services.version_draft_from(version=version_2, user=staff_user)
    merged = _criterion(version_3, "3.4.1")
    _criterion(version_3, "3.4.2").delete()
    CriterionMapping.objects.create(source=_criterion(version_2, "3.4.2"), target=merged)
    v2 = _criterion(version_2, "3.4.1")
    assert mapping.translation(criteria={v2.pk: 2}, target_number=1).of(v2.pk) == (
        _criterion(grid_v1, "3.4.1").pk,
    )
    # …while both older criteria count for the merged one.
    both = mapping.translation(
        criteria={v2.pk: 2, _criterion(version_2, "3.4.2").pk: 2}, target_number=3
    )
    assert set(both.counterparts.values()) == {(merged.pk,)}


def test_staff_prepare_and_publish_from_the_admin(client, grid_v1, staff_user, member):
    client.force_login(member)
    assert (
        "Préparer une nouvelle version"
        not in client.get(reverse("grid:reference")).content.decode()
    )
    client.force_login(staff_user)
    assert_page_shows(client.get(reverse("grid:reference")), "Préparer une nouvelle version")
    url = reverse("admin:grid_gridversion_changelist")
    client.post(url, {"action": "draft_from", "_selected_action": [grid_v1.pk]})
    draft = GridVersion.objects.get(number=2)
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    assert GridVersion.objects.current() == draft
