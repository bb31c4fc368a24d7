"""Sessions of the Assembly of States Parties and the coalition's delegation to each."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from amicc.icc.choices import ApplicantRole, ApplicationStatus, ElectedOffice


class AspSession(ClusterableModel):
    """A session of the Assembly: the 24th was held in The Hague in December 2025."""

    number = models.PositiveSmallIntegerField(unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200)
    is_resumed = models.BooleanField(_("resumed or special session"), default=False)
    notes = models.TextField(blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("ASP session")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="icc_session_dates"
            ),
        ]

    def __str__(self) -> str:
        return _("Assembly of States Parties, session %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("icc:asp_session", kwargs={"number": self.number})


class AspElection(Orderable):
    """An election the session held, and whom it elected."""

    session = ParentalKey(AspSession, on_delete=models.CASCADE, related_name="elections")
    office = models.CharField(max_length=20, choices=ElectedOffice.choices)
    description = models.CharField(max_length=300, help_text=_('"Six judges", "the Prosecutor".'))
    elected = models.TextField(blank=True, help_text=_("Who was elected, one per line."))

    def __str__(self) -> str:
        return self.description


class DelegationCall(models.Model):
    """The coalition's call for delegates to a session, and the report published after it."""

    session = models.OneToOneField(
        AspSession, on_delete=models.PROTECT, related_name="delegation_call"
    )
    introduction = models.TextField(help_text=_("Who may apply and what the delegation does."))
    deadline = models.DateTimeField(help_text=_("Applications are refused after this moment."))
    places = models.PositiveSmallIntegerField()
    report_title = models.CharField(max_length=200, blank=True)
    report = RichTextField(blank=True, help_text=_("Published on the session's page when set."))
    report_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-session__number"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="icc_call_places"),
        ]

    def __str__(self) -> str:
        return _("Delegation to session %(number)s") % {"number": self.session.number}

    def get_absolute_url(self) -> str:
        return reverse("icc:delegation", kwargs={"number": self.session.number})


def cv_upload_path(application: "DelegationApplication", filename: str) -> str:
    # Never the applicant's own file name: it may carry their name, and it is not trusted.
    return f"delegation-cvs/{application.call.session.number}/{application.token}.pdf"


def private_storage():
    return storages["private"]


class DelegationApplication(models.Model):
    """A person's application to join a delegation. Private: staff see it in the admin."""

    call = models.ForeignKey(DelegationCall, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        "coalition.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegation_applications",
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    name = models.CharField(max_length=200)
    email = models.EmailField()
    affiliation = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ApplicantRole.choices)
    statement = models.TextField()
    cv = models.FileField(
        _("CV (PDF)"), upload_to=cv_upload_path, storage=private_storage, max_length=200
    )
    available_days = models.JSONField(
        default=list, help_text=_("The session days the applicant can attend (ISO dates).")
    )
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("1 to 5."))
    staff_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waitlisted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The waitlist is offered places in this order.")
    )

    class Meta:
        ordering = ["call", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                F("call"), Lower("email"), name="icc_application_once_per_email"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="icc_application_score_range",
            ),
        ]

    def __str__(self) -> str:
        values = {"name": self.name, "number": self.call.session.number}
        return _("%(name)s for session %(number)s") % values


class DelegateLogistics(models.Model):
    """The checklist of an accepted delegate, kept by staff."""

    application = models.OneToOneField(
        DelegationApplication, on_delete=models.CASCADE, related_name="logistics"
    )
    accreditation_requested_on = models.DateField(
        _("accreditation requested from the ASP Secretariat"), null=True, blank=True
    )
    accreditation_confirmed = models.BooleanField(default=False)
    travel_booked = models.BooleanField(default=False)
    lodging_booked = models.BooleanField(default=False)
    side_events = models.TextField(
        blank=True, help_text=_("Side events they attend, one per line.")
    )
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = _("delegate logistics")

    def __str__(self) -> str:
        return _("Logistics of %(name)s") % {"name": self.application.name}
