"""Poll design in the admin: who reaches which poll, and the rules of a poll's design."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.polls.choices import AGREEMENT_SCALE, PollScope, QuestionKind
from amicc.polls.models import Poll, PollOption, PollQuestion
from amicc.polls.tests.factories import PollResponseFactory, make_poll

pytestmark = pytest.mark.django_db

LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"


def url(name: str, *args) -> str:
    return reverse(Poll.snippet_viewset.get_url_name(name), args=args)


def when(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def question(text="Should the US join the ICC?", kind=QuestionKind.SINGLE, labels=("Yes", "No")):
    options = [{"label": label, "id": ""} for label in labels]
    return {
        "text": text,
        "kind": kind,
        "required": "on",
        "help_text": "",
        "id": "",
        "options": inline_formset(options),
    }


def form_data(*, questions=None, areas=(), **overrides) -> dict:
    fields = {
        "title": "The ICC and you",
        "slug": "the-icc-and-you",
        "introduction": "Five minutes of your time.",
        "alliance": "",
        "scope": PollScope.NATIONAL,
        "opens_at": when(0),
        "closes_at": when(30),
        "min_cell_size": "10",
        "questions": inline_formset(questions if questions is not None else [question()]),
        "areas": inline_formset([{"state": s, "district": d, "id": ""} for s, d in areas]),
        **overrides,
    }
    return nested_form_data(fields)


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED
    return {200: OK, 403: DENIED, 404: NOT_FOUND}.get(response.status_code, "other")


@pytest.fixture
def polls(coalition) -> dict[str, Poll]:
    q = [(QuestionKind.SINGLE, "Join the ICC?", ["Yes", "No"])]
    return {
        "a": make_poll(questions=q, alliance=coalition.alliance_a, title="Able poll"),
        "b": make_poll(questions=q, alliance=coalition.alliance_b, title="Baker poll"),
        "staff": make_poll(questions=q, title="Coalition poll"),
    }


def test_the_roles_hold_the_poll_permissions():
    for name in ("Alliance coordinators", "Coalition staff", "Administrators"):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="polls")
            .values_list("codename", flat=True)
        )
        assert {f"{a}_poll" for a in ("add", "change", "view", "delete")} <= codenames
        assert {"add_pollquestion", "add_polloption", "add_pollarea"} <= codenames
    staff = Group.objects.get(name="Coalition staff").permissions
    assert staff.filter(codename="change_districtpopulationmargin").exists()
    coordinators = Group.objects.get(name="Alliance coordinators").permissions
    assert not coordinators.filter(codename__endswith="_pollresponse").exists()
    representatives = Group.objects.get(name="Organization representatives")
    assert not representatives.permissions.filter(content_type__app_label="polls").exists()


ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_every_poll_view_allows_or_denies_each_role(client, coalition, polls, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    reaching = {"a": {"coordinator"}, "b": set(), "staff": set()}
    viewset, wrong = Poll.snippet_viewset, []
    for pattern in viewset.get_urlpatterns():
        records = reaching if "pk" in pattern.pattern.converters else {None: None}
        for label, roles in records.items():
            path = reverse(
                viewset.get_url_name(pattern.name), args=[polls[label].pk] if label else []
            )
            if role in ("anonymous", "supporter"):
                expected = LOGIN
            elif role in ("staff", "administrator") or (roles and role in roles):
                expected = OK
            elif role == "representative":
                expected = NOT_FOUND if label else DENIED  # nothing in their reach
            else:
                expected = NOT_FOUND if label else OK
            if (got := outcome(client.get(path))) != expected:
                wrong.append(f"{path}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_coordinator_lists_only_their_alliances_polls(client, coalition, polls):
    client.force_login(coalition.coordinator)
    listed = list(client.get(url("list")).context["object_list"])
    assert listed == [polls["a"]]


def test_the_listing_runs_bounded_queries(client, coalition, polls, django_assert_max_num_queries):
    client.force_login(coalition.staff)
    client.get(url("list"))
    for _ in range(5):
        make_poll(questions=[(QuestionKind.TEXT, "Why?", [])])
    with django_assert_max_num_queries(40):
        assert client.get(url("list")).status_code == 200


def test_staff_create_a_coalition_poll_with_nested_options(client, coalition):
    client.force_login(coalition.staff)
    assert client.get(url("add")).status_code == 200
    questions = [question(), question("The ICC deters atrocities.", QuestionKind.AGREEMENT, ())]
    response = client.post(url("add"), form_data(questions=questions))
    assert response.status_code == 302, response.context["form"].errors
    poll = Poll.objects.get()
    assert poll.alliance is None and poll.created_by == coalition.staff
    single, agreement = poll.questions.order_by("sort_order")
    assert list(single.options.values_list("label", flat=True)) == ["Yes", "No"]
    labels = agreement.options.order_by("sort_order").values_list("label", flat=True)
    assert list(labels) == list(AGREEMENT_SCALE)
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(poll.pk)).exists()


def test_agreement_labels_typed_are_replaced_by_the_scale(client, coalition):
    client.force_login(coalition.staff)
    agreement = question("Agree?", QuestionKind.AGREEMENT, ("Yes", "Sort of"))
    assert client.post(url("add"), form_data(questions=[agreement])).status_code == 302
    labels = PollOption.objects.order_by("sort_order").values_list("label", flat=True)
    assert list(labels) == list(AGREEMENT_SCALE)


def test_coordinator_creates_only_for_their_own_alliance(client, coalition):
    client.force_login(coalition.coordinator)
    page = client.get(url("add")).content.decode()
    assert "Alliance Able" in page and "Alliance Baker" not in page
    response = client.post(url("add"), form_data())
    assert "alliance" in response.context["form"].errors
    other = form_data(alliance=str(coalition.alliance_b.pk))
    assert "alliance" in client.post(url("add"), other).context["form"].errors
    mine = form_data(alliance=str(coalition.alliance_a.pk), scope=PollScope.DISTRICTS)
    mine.update(form_data(areas=[("CA", "12")], scope=PollScope.DISTRICTS))
    mine["alliance"] = str(coalition.alliance_a.pk)
    assert client.post(url("add"), mine).status_code == 302
    assert Poll.objects.get().alliance == coalition.alliance_a


BAD_DESIGNS = [
    ({"closes_at": when(-1), "opens_at": when(-5)}, "closes_at", "in the past"),
    ({"closes_at": when(1), "opens_at": when(2)}, "closes_at", "closes after it opens"),
    ({"closes_at": "not a date"}, "closes_at", "Enter a valid date/time."),
    ({"questions": [question(labels=("Only one",))]}, None, "at least two options"),
    ({"questions": [question(labels=("Yes", "Yes"))]}, None, "“Yes” more than once"),
    ({"questions": [question(kind=QuestionKind.TEXT)]}, None, "has no options"),
    ({"questions": []}, None, "at least one question"),
    ({"scope": PollScope.STATES}, "scope", "at least one state"),
    ({"scope": PollScope.STATES, "areas": [("NY", "12")]}, "scope", "leave every district"),
    ({"scope": PollScope.DISTRICTS, "areas": [("NY", "")]}, "scope", "its district number"),
    ({"areas": [("NY", "")]}, "scope", "whole country has no areas"),
    ({"scope": "everywhere"}, "scope", "Select a valid choice."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_DESIGNS)
def test_a_bad_design_is_refused_with_a_clear_message(client, coalition, overrides, field, message):
    client.force_login(coalition.staff)
    response = client.post(url("add"), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field, []) if field else form.non_field_errors()
    assert any(message in str(error) for error in errors), form.errors
    assert not Poll.objects.exists()


def test_an_area_listed_twice_is_refused(client, coalition):
    client.force_login(coalition.staff)
    twice = form_data(scope=PollScope.DISTRICTS, areas=[("NY", "1"), ("NY", "1")])
    response = client.post(url("add"), twice)
    assert response.status_code == 200
    assert "duplicate" in response.content.decode().lower()
    assert not Poll.objects.exists()


def _edit_data(poll: Poll, **overrides) -> dict:
    questions = []
    for q in poll.questions.order_by("sort_order"):
        options = [{"label": o.label, "id": o.pk} for o in q.options.order_by("sort_order")]
        questions.append(
            {"text": q.text, "kind": q.kind, "required": "on", "help_text": "", "id": q.pk,
             "options": inline_formset(options, initial=len(options))}
        )  # fmt: skip
    fields = {
        "title": poll.title, "slug": poll.slug, "introduction": poll.introduction,
        "alliance": poll.alliance_id or "", "scope": poll.scope,
        "opens_at": timezone.localtime(poll.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": timezone.localtime(poll.closes_at).strftime("%Y-%m-%d %H:%M"),
        "min_cell_size": "10",
        "questions": inline_formset(questions, initial=len(questions)),
        "areas": inline_formset([]),
    }  # fmt: skip
    fields.update(overrides)
    return nested_form_data(fields)


def test_questions_are_frozen_once_responses_exist(client, coalition, polls):
    poll = polls["staff"]
    PollResponseFactory(poll=poll)
    client.force_login(coalition.staff)
    changed = _edit_data(poll)
    changed["questions-0-options-0-label"] = "Absolutely"
    response = client.post(url("edit", poll.pk), changed)
    assert response.status_code == 200
    assert "can no longer change" in str(response.context["form"].non_field_errors())
    assert PollOption.objects.filter(label="Yes", question__poll=poll).exists()

    kept = _edit_data(poll, title="Renamed", results_published="on", closes_at=when(60))
    assert client.post(url("edit", poll.pk), kept).status_code == 302
    poll.refresh_from_db()
    assert poll.title == "Renamed" and poll.results_published
    assert PollQuestion.objects.filter(poll=poll).count() == 1


def test_questions_change_freely_before_any_response(client, coalition, polls):
    poll = polls["staff"]
    client.force_login(coalition.staff)
    changed = _edit_data(poll)
    changed["questions-0-options-0-label"] = "Absolutely"
    assert client.post(url("edit", poll.pk), changed).status_code == 302
    assert PollOption.objects.filter(label="Absolutely", question__poll=poll).exists()


def test_coordinator_cannot_edit_another_alliances_poll(client, coalition, polls):
    client.force_login(coalition.coordinator)
    poll = polls["b"]
    assert client.post(url("edit", poll.pk), _edit_data(poll, title="Mine")).status_code == 404
    poll.refresh_from_db()
    assert poll.title == "Baker poll"
    moved = _edit_data(polls["a"], alliance=coalition.alliance_b.pk)
    assert "alliance" in client.post(url("edit", polls["a"].pk), moved).context["form"].errors
