"""Reviewing organization applications: approve, decline, never twice, duplicates shown."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import ApplicationStatus
from amicc.coalition.models import MemberOrganization, OrganizationApplication
from amicc.coalition.services.review import application_approve, application_decline
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import (
    MemberOrganizationFactory,
    OrganizationApplicationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "a-long-unusual-passphrase-9"


def inspect_url(application):
    return reverse(
        OrganizationApplication.snippet_viewset.get_url_name("inspect"), args=[application.pk]
    )


def set_password_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/set-password/[^\s]+/)", message.body)
    assert match, message.body
    return match[1]


def test_approving_makes_a_member_a_representative_and_an_invitation(
    client, coalition, mailoutbox, django_capture_on_commit_callbacks
):
    application = coalition.application
    application.submitted_at = timezone.now() - datetime.timedelta(days=40)
    application.save()
    MemberOrganizationFactory(name="Other", slug="applicant-lawyers")  # the slug is taken
    client.force_login(coalition.staff)

    page = client.get(reverse("coalition_admin:application-approve", args=[application.pk]))
    assert page.status_code == 200 and "Yes, approve" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coalition_admin:application-approve", args=[application.pk])
        )
    assert response.status_code == 302 and response["Location"] == inspect_url(application)

    application.refresh_from_db()
    organization = application.organization
    assert application.status == ApplicationStatus.APPROVED
    assert (application.decided_by, application.decided_at is not None) == (coalition.staff, True)
    assert (organization.name, organization.slug) == ("Applicant Lawyers", "applicant-lawyers-2")
    assert (organization.status, organization.is_listed) == ("active", True)
    assert organization.applied_on == timezone.localdate(application.submitted_at)
    assert organization.joined_on == timezone.localdate()
    assert organization.website_domain == "applicant.example.org"

    person = application.contact_person
    assert list(organization.representatives.all()) == [person]
    user = person.user
    assert user.username == user.email == application.contact_email
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Organization representatives"]

    [message] = mailoutbox
    assert message.to == [application.contact_email]
    assert message.subject == "Welcome to the coalition: Applicant Lawyers"
    path = set_password_path(message)
    assert path in message.alternatives[0][0]

    # The invitation works: choose a password, then sign in and edit the organization.
    client.logout()
    form_page = client.get(path)
    assert form_page.status_code == 200 and user.username in form_page.content.decode()
    mismatch = client.post(path, {"new_password1": PASSWORD, "new_password2": "other"})
    assert mismatch.status_code == 400
    done = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:set-password-done")
    assert client.get(done["Location"]).status_code == 200
    # django-axes counts sign-ins per client, so authenticate() needs a request.
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    edit = reverse(MemberOrganization.snippet_viewset.get_url_name("edit"), args=[organization.pk])
    assert client.get(edit).status_code == 200
    # A link works once.
    client.logout()
    assert client.get(path).status_code == 400


def test_approving_links_an_existing_account_without_a_new_password(
    coalition, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="known@example.org")
    person = PersonFactory(email="known@example.org", user=user)
    application = OrganizationApplicationFactory(
        contact_person=person, contact_email="known@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        organization = application_approve(application=application, by=coalition.staff)
    assert list(organization.representatives.all()) == [person]
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    assert "set-password" not in mailoutbox[0].body
    assert "/admin/login/" in mailoutbox[0].body


def test_approving_creates_the_contact_person_when_there_is_none(coalition):
    application = OrganizationApplicationFactory(contact_email="Fresh@Example.org")
    organization = application_approve(application=application, by=coalition.staff)
    person = organization.representatives.get()
    assert (person.email, person.user.username) == ("fresh@example.org", "fresh@example.org")


def test_declining_needs_a_reason_and_sends_it(
    client, coalition, mailoutbox, django_capture_on_commit_callbacks
):
    application = coalition.application
    url = reverse("coalition_admin:application-decline", args=[application.pk])
    client.force_login(coalition.staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING and mailoutbox == []
    with pytest.raises(ValidationError) as error:
        application_decline(application=application, by=coalition.staff, reason=" ")
    assert error.value.message_dict == {"reason": ["Give the reason; it is sent to the applicant."]}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "We accept only organizations based in the US."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decline_reason == "We accept only organizations based in the US."
    assert (application.decided_by, application.organization) == (coalition.staff, None)
    [message] = mailoutbox
    assert message.to == [application.contact_email]
    assert "We accept only organizations based in the US." in message.body
    assert not MemberOrganization.objects.filter(name=application.organization_name).exists()


@pytest.mark.parametrize("decided", [ApplicationStatus.APPROVED, ApplicationStatus.DECLINED])
def test_a_decided_application_cannot_be_decided_again(client, coalition, mailoutbox, decided):
    application = OrganizationApplicationFactory(status=decided)
    for decide in (
        lambda: application_approve(application=application, by=coalition.staff),
        lambda: application_decline(application=application, by=coalition.staff, reason="No."),
    ):
        with pytest.raises(ValidationError) as error:
            decide()
        assert error.value.messages == [
            f"This application has already been {decided.label.lower()}; "
            "it cannot be decided again."
        ]

    client.force_login(coalition.staff)
    for action, data in (("approve", {}), ("decline", {"reason": "No."})):
        url = reverse(f"coalition_admin:application-{action}", args=[application.pk])
        page = client.get(url).content.decode()
        assert "already been" in page
        assert "Yes, approve" not in page and 'name="reason"' not in page
        response = client.post(url, data, follow=True)
        assert response.redirect_chain == [(inspect_url(application), 302)]
        assert "already been" in response.content.decode()
    application.refresh_from_db()
    assert application.status == decided and mailoutbox == []
    assert MemberOrganization.objects.count() == 2  # the fixture's two, no more
    assert "Approve</a>" not in client.get(inspect_url(application)).content.decode()


def test_inspect_warns_of_possible_duplicates(client, coalition):
    application = OrganizationApplicationFactory(
        organization_name="Chicago Bar Association", website="https://www.chicagobar.example/join"
    )
    client.force_login(coalition.staff)
    html = client.get(inspect_url(application)).content.decode()
    assert "Possible duplicate" not in html
    assert "Approve</a>" in html and "Decline</a>" in html
    assert application.statement in html and application.contact_email in html

    MemberOrganizationFactory(name="CHICAGO BAR association", website="https://cba.example")
    MemberOrganizationFactory(name="CBA Foundation", website="http://chicagobar.example")
    MemberOrganizationFactory(name="Unrelated", website="https://elsewhere.example")
    html = client.get(inspect_url(application)).content.decode()
    assert "Possible duplicate" in html
    assert "CHICAGO BAR association" in html and "CBA Foundation" in html
    assert "Unrelated" not in html
    approve = client.get(reverse("coalition_admin:application-approve", args=[application.pk]))
    assert "Possible duplicate" in approve.content.decode()


def test_decisions_are_in_the_audit_log(client, coalition):
    approved = OrganizationApplicationFactory()
    declined = OrganizationApplicationFactory()
    organization = application_approve(application=approved, by=coalition.staff)
    application_decline(application=declined, by=coalition.staff, reason="Out of scope.")

    entry = ModelLogEntry.objects.for_instance(approved).get()
    assert (entry.action, entry.user) == ("coalition.application_approve", coalition.staff)
    assert entry.data == {"organization_id": organization.pk, "organization": organization.name}
    assert ModelLogEntry.objects.for_instance(organization).get().action == "wagtail.create"
    entry = ModelLogEntry.objects.for_instance(declined).get()
    assert (entry.action, entry.data) == (
        "coalition.application_decline",
        {"reason": "Out of scope."},
    )

    client.force_login(coalition.staff)
    history = OrganizationApplication.snippet_viewset.get_url_name("history")
    html = client.get(reverse(history, args=[declined.pk])).content.decode()
    assert "Declined: Out of scope." in html
    html = client.get(reverse(history, args=[approved.pk])).content.decode()
    assert "Approved" in html


@pytest.mark.parametrize(
    "path",
    [
        "/account/set-password/Mg/not-a-token/",
        "/account/set-password/!!!/abc-def/",
        "/account/set-password/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ/abc-def/",
        "/account/set-password/YWJj/abc-def/",
    ],
)
def test_a_bad_set_password_link_gets_a_clear_400(client, coalition, path):
    for response in (client.get(path), client.post(path, {"new_password1": PASSWORD})):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()


def test_a_deactivated_accounts_link_no_longer_works(client, coalition):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    path = reverse(
        "accounts:set-password",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    assert client.get(path).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(path).status_code == 400
