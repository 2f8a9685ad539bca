"""No page of the site answers 500 (or raises), whatever its query string or form body, for a
visitor, a member, a moderator or the staff.

The URLs come from the URL resolver (tests/mailleurs/site_map.py, with real objects for their
arguments); the forms and their fields are read on the pages themselves. Every page and every
form is tried once per role as it comes; then hostile values (numbers in other scripts, too
large, line breaks, NUL…) in every parameter and field, as the staff; then Hypothesis sends
random query strings to random pages and random bodies to random forms, as each role
(NO_SERVER_ERROR_EXAMPLES examples per test and role, 30 by default). Each request runs in a
transaction rolled back afterwards, so a POST that archives or deletes leaves the next ones the
same site."""

import os
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mailleurs.site_map import (
    EXTRA_FIELDS,
    QUERY_KEYS_OF,
    Form,
    forms_on,
    merge_forms,
    route_urls,
    site_objects,
    site_routes,
)

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "member", "moderator", "staff")
PROFILE = "no-server-error"
settings.register_profile(
    PROFILE,
    max_examples=int(os.environ.get("NO_SERVER_ERROR_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZING = settings(settings.get_profile(PROFILE))

# Text of every kind: control characters, line breaks, other scripts' digits, emoji… (no lone
# surrogates, which no browser sends).
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
# Values that look like what a parameter expects and are not (numbers in other scripts, too
# large, not finite, text with line breaks or NUL…).
HOSTILE_VALUES = [
    "", " ", "-1", "99999999999999999999", "1e309", "NaN", "inf", "²", "①", "٣", "１",
    "a\r\nb", "a\x00b", "<img src=x onerror=alert(1)>", "' OR 1=1 --", "4.8,44.5,5.5,45,9",
]  # fmt: skip
# The few tried in every field of every form (each form takes longer than a page).
HOSTILE_FIELD_VALUES = ["", "99999999999999999999", "²", "a\r\nb", "<img src=x onerror=alert(1)>"]
ODD_VALUES = [
    *HOSTILE_VALUES, "0", "1", "2", "%00", "26113", "R84", "26", "accepter", "refuser", "oui",
    "non", "valides", "csv", "2024-01-01", "2024-13-45", "44.75,5.37,9", "4.8,44.5,5.5,45",
    "themes", "acteurs", "centre-social", "epicerie",
]  # fmt: skip
# Parameters any page may read from the query string.
QUERY_KEYS = ["page", "next", "q", "format", "texte", "kind", "echelle", "annee", "etat"]


class Site:
    """The objects, the address of every route with each of its arguments, and the values
    worth trying (ids and slugs of the objects)."""

    def __init__(self, objects):
        self.objects = objects
        self.urls = {route.name: route_urls(route, objects) for route in site_routes()}
        self.values = [str(obj.pk) for obj in objects["actors"] + objects["memberships"]]
        self.values += [actor.slug for actor in objects["actors"]]


# The forms are the same from one test to the next: read once (their choices' ids may then be
# stale, which is one more kind of wrong input).
_FORMS_READ: dict[str, Form] = {}


@pytest.fixture
def site(db, member, moderator, staff_user):
    return Site(site_objects(member=member, moderator=moderator, staff_user=staff_user))


@pytest.fixture
def as_role(client, member, moderator, staff_user):
    users = {"member": member, "moderator": moderator, "staff": staff_user}

    def sign_in(role: str):
        client.logout()
        if role != "visitor":
            client.force_login(users[role])
        return client

    return sign_in


@contextmanager
def rolled_back():
    """One example: whatever it writes is undone, and the cache (throttles, counts) emptied."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _answered(response, what) -> int:
    """The status, once the whole body is produced (exports and feeds stream it). The test
    client closes the response itself (without closing the database connection)."""
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code < 500, (what, response.status_code)
    return response.status_code


def _read_forms(site: Site, as_role) -> dict[str, Form]:
    """Every page as each role, once: no 500, and the forms they show."""
    found: list[Form] = []
    post_only: set[str] = set()
    for role in ROLES:
        client = as_role(role)
        for name, urls in site.urls.items():
            for url in urls:
                with rolled_back():
                    response = client.get(url, follow=True)
                    status = _answered(response, (role, "GET", url))
                if status == 405:
                    post_only.add(name)
                elif "html" in response.get("Content-Type", ""):
                    found += forms_on(response.request["PATH_INFO"], response.content.decode())
    forms = merge_forms(found)
    for name in post_only | set(EXTRA_FIELDS):
        forms.setdefault(f"post {name}", Form(name, "post"))
    for name, fields in EXTRA_FIELDS.items():
        forms[f"post {name}"].fields.update(fields)
    return forms


def site_forms(site: Site, as_role) -> dict[str, Form]:
    if not _FORMS_READ:
        _FORMS_READ.update(_read_forms(site, as_role))
    return _FORMS_READ


def _first_values(form: Form) -> dict:
    return {name: values[0] for name, values in form.fields.items() if values and values[0]}


def test_every_page_and_every_form_as_each_role(site, as_role):
    _FORMS_READ.clear()
    forms = site_forms(site, as_role)
    posted = [form for form in forms.values() if form.method == "post"]
    assert len(posted) >= 25, sorted(forms)
    for role in ROLES:
        client = as_role(role)
        for form in posted:
            for url in site.urls[form.route]:
                with rolled_back():
                    _answered(client.post(url, _first_values(form)), (role, "POST", url))
                as_role(role)  # a sign-out form signs out


def test_hostile_values_in_every_known_parameter_and_field(site, as_role):
    """Each hostile value in all the parameters a page is known to read at once (its search
    form's fields, or those listed in site_map.QUERY_KEYS_OF), then in all the fields of each
    form, as the staff (who may use every form)."""
    forms = site_forms(site, as_role)
    client = as_role("staff")
    for name, urls in site.urls.items():
        form = forms.get(f"get {name}")
        keys = [*(form.fields if form else ()), *QUERY_KEYS_OF.get(name, ())]
        for value in HOSTILE_VALUES if keys else ():
            with rolled_back():
                _answered(client.get(urls[0], dict.fromkeys(keys, value)), (name, value))
    for form in forms.values():
        for value in HOSTILE_FIELD_VALUES if form.method == "post" else ():
            url = site.urls[form.route][0]
            with rolled_back():
                _answered(client.post(url, dict.fromkeys(form.fields, value)), (url, value))
            as_role("staff")  # a sign-out form signs out


def _value(site: Site, choices=()):
    known = list(dict.fromkeys([*choices, *ODD_VALUES, *site.values]))
    return st.one_of(st.sampled_from(known), TEXT, st.integers().map(str))


@st.composite
def query_strings(draw, site: Site, route: str, form: Form | None):
    """Parameters of the route (its search form's fields, or those it is known to read) most
    often, then any page's, then any text."""
    own = [*(form.fields if form else ()), *QUERY_KEYS_OF.get(route, ())] or QUERY_KEYS
    key = st.sampled_from(own) | st.sampled_from(own) | st.sampled_from(QUERY_KEYS) | TEXT
    pairs = draw(st.lists(st.tuples(key, _value(site)), max_size=6))
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


@st.composite
def form_bodies(draw, site: Site, form: Form):
    """The form's fields, each kept, changed, doubled or left out, plus unknown ones."""
    body: dict = {}
    for name, seen in form.fields.items():
        how = draw(st.sampled_from(["keep", "change", "change", "many", "omit"]))
        if how == "keep" and seen:
            body[name] = seen[0]
        elif how == "change":
            body[name] = draw(_value(site, seen))
        elif how == "many":
            body[name] = draw(st.lists(_value(site, seen), min_size=2, max_size=3))
    for name in form.files:
        if draw(st.booleans()):
            content = draw(st.binary(max_size=300) | TEXT.map(str.encode))
            filename = draw(st.sampled_from(["a.csv", "a.xlsx", "a.ods", "a.txt", ""]))
            body[name] = SimpleUploadedFile(filename or "sans-nom", content)
    body.update(draw(st.dictionaries(TEXT, _value(site), max_size=3)))
    return body


@pytest.mark.parametrize("role", ROLES)
@FUZZING
@given(data=st.data())
def test_random_query_strings_never_give_a_server_error(site, as_role, role, data):
    forms = site_forms(site, as_role)
    name = data.draw(st.sampled_from(sorted(site.urls)), label="route")
    url = data.draw(st.sampled_from(site.urls[name]), label="url")
    query = data.draw(query_strings(site, name, forms.get(f"get {name}")), label="query")
    headers = data.draw(st.sampled_from([{}, {"HX-Request": "true"}]), label="headers")
    client = as_role(role)
    with rolled_back():
        _answered(client.get(url, query, headers=headers), (role, "GET", url, query))


@pytest.mark.parametrize("role", ROLES)
@FUZZING
@given(data=st.data())
def test_random_form_bodies_never_give_a_server_error(site, as_role, role, data):
    forms = site_forms(site, as_role)
    posted = sorted(key for key, form in forms.items() if form.method == "post")
    form = forms[data.draw(st.sampled_from(posted), label="form")]
    url = data.draw(st.sampled_from(site.urls[form.route]), label="url")
    body = data.draw(form_bodies(site, form), label="body")
    client = as_role(role)
    with rolled_back():
        _answered(client.post(url, body), (role, "POST", url, body))
