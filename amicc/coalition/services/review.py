"""Staff review of organization applications: each is approved or declined, once.

Both decisions are atomic, recorded in Wagtail's audit log on the application
(`coalition.application_approve`, `coalition.application_decline`) and emailed to the
applicant once committed. Approval makes the organization a member, its contact person
a representative with an account, and invites them to choose a password.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.log_actions import log

from amicc.coalition.choices import ApplicationStatus, OrganizationStatus
from amicc.coalition.models import MemberOrganization, OrganizationApplication, Person
from amicc.coalition.services.people import person_get_or_create
from amicc.core.email import email_send

REPRESENTATIVES_GROUP = "Organization representatives"  # made by migration 0002
APPROVE_ACTION = "coalition.application_approve"
DECLINE_ACTION = "coalition.application_decline"


def application_possible_duplicates(
    *, application: OrganizationApplication
) -> QuerySet[MemberOrganization]:
    """Members with the applicant's name (in any case) or website domain: maybe the same."""
    same = Q(name__iexact=application.organization_name.strip())
    if domain := application.website_domain:
        same |= Q(website_domain=domain)
    return MemberOrganization.objects.filter(same).exclude(pk=application.organization_id)


@transaction.atomic
def application_approve(
    *, application: OrganizationApplication, by: AbstractBaseUser
) -> MemberOrganization:
    """Make the applicant an active, listed member with its contact as representative."""
    application = _lock_pending(application)
    person = application.contact_person or _contact_person(application)
    organization = MemberOrganization(
        name=application.organization_name,
        slug=_unique_slug(application.organization_name),
        constituency=application.constituency,
        city=application.city,
        state=application.state,
        website=application.website,
        description=application.description,
        status=OrganizationStatus.ACTIVE,
        is_listed=True,
        applied_on=timezone.localdate(application.submitted_at),
        joined_on=timezone.localdate(),
    )
    organization.full_clean()
    organization.save()
    organization.representatives.add(person)
    user = _representative_account(person)

    application.status = ApplicationStatus.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.organization = organization
    application.contact_person = person
    application.full_clean()
    application.save(
        update_fields=["status", "decided_at", "decided_by", "organization", "contact_person"]
    )
    log(instance=organization, action="wagtail.create", user=by)
    log(
        instance=application,
        action=APPROVE_ACTION,
        user=by,
        data={"organization_id": organization.pk, "organization": organization.name},
    )
    transaction.on_commit(partial(_send_approval, application=application, user=user))
    return organization


@transaction.atomic
def application_decline(
    *, application: OrganizationApplication, by: AbstractBaseUser, reason: str
) -> OrganizationApplication:
    """Decline the application and send the applicant the reason, which is required."""
    application = _lock_pending(application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Give the reason; it is sent to the applicant.")})
    application.status = ApplicationStatus.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decline_reason = reason
    application.full_clean()
    application.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    log(instance=application, action=DECLINE_ACTION, user=by, data={"reason": reason})
    transaction.on_commit(
        partial(
            email_send,
            to=[application.contact_email],
            template="coalition_application_declined",
            context={"application": application},
        )
    )
    return application


def _lock_pending(application: OrganizationApplication) -> OrganizationApplication:
    # Locked, so two staff members clicking at once cannot both decide.
    application = OrganizationApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(
            gettext("This application has already been %(status)s; it cannot be decided again.")
            % {"status": application.get_status_display().lower()}
        )
    return application


def _contact_person(application: OrganizationApplication) -> Person:
    person, _ = person_get_or_create(
        email=application.contact_email,
        name=application.contact_name,
        phone=application.contact_phone,
    )
    return person


def _unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "organization"
    taken = set(
        MemberOrganization.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _representative_account(person: Person) -> AbstractBaseUser:
    """The person's account, made for them without a password if they have none."""
    if not person.email:
        raise ValidationError(gettext("The contact person has no email address to sign in with."))
    user = person.user or _account_for_email(person)
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if group := Group.objects.filter(name=REPRESENTATIVES_GROUP).first():
        user.groups.add(group)
    return user


def _account_for_email(person: Person) -> AbstractBaseUser:
    User = get_user_model()
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        first_name, _, last_name = person.name.partition(" ")
        user = User(
            username=person.email,
            email=person.email,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(
            gettext("The account of %(email)s belongs to another person; link it by hand first.")
            % {"email": person.email}
        )
    return user


def _send_approval(*, application: OrganizationApplication, user: AbstractBaseUser) -> None:
    set_password_url = None
    if not user.has_usable_password():
        path = reverse(
            "accounts:set-password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        set_password_url = f"{settings.SITE_URL}{path}"
    email_send(
        to=[application.contact_email],
        template="coalition_application_approved",
        context={
            "application": application,
            "organization": application.organization,
            "username": user.get_username(),
            "set_password_url": set_password_url,
            "link_valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            "sign_in_url": f"{settings.SITE_URL}{reverse('wagtailadmin_login')}",
        },
    )
