"""The authorization walk: every coalition admin URL, for every role, allowed or denied.

URLs are not listed by hand: they come from each coalition viewset's (and chooser's) own
URL patterns and from the patterns under /admin/coalition/, so a view added later is
walked too, and an unknown kind of view fails the test until it is given a rule.

How Wagtail answers, precisely: an anonymous visitor, or a signed-in person without
admin access (a supporter), is redirected to the admin login; a signed-in admin user
without the permission is redirected to the dashboard with "Sorry, you do not have
permission to access this area."; a record outside the user's reach is not found (404).
"""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode

from amicc.coalition import admin_urls, admin_views
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."
ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]
ANY = {"add", "change", "delete", "view"}

# What the groups of migration 0002 grant, model by model.
GRANTED = {
    "coordinator": {
        Alliance: {"view", "change"},
        Person: {"view", "add", "change"},
        AllianceMembership: {"view", "add", "change"},
        Initiative: {"view", "add", "change"},
    },
    "representative": {MemberOrganization: {"view", "change"}},
}
# The permissions each kind of snippet view asks for (any one of them).
MODEL_VIEWS = {"list": ANY, "list_results": ANY, "add": {"add"}}
OBJECT_VIEWS = {
    "edit": {"change"},
    "delete": {"delete"},
    "history": {"add", "change", "delete"},
    "history_results": {"add", "change", "delete"},
    "usage": {"change"},
    "inspect": ANY,
}


def targets(c) -> dict[type, list[tuple[str, object, set[str]]]]:
    """Per model: (label, record, the roles whose reach includes it)."""
    return {
        Alliance: [("A", c.alliance_a, {"coordinator"}), ("B", c.alliance_b, set())],
        Person: [
            ("A's member", c.member_a, {"coordinator"}),
            ("A's pending sign-up", c.pending_a, set()),
            ("B's member", c.member_b, set()),
        ],
        AllianceMembership: [
            ("A's", c.membership_a, {"coordinator"}),
            ("A's pending", c.pending_membership_a, set()),
            ("B's", c.membership_b, set()),
        ],
        Initiative: [("A's", c.initiative_a, {"coordinator"}), ("B's", c.initiative_b, set())],
        MemberOrganization: [
            ("own", c.organization, {"representative"}),
            ("other", c.other_organization, set()),
        ],
        OrganizationApplication: [("any", c.application, set())],
        StateInterest: [("any", c.interest, set())],
    }


def expect(role: str, model: type, needed: set[str], reached: bool | None) -> str:
    """What `role` gets from a view needing any of `needed`; `reached` is None off records."""
    if role in ("anonymous", "supporter"):
        return LOGIN
    if role in ("staff", "administrator"):
        return OK
    if reached is False:
        return NOT_FOUND
    return OK if GRANTED.get(role, {}).get(model, set()) & needed else DENIED


def outcome(client, response) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(f"{reverse('wagtailadmin_login')}?next="):
            return LOGIN
        # Following the redirect shows (and uses up) the message Wagtail left for it.
        if location == reverse("wagtailadmin_home") and DENIED_MESSAGE in client.get(
            location
        ).content.decode().replace("&#x27;", "'"):
            return DENIED
        return f"redirect to {location}"
    return {200: OK, 404: NOT_FOUND}.get(response.status_code, str(response.status_code))


def login(client, c, role: str) -> None:
    if role != "anonymous":
        client.force_login(getattr(c, role))


def walk(c):
    """(path, model, needed permissions, reaching roles or None for model-level views)."""
    for model, records in targets(c).items():
        viewset = model.snippet_viewset
        for pattern in viewset.get_urlpatterns():
            name = viewset.get_url_name(pattern.name)
            if "pk" in pattern.pattern.converters:
                for _label, record, reaching in records:
                    yield (
                        reverse(name, args=[record.pk]),
                        model,
                        OBJECT_VIEWS[pattern.name],
                        reaching,
                    )
            else:
                yield reverse(name), model, MODEL_VIEWS[pattern.name], None
                if pattern.name == "list":
                    yield f"{reverse(name)}?export=csv", model, ANY, None
                    yield f"{reverse(name)}?export=xlsx", model, ANY, None


@pytest.mark.parametrize("role", ROLES)
def test_every_snippet_view_allows_or_denies_each_role(client, coalition, role):
    login(client, coalition, role)
    checked, wrong = 0, []
    for path, model, needed, reaching in walk(coalition):
        reached = None if reaching is None else role in reaching
        expected = expect(role, model, needed, reached)
        got = outcome(client, client.get(path))
        checked += 1
        if got != expected:
            wrong.append(f"GET {path}: expected {expected}, got {got}")
        if expected != OK and ("/edit/" in path or "/delete/" in path):
            got = outcome(client, client.post(path, {}))
            if got != expected:
                wrong.append(f"POST {path}: expected {expected}, got {got}")
    assert checked > 100
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_choosers_offer_only_the_records_in_reach(client, coalition, role):
    login(client, coalition, role)
    wrong = []
    for model, records in targets(coalition).items():
        chooser = model.snippet_viewset.chooser_viewset
        names = {pattern.name for pattern in chooser.get_urlpatterns()}
        assert names == {"choose", "choose_results", "chosen", "chosen_multiple"}
        listing = [
            client.get(reverse(chooser.get_url_name(name))) for name in ("choose", "choose_results")
        ]
        for label, record, reaching in records:
            chosen = reverse(chooser.get_url_name("chosen"), args=[record.pk])
            several = f"{reverse(chooser.get_url_name('chosen_multiple'))}?id={record.pk}"
            if role in ("anonymous", "supporter"):
                expected = [LOGIN] * 4
                got = [outcome(client, r) for r in listing] + [
                    outcome(client, client.get(chosen)),
                    outcome(client, client.get(several)),
                ]
            else:
                shown = role in ("staff", "administrator") or role in reaching
                expected = [shown] * 4
                chosen_ids = [item["id"] for item in client.get(several).json()["result"]]
                got = [escape(str(record)) in r.content.decode() for r in listing] + [
                    client.get(chosen).status_code == 200,
                    chosen_ids == [str(record.pk)],
                ]
            if got != expected:
                wrong.append(f"{model.__name__} {label}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_bulk_delete_never_reaches_beyond_the_user(client, coalition, role):
    login(client, coalition, role)
    wrong = []
    for model, records in targets(coalition).items():
        for label, record, _reaching in records:
            path = reverse(
                "wagtail_bulk_action", args=["coalition", model._meta.model_name, "delete"]
            )
            path = f"{path}?{urlencode({'id': record.pk})}"
            response = client.get(path)
            expected = {"anonymous": LOGIN, "supporter": LOGIN}.get(
                role, OK if role in ("staff", "administrator") else NOT_FOUND
            )
            got = outcome(client, response)
            if got != expected:
                wrong.append(f"{model.__name__} {label}: expected {expected}, got {got}")
            elif expected == NOT_FOUND and escape(str(record)) in response.content.decode():
                wrong.append(f"{model.__name__} {label}: named on the 404 page")
    assert not wrong, "\n".join(wrong)


def coalition_admin_urls(c):
    """Every pattern under /admin/coalition/, with its arguments filled in."""
    arguments = {
        "application-approve": {"pk": c.application.pk},
        "application-decline": {"pk": c.application.pk},
        "person-export": {"pk": c.member_a.pk},
        "person-erase": {"pk": c.member_a.pk},
    }
    for pattern in [*admin_urls.urlpatterns, *admin_views.urlpatterns]:
        converters = pattern.pattern.converters
        if pattern.name in arguments:
            kwargs = arguments[pattern.name]
        else:  # imports: an upload token nobody has, and a spreadsheet format
            kwargs = {name: {"token": "x" * 32, "file_format": "csv"}[name] for name in converters}
        yield reverse(f"coalition_admin:{pattern.name}", kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_coalition_admin_actions_are_for_staff_only(client, coalition, role):
    login(client, coalition, role)
    wrong = []
    paths = list(coalition_admin_urls(coalition))
    assert len(paths) >= 4
    for path in paths:
        for method in ("get", "post"):
            if method == "post" and role in ("staff", "administrator"):
                continue  # what staff's POSTs do is tested with each action
            got = outcome(client, getattr(client, method)(path))
            if role in ("anonymous", "supporter"):
                ok = got == LOGIN
            elif role in ("coordinator", "representative"):
                ok = got == DENIED
            else:
                ok = got not in (LOGIN, DENIED)
            if not ok:
                wrong.append(f"{method.upper()} {path}: got {got}")
    assert not wrong, "\n".join(wrong)


def test_coordinator_listings_and_exports_hold_only_their_alliance(client, coalition):
    client.force_login(coalition.coordinator)
    c = coalition
    for model, present, absent in [
        (Alliance, [c.alliance_a.name], [c.alliance_b.name]),
        (Person, [c.member_a.name], [c.member_b.name, c.pending_a.name]),
        (AllianceMembership, [c.member_a.name], [c.member_b.name, c.pending_a.name]),
        (Initiative, [c.initiative_a.title], [c.initiative_b.title]),
    ]:
        url = reverse(model.snippet_viewset.get_url_name("list"))
        for query in ("", "?export=csv"):
            content = b"".join(client.get(url + query)).decode()
            assert all(name in content for name in present), (model, query)
            assert not any(name in content for name in absent), (model, query)


def test_representative_sees_and_edits_only_their_organizations_public_profile(client, coalition):
    client.force_login(coalition.representative)
    org = coalition.organization
    slug = org.slug
    listing = client.get(reverse(MemberOrganization.snippet_viewset.get_url_name("list")))
    assert escape(org.name) in listing.content.decode()
    assert escape(coalition.other_organization.name) not in listing.content.decode()

    edit_url = reverse(MemberOrganization.snippet_viewset.get_url_name("edit"), args=[org.pk])
    form = client.get(edit_url).context["form"]
    assert set(form.fields) == {"name", "constituency", "city", "state", "website", "description"}
    response = client.post(
        edit_url,
        {
            "name": org.name,
            "constituency": org.constituency,
            "city": "Boston",
            "state": "MA",
            "website": org.website,
            "description": "New words.",
            "status": "withdrawn",
            "is_listed": "",
            "slug": "hijacked",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.city, org.state, org.description) == ("Boston", "MA", "New words.")
    assert (org.status, org.is_listed, org.slug) == ("active", True, slug)
