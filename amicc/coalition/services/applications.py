"""An organization applying to join the coalition from the public site."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import OrganizationApplication
from amicc.coalition.services.people import consent_record, person_get_or_create
from amicc.core.email import email_send

# The words beside the application form's checkbox, recorded as shown (in the visitor's
# language).
APPLICATION_CONSENT_WORDING = _(
    "I agree that AMICC keeps the contact details above to review this application and to "
    "contact me about my organization's membership. I can ask for them to be deleted at "
    "any time."
)


def staff_email_addresses() -> list[str]:
    """Who hears about new applications: AMICC_STAFF_EMAILS, else the active superusers."""
    if settings.AMICC_STAFF_EMAILS:
        return list(settings.AMICC_STAFF_EMAILS)
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
    return sorted(set(superusers.exclude(email="").values_list("email", flat=True)))


@transaction.atomic
def application_submit(
    *,
    organization_name: str,
    constituency: str,
    city: str,
    state: str,
    description: str,
    contact_name: str,
    contact_email: str,
    statement: str,
    website: str = "",
    contact_phone: str = "",
    contact_role: str = "",
) -> OrganizationApplication:
    """Store an application, its contact person and their consent; tell staff and the applicant."""
    application = OrganizationApplication(
        organization_name=organization_name.strip(),
        constituency=constituency,
        city=city.strip(),
        state=state,
        website=website,
        description=description.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        contact_role=contact_role.strip(),
        statement=statement.strip(),
    )
    application.full_clean()
    application.contact_person, _ = person_get_or_create(
        email=application.contact_email,
        name=application.contact_name,
        phone=application.contact_phone,
    )
    consent_record(
        person=application.contact_person,
        purpose=ConsentPurpose.DATA_PROCESSING,
        wording=APPLICATION_CONSENT_WORDING,
        source=ConsentSource.ORGANIZATION_APPLICATION,
    )
    application.save()

    context = {"application": application}
    staff = staff_email_addresses()
    applicant = application.contact_email

    def notify() -> None:
        if staff:
            # Staff read the site's own language, whatever the applicant's.
            with translation.override(settings.LANGUAGE_CODE):
                email_send(
                    to=staff,
                    template="coalition_application_staff",
                    context=context,
                    reply_to=[applicant],
                )
        email_send(to=[applicant], template="coalition_application_received", context=context)

    transaction.on_commit(notify)
    return application
