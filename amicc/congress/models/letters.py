"""Action alerts and the letters people send through them to their members of Congress.

A person's email lives on their `coalition.Person`; a submission links to it and keeps the
name as typed, where the letter came from (ZIP code, district) and what it said. Nothing of a
sender is ever shown publicly; staff see counts per office and district.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amicc.congress.choices import LetterDelivery, LetterTargets
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import Legislator
from amicc.congress.models.watchlist import WatchlistItem


class ActionAlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class ActionAlert(models.Model):
    """A call to write to one's members of Congress about a watchlist item."""

    slug = models.SlugField(max_length=80, unique=True, help_text=_("The page is /act/<slug>/."))
    title = models.CharField(max_length=200)
    introduction = models.TextField(help_text=_("Why to write now, shown above the form."))
    watchlist_item = models.ForeignKey(
        WatchlistItem, on_delete=models.PROTECT, related_name="action_alerts"
    )
    subject = models.CharField(_("letter subject"), max_length=200)
    letter_template = models.TextField(
        help_text=_(
            "The letter people start from. {salutation} becomes “Dear Senator Smith”, "
            "{sender_name} the sender's name and {zip_code} their ZIP code."
        )
    )
    targets = models.CharField(
        max_length=16, choices=LetterTargets.choices, default=LetterTargets.BOTH
    )
    parties = models.JSONField(
        default=list, blank=True, help_text=_("Only members of these parties; empty for all.")
    )
    states = models.JSONField(
        default=list, blank=True, help_text=_("Only members from these states; empty for all.")
    )
    thank_you_message = models.TextField(help_text=_("Shown once the letters are sent."))
    is_open = models.BooleanField(_("open for letters"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("targets", LetterTargets),
                name="congress_alert_targets_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("congress:action_alert", kwargs={"slug": self.slug})


class OfficeEmail(models.Model):
    """The address a member's office takes constituent letters at, entered by staff.

    Kept apart from `Legislator`, which the import rewrites; without one the sender is
    given the office's contact form with the letter ready to paste.
    """

    legislator = models.OneToOneField(
        Legislator, on_delete=models.CASCADE, related_name="office_email"
    )
    email = models.EmailField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("office email for letters")
        verbose_name_plural = _("office emails for letters")
        ordering = ["legislator"]

    def __str__(self) -> str:
        return f"{self.legislator}: {self.email}"


class LetterSubmission(models.Model):
    """One person answering one alert: the letter as they wrote it and where they live."""

    alert = models.ForeignKey(ActionAlert, on_delete=models.PROTECT, related_name="submissions")
    person = models.ForeignKey(
        "coalition.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letter_submissions",
        help_text=_("Empty once the person has been erased."),
    )
    sender_name = models.CharField(
        max_length=200,
        help_text=_(
            "As typed on the form: a person's name on record may be someone else's "
            "to give, since anyone can type any address."
        ),
    )
    zip_code = models.CharField(_("ZIP code"), max_length=5)
    state = models.CharField(max_length=2)
    district = models.PositiveSmallIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            # The same person answering the same alert again is not counted again.
            models.UniqueConstraint(
                fields=["alert", "person"],
                condition=Q(person__isnull=False),
                name="congress_submission_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Letter on {self.alert} from {self.zip_code}"


class Letter(models.Model):
    """The letter of one submission to one office, and how it was delivered."""

    submission = models.ForeignKey(
        LetterSubmission, on_delete=models.CASCADE, related_name="letters"
    )
    legislator = models.ForeignKey(Legislator, on_delete=models.PROTECT, related_name="letters")
    delivery = models.CharField(max_length=12, choices=LetterDelivery.choices)
    delivered_to = models.EmailField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["submission", "legislator"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "legislator"], name="congress_letter_once_per_office"
            ),
            models.CheckConstraint(
                condition=in_choices("delivery", LetterDelivery),
                name="congress_letter_delivery_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"To {self.legislator} ({self.get_delivery_display()})"
