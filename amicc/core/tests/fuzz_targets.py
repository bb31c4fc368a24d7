"""What the public can reach, for the fuzz of test_fuzz_public: pages, forms, page types.

Each entry names the URL resolver's pattern it covers, so the fuzz can tell when the site
has a public URL these tables do not list. Paths take their {placeholders} from
`fuzz_world.World.slugs`. A form's `valid` submission is one it accepts: the fuzz starts
from it, so a hostile value in one field reaches validation with the others correct.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone

from amicc.core.tests.fuzz_world import PAGE_PASSWORD, STAFF_PASSWORD, World
from amicc.polls.choices import QuestionKind

# --- What is public: pages read with GET


@dataclass(frozen=True)
class Get:
    pattern: str  # as the URL resolver spells it
    path: str  # with {placeholders} from World.slugs
    params: tuple[str, ...] = ()  # what the view reads from the query string
    status: int = 200  # what the plain request answers
    any_method: bool = False  # answers a POST as a GET, reading nothing from its body


PAGES = (
    Get("sitemap.xml", "/sitemap.xml", ("p",), any_method=True),
    Get("robots.txt", "/robots.txt"),
    # The site's guarded document view, ahead of Wagtail's own at the same address.
    Get("^documents/(\\d+)/(.*)$", "/documents/{document}/{document_file}"),
    Get("documents/^(\\d+)/(.*)$", "/documents/{document}/{document_file}", any_method=True),
    Get("account/set-password/done/", "/account/set-password/done/", any_method=True),
    Get("members/", "/members/", ("q", "constituency", "state", "page")),
    Get("members/<slug:slug>/", "/members/{organization}/"),
    Get("alliances/", "/alliances/"),
    Get("alliances/join/", "/alliances/join/", ("zip", "alliance")),
    Get("alliances/join/sent/", "/alliances/join/sent/"),
    Get("alliances/confirm/<str:token>/", "/alliances/confirm/{signup_token}/"),
    Get("alliances/<slug:slug>/", "/alliances/{alliance}/", ("page",)),
    Get("alliances/<slug:slug>/join/", "/alliances/{alliance}/join/", ("zip",)),
    Get("alliances/<slug:slug>/join/sent/", "/alliances/{alliance}/join/sent/"),
    Get("join/", "/join/"),
    Get("join/thanks/", "/join/thanks/"),
    Get("representatives/", "/representatives/", ("zip", "district")),
    Get("congress/legislators/<str:bioguide_id>/", "/congress/legislators/{legislator}/"),
    Get("congress/watchlist/", "/congress/watchlist/", ("kind", "position", "status", "congress")),
    Get(
        "congress/watchlist/feed/",
        "/congress/watchlist/feed/",
        ("kind", "position", "status", "congress"),
        any_method=True,
    ),
    Get("congress/watchlist/<slug:slug>/", "/congress/watchlist/{watchlist_item}/"),
    Get("congress/scorecard/", "/congress/scorecard/", ("state", "chamber", "party", "sort")),
    Get("act/<slug:slug>/", "/act/{alert}/", ("zip", "district")),
    Get("act/<slug:slug>/sent/", "/act/{alert}/sent/"),
    Get(
        "act/<slug:slug>/subscribe/<str:token>/",
        "/act/{alert}/subscribe/{optin_token}/",
    ),
    Get("icc/", "/icc/"),
    Get("icc/states/", "/icc/states/", ("status", "group")),
    Get("icc/states.csv", "/icc/states.csv", ("status", "group")),
    Get("icc/states.json", "/icc/states.json", ("status", "group")),
    Get("icc/states-map.svg", "/icc/states-map.svg"),
    Get("icc/states/<slug:slug>/", "/icc/states/{state}/"),
    Get("icc/situations/", "/icc/situations/"),
    Get("icc/situations/<slug:slug>/", "/icc/situations/{situation}/"),
    Get("icc/cases/<slug:slug>/", "/icc/cases/{case}/"),
    Get("icc/asp/", "/icc/asp/"),
    Get("icc/asp/<int:number>/", "/icc/asp/{past_asp}/"),
    Get("icc/asp/<int:number>/delegation/", "/icc/asp/{asp}/delegation/"),
    Get("icc/asp/<int:number>/delegation/thanks/", "/icc/asp/{asp}/delegation/thanks/"),
    Get("icc/asp/<int:number>/delegation/report/", "/icc/asp/{asp}/delegation/report/"),
    Get(
        "icc/asp/<int:number>/delegation/withdraw/<str:token>/",
        "/icc/asp/{asp}/delegation/withdraw/{withdraw_token}/",
    ),
    Get("events/", "/events/", ("state", "alliance", "type", "online", "page")),
    Get("events/past/", "/events/past/", ("state", "alliance", "type", "online", "page")),
    Get("events/calendar.ics", "/events/calendar.ics"),
    Get("events/alliances/<slug:slug>/calendar.ics", "/events/alliances/{alliance}/calendar.ics"),
    Get("events/rsvp/cancel/<str:token>/", "/events/rsvp/cancel/{cancel_token}/"),
    Get("events/<slug:slug>/", "/events/{event}/"),
    Get("events/<slug:slug>/thanks/", "/events/{event}/thanks/"),
    Get("events/<slug:slug>/event.ics", "/events/{event}/event.ics"),
    Get("polls/", "/polls/"),
    Get("polls/<slug:slug>/", "/polls/{poll}/"),
    Get("polls/<slug:slug>/thanks/", "/polls/{poll}/thanks/"),
    Get("polls/<slug:slug>/results/", "/polls/{poll_results}/results/", ("state", "district")),
    Get("request-a-presentation/", "/request-a-presentation/"),
    Get("request-a-presentation/thanks/", "/request-a-presentation/thanks/"),
    Get(
        "request-a-presentation/feedback/<str:token>/",
        "/request-a-presentation/feedback/{feedback_token}/",
    ),
    Get("presentations/", "/presentations/", ("year",)),
    Get("in-the-news/", "/in-the-news/", ("page",)),
    Get("funders/", "/funders/"),
    Get("newsletters/", "/newsletters/", ("page",)),
    Get("newsletters/unsubscribe/<str:token>/", "/newsletters/unsubscribe/{unsubscribe_token}/"),
    Get("newsletters/preferences/", "/newsletters/preferences/", ("sent",)),
    Get(
        "newsletters/preferences/<str:token>/",
        "/newsletters/preferences/{preferences_token}/",
        ("done",),
    ),
    Get("newsletters/<slug:slug>/", "/newsletters/{newsletter}/"),
    Get("search/", "/search/", ("q", "kind", "topic", "page")),
    Get("feeds/news/rss/", "/feeds/news/rss/", any_method=True),
    Get("feeds/news/atom/", "/feeds/news/atom/", any_method=True),
    Get("feeds/topics/<slug:slug>/rss/", "/feeds/topics/{topic}/rss/", any_method=True),
    Get("feeds/topics/<slug:slug>/atom/", "/feeds/topics/{topic}/atom/", any_method=True),
    Get("^media/(?!documents/)(?P<path>.*)$", "/media/{media_path}", status=404),
    Get("_util/login/", "/_util/login/", ("next",)),
    Get(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/{page_restriction}/{protected_page}/",
        ("return_url",),
    ),
    Get(
        "documents/authenticate_with_password/<int:restriction_id>/",
        "/documents/authenticate_with_password/{collection_restriction}/",
        ("return_url",),
    ),
    Get("^api/", "/api/{api_path}", status=404),
)
# The admin's pages that answer an anonymous visitor; every other admin URL must send
# them to the login page (test_the_admin_is_closed_to_anonymous_visitors).
PUBLIC_ADMIN = (
    Get("admin/login/", "/admin/login/", ("next",)),
    Get("admin/logout/", "/admin/logout/", status=302),
    Get("admin/password_reset/", "/admin/password_reset/"),
    Get("admin/password_reset/done/", "/admin/password_reset/done/"),
    Get(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        "/admin/password_reset/confirm/{uidb64}/{reset_token}/",
        status=302,
    ),
    Get("admin/password_reset/complete/", "/admin/password_reset/complete/"),
    Get("admin/jsi18n/", "/admin/jsi18n/"),
    Get("admin/sprite/", "/admin/sprite/", any_method=True),
    Get("django-admin/login/", "/django-admin/login/", ("next",)),
    Get("django-admin/logout/", "/django-admin/logout/", status=302),
)
# Wagtail's page types: what each reads from the query string. A page type missing here
# (a form page, say) fails test_every_page_type_is_fuzzed.
PAGE_TYPES = {
    "pages.HomePage": (),
    "pages.StandardPage": (),
    "pages.NewsIndexPage": ("topic", "page"),
    "pages.NewsPage": (),
    "pages.PublicationIndexPage": ("kind", "topic", "year", "page"),
    "pages.PublicationPage": (),
    "pages.TopicIndexPage": (),
}
# Resolver patterns fuzzed elsewhere: Wagtail's page view (PAGE_TYPES), the API (from its
# OpenAPI document), the mail providers' webhooks (test_mail_webhooks_refuse_strangers).
ELSEWHERE = ("^(?!_util/)((?:[\\w\\-]+/)*)$", "^((?:[\\w\\-]+/)*)$", "api/v1/", "anymail/")


# --- What is public: forms


def redirected(response: HttpResponse) -> bool:
    return response.status_code in (301, 302, 303)


def _context_says(key: str, value=True) -> Callable[[HttpResponse], bool]:
    def accepted(response: HttpResponse) -> bool:
        context = response.context
        return response.status_code == 200 and context is not None and context.get(key) == value

    return accepted


@dataclass(frozen=True)
class Form:
    pattern: str
    path: str
    valid: Callable[[World], dict]  # a submission the form accepts
    writes: tuple[str, ...] = ()  # models whose rows an accepted submission adds
    stored: dict[str, str] = field(default_factory=dict)  # field: "app.Model.field" as typed
    accepted: Callable[[HttpResponse], bool] = redirected
    csrf: bool = True
    cv: bool = False  # multipart, with a PDF in "cv"
    prepare: str = ""  # a page to open first (a poll sets its browser cookie)
    honeypot: bool = False  # has the field robots fill in (amicc.core.forms.HoneypotMixin)
    shows: tuple[str, ...] = ()  # public pages about what it stores (never the person)


PERSON = ("coalition.Person", "coalition.ConsentRecord", "mailings.Delivery")


def _organization(world: World) -> dict:
    return {
        "organization_name": "Friends of the Court",
        "constituency": "human_rights",
        "city": "Portland",
        "state": "OR",
        "website": "friends.example.org",
        "description": "We educate the public about international justice.",
        "statement": "We support the ICC's mission to end impunity.",
        "contact_name": "Ada Lovelace",
        "contact_role": "Chair",
        "contact_email": "fuzz.applicant@example.org",
        "contact_phone": "503 555 0100",
        "consent": "on",
    }


def _signup(zip_code: str) -> Callable[[World], dict]:
    def data(world: World) -> dict:
        return {
            "name": "Grace Hopper",
            "email": "fuzz.signup@example.org",
            "zip_code": zip_code,
            "consent": "on",
            "wants_newsletter": "on",
        }

    return data


def _letter(world: World) -> dict:
    return {
        "name": "Lee Writer",
        "email": "fuzz.writer@example.org",
        "zip_code": world.alert_zip,
        "district": "",
        "subject": "Please support the Court",
        "body": "{salutation},\n\nI ask you to support the Court.\n\n{sender_name}",
        "wants_action_alerts": "on",
    }


def _delegation(world: World) -> dict:
    return {
        "name": "Ada Lovelace",
        "email": "fuzz.delegate@example.org",
        "affiliation": "Columbia Law School",
        "role": "student",
        "statement": "I study international criminal law.",
        "available_days": world.delegation_days[:2],
        "consent": "on",
    }


def _rsvp(world: World) -> dict:
    return {"name": "Rita Guest", "email": "fuzz.guest@example.org", "consent": "on"}


def _poll(world: World) -> dict:
    data = {"zip_code": world.poll_zip, "district": ""}
    for question in world.poll.questions.all():
        options = [str(option.pk) for option in question.options.all()]
        name = f"question_{question.pk}"
        if question.kind == QuestionKind.TEXT:
            data[name] = "A town hall in the spring."
        elif question.kind == QuestionKind.MULTIPLE:
            data[name] = options[:2]
        else:
            data[name] = options[0]
    return data


def _presentation(world: World) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=40)
    return {
        "organization": "Oak Park High School",
        "contact_name": "Terry Teacher",
        "contact_email": "fuzz.teacher@example.org",
        "contact_phone": "",
        "city": "Oak Park",
        "state": "IL",
        "zip_code": "60302",
        "preferred_date_1": day.isoformat(),
        "preferred_date_2": (day + datetime.timedelta(days=7)).isoformat(),
        "audience_type": "students",
        "audience_size": "60",
        "topics": [world.topic_id],
        "format": "in_person",
        "notes": "Two civics classes.",
        "consent": "on",
    }


def _login(world: World) -> dict:
    return {"username": world.staff_username, "password": STAFF_PASSWORD, "next": "/admin/"}


FORMS = (
    Form(
        "join/",
        "/join/",
        _organization,
        honeypot=True,
        writes=("coalition.OrganizationApplication", *PERSON),
        shows=("/members/",),
        stored={
            "organization_name": "coalition.OrganizationApplication.organization_name",
            "description": "coalition.OrganizationApplication.description",
            "statement": "coalition.OrganizationApplication.statement",
            "city": "coalition.OrganizationApplication.city",
            "contact_role": "coalition.OrganizationApplication.contact_role",
        },
    ),
    Form(
        "alliances/<slug:slug>/join/",
        "/alliances/{alliance}/join/",
        _signup("10027"),
        honeypot=True,
        writes=("coalition.AllianceMembership", *PERSON),
        shows=("/alliances/{alliance}/",),
    ),
    Form(
        "alliances/join/",
        "/alliances/join/",
        _signup("82001"),
        honeypot=True,
        writes=("coalition.StateInterest", *PERSON),
        prepare="/alliances/join/?zip=82001",
    ),
    Form(
        "act/<slug:slug>/",
        "/act/{alert}/",
        _letter,
        honeypot=True,
        writes=("congress.LetterSubmission", "congress.Letter", *PERSON),
        shows=("/act/{alert}/",),
        stored={"subject": "congress.LetterSubmission.subject"},
    ),
    Form(
        "icc/asp/<int:number>/delegation/",
        "/icc/asp/{asp}/delegation/",
        _delegation,
        honeypot=True,
        writes=("icc.DelegationApplication", *PERSON),
        stored={
            "name": "icc.DelegationApplication.name",
            "affiliation": "icc.DelegationApplication.affiliation",
            "statement": "icc.DelegationApplication.statement",
        },
        cv=True,
    ),
    Form(
        "icc/asp/<int:number>/delegation/withdraw/<str:token>/",
        "/icc/asp/{asp}/delegation/withdraw/{withdraw_token}/",
        lambda world: {},  # the button sends nothing but the token
        writes=("icc.DelegationApplication", "mailings.Delivery"),
        accepted=_context_says("withdrawn"),
    ),
    Form(
        "events/<slug:slug>/",
        "/events/{event}/",
        _rsvp,
        honeypot=True,
        writes=("events.Rsvp", *PERSON),
        shows=("/events/{event}/",),
        stored={"name": "events.Rsvp.name"},
    ),
    Form(
        "events/rsvp/cancel/<str:token>/",
        "/events/rsvp/cancel/{cancel_token}/",
        lambda world: {},  # the button sends nothing but the token
        writes=("events.Rsvp", "mailings.Delivery"),
        accepted=_context_says("state", "cancelled"),
    ),
    Form(
        "polls/<slug:slug>/",
        "/polls/{poll}/",
        _poll,
        honeypot=True,
        writes=("polls.PollResponse", "polls.PollAnswer"),
        shows=("/polls/{poll}/results/",),
        prepare="/polls/{poll}/",
    ),
    Form(
        "request-a-presentation/",
        "/request-a-presentation/",
        _presentation,
        honeypot=True,
        writes=("outreach.PresentationRequest", *PERSON),
        shows=("/presentations/",),
        stored={
            "organization": "outreach.PresentationRequest.organization",
            "city": "outreach.PresentationRequest.city",
            "notes": "outreach.PresentationRequest.notes",
        },
    ),
    Form(
        "request-a-presentation/feedback/<str:token>/",
        "/request-a-presentation/feedback/{feedback_token}/",
        lambda world: {"rating": "4", "comments": "Very clear, thank you."},
        writes=("outreach.PresentationRequest",),
        stored={"comments": "outreach.PresentationRequest.feedback_comments"},
        accepted=_context_says("thanked"),
    ),
    Form(
        "newsletters/unsubscribe/<str:token>/",
        "/newsletters/unsubscribe/{unsubscribe_token}/",
        lambda world: {"List-Unsubscribe": "One-Click"},
        writes=("mailings.Suppression", "mailings.ListOptOut"),
        accepted=_context_says("state", "done"),
        csrf=False,
    ),
    Form(
        "newsletters/preferences/",
        "/newsletters/preferences/",
        lambda world: {"email": "fuzz.reader@example.org"},
        honeypot=True,
        writes=("mailings.Delivery",),
    ),
    Form(
        "newsletters/preferences/<str:token>/",
        "/newsletters/preferences/{preferences_token}/",
        lambda world: {"lists": world.mailing_list_ids[:2]},
        writes=("mailings.ListOptOut", "mailings.Suppression"),
    ),
    Form(
        "account/set-password/<str:uidb64>/<str:token>/",
        "/account/set-password/{uidb64}/{reset_token}/",
        lambda world: {
            "new_password1": STAFF_PASSWORD[::-1],
            "new_password2": STAFF_PASSWORD[::-1],
        },
    ),
    Form("admin/login/", "/admin/login/", _login),
    Form("django-admin/login/", "/django-admin/login/", _login),
    Form("_util/login/", "/_util/login/", _login),
    Form(
        "admin/password_reset/",
        "/admin/password_reset/",
        lambda world: {"email": "fuzz-staff@example.org"},
    ),
    Form(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        "/admin/password_reset/confirm/{uidb64}/set-password/",
        lambda world: {
            "new_password1": STAFF_PASSWORD[::-1],
            "new_password2": STAFF_PASSWORD[::-1],
        },
        prepare="/admin/password_reset/confirm/{uidb64}/{reset_token}/",
    ),
    Form(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/{page_restriction}/{protected_page}/",
        lambda world: {"password": PAGE_PASSWORD, "return_url": world.pages["protected"]},
    ),
    Form(
        "documents/authenticate_with_password/<int:restriction_id>/",
        "/documents/authenticate_with_password/{collection_restriction}/",
        lambda world: {"password": PAGE_PASSWORD, "return_url": "/"},
    ),
    Form("admin/logout/", "/admin/logout/", lambda world: {}, prepare="/admin/login/"),
    Form(
        "django-admin/logout/",
        "/django-admin/logout/",
        lambda world: {},
        prepare="/django-admin/login/",
    ),
)
FORMS_BY_PATTERN = {form.pattern: form for form in FORMS}
