"""States and the Rome Statute: signature, ratification or accession, withdrawal."""

import datetime

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amicc.icc.choices import Instrument, RegionalGroup, StatuteStatus
from amicc.icc.rome_statute import entry_into_force


def validate_iso_code(value: str) -> None:
    if pycountry.countries.get(alpha_3=value) is None:
        message = _("%(code)s is not an ISO 3166-1 alpha-3 country code.")
        raise ValidationError(message % {"code": value})


class StatuteStateQuerySet(models.QuerySet):
    def parties_on(self, day: datetime.date):
        """The states the Statute binds on `day`: in force for them, no withdrawal in effect."""
        return self.filter(entry_into_force_on__lte=day).exclude(withdrawal_effective_on__lte=day)


class StatuteState(models.Model):
    """A state's relation to the Rome Statute, from the depositary's record, with its source.

    `entry_into_force_on` is never typed: it is worked out from the deposit (article 126), or
    for a successor state from its succession, on every save, so counts of states parties
    rest on the dated events alone.
    """

    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=3, unique=True, validators=[validate_iso_code]
    )
    name = models.CharField(max_length=100, help_text=_("The short name the Assembly uses."))
    slug = models.SlugField(max_length=100, unique=True)
    regional_group = models.CharField(max_length=20, choices=RegionalGroup.choices)
    signed_on = models.DateField(null=True, blank=True)
    instrument = models.CharField(max_length=12, choices=Instrument.choices, blank=True)
    deposited_on = models.DateField(
        _("instrument deposited"), null=True, blank=True, help_text=_("Ratification or accession.")
    )
    succeeded_on = models.DateField(
        _("date of succession"),
        null=True,
        blank=True,
        help_text=_("For a succession only: the day the successor state became independent."),
    )
    entry_into_force_on = models.DateField(null=True, blank=True, editable=False)
    declared_non_party_on = models.DateField(
        _("declared it does not intend to become a party"),
        null=True,
        blank=True,
        help_text=_("The date of the signatory's notification to the depositary."),
    )
    withdrawal_notified_on = models.DateField(null=True, blank=True)
    withdrawal_effective_on = models.DateField(null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500)
    source_note = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StatuteStateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deposited_on__isnull=True, instrument="")
                | Q(deposited_on__isnull=False) & ~Q(instrument=""),
                name="icc_state_instrument_with_date",
                violation_error_message=_(
                    "An instrument needs its deposit date, and a date its kind of instrument."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrawal_notified_on__isnull=True)
                | Q(
                    deposited_on__isnull=False,
                    withdrawal_effective_on__gt=F("withdrawal_notified_on"),
                ),
                name="icc_state_withdrawal_after_party",
                violation_error_message=_(
                    "Only a state that deposited an instrument can "
                    "withdraw, and the withdrawal takes effect after its notification."
                ),
            ),
            models.CheckConstraint(
                condition=Q(instrument=Instrument.SUCCESSION, succeeded_on__isnull=False)
                | ~Q(instrument=Instrument.SUCCESSION) & Q(succeeded_on__isnull=True),
                name="icc_state_succession_dated",
                violation_error_message=_(
                    "A succession, and only a succession, has the date the state succeeded."
                ),
            ),
            models.CheckConstraint(
                condition=Q(declared_non_party_on__isnull=True) | Q(signed_on__isnull=False),
                name="icc_state_declaration_by_signatory",
                violation_error_message=_("Only a signatory declares it will not ratify."),
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False) | Q(deposited_on__isnull=False),
                name="icc_state_signed_or_deposited",
                violation_error_message=_(
                    "A state is listed when it signed or deposited an instrument."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.entry_into_force_on = self.entry_into_force()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("icc:state", kwargs={"slug": self.slug})

    def entry_into_force(self) -> datetime.date | None:
        """Article 126 from the deposit; a successor state is bound from its succession."""
        if self.instrument == Instrument.SUCCESSION:
            return self.succeeded_on
        return entry_into_force(self.deposited_on) if self.deposited_on else None

    def status_on(self, day: datetime.date) -> StatuteStatus:
        if self.withdrawal_effective_on and self.withdrawal_effective_on <= day:
            return StatuteStatus.WITHDRAWN
        if self.entry_into_force_on and self.entry_into_force_on <= day:
            return StatuteStatus.PARTY
        if self.declared_non_party_on and self.declared_non_party_on <= day:
            return StatuteStatus.DECLARED_NON_PARTY
        if self.signed_on and self.signed_on <= day:
            return StatuteStatus.SIGNATORY
        return StatuteStatus.NON_PARTY
