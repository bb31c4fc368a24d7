"""Funders and grants: internal records, staff-only; only listed funders' names are public.

A grant's status and its decision dates go together (awarded on, declined on): the model's
`clean` says what is missing in words, the check constraints hold the same rules for any
write that skips it. Amounts are in the grant's own currency and are never added across
currencies.
"""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from amicc.funding.choices import FunderKind, GrantStatus, ReportKind

# Statuses under which a grant's money was awarded; a closed grant counts once it was awarded.
AWARDED_STATUSES = (GrantStatus.AWARDED, GrantStatus.CLOSED)
UNDECIDED_STATUSES = (GrantStatus.PROSPECT, GrantStatus.APPLIED)


def currency_name(code: str) -> str:
    currency = pycountry.currencies.get(alpha_3=code.upper()) if len(code) == 3 else None
    return currency.name if currency else ""


def validate_currency(value: str) -> None:
    if not currency_name(value):
        raise ValidationError(
            "“%(value)s” is not an ISO 4217 currency code: enter three letters such as USD or EUR.",
            code="invalid_currency",
            params={"value": value},
        )


class Funder(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=FunderKind.choices)
    public_name = models.CharField(
        _("credited as"),
        max_length=200,
        blank=True,
        help_text=_(
            "How the funder wishes to be credited on the public Funders page. "
            "Left blank, the name is used."
        ),
    )
    website = models.URLField(blank=True)
    agreed_to_be_listed = models.BooleanField(
        default=False,
        help_text=_("Listed on the public Funders page once a grant from them is awarded."),
    )
    contact_notes = models.TextField(
        blank=True, help_text=_("Internal: contacts, program officers, history. Never public.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FunderKind.values), name="funding_funder_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(public_name=""), name="funding_funder_public_name_set"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = self.name.strip()
        self.public_name = self.public_name.strip() or self.name


class Grant(ClusterableModel):
    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="grants")
    title = models.CharField(max_length=200)
    reference = models.CharField(
        _("funder's reference"),
        max_length=100,
        blank=True,
        help_text=_("The grant number, if any."),
    )
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        help_text=_("Awarded, or for a prospect or an application the amount asked."),
    )
    currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency], help_text=_("ISO 4217 code.")
    )
    period_start = models.DateField(_("period starts"), null=True, blank=True)
    period_end = models.DateField(_("period ends"), null=True, blank=True)
    purpose = models.TextField(blank=True)
    restrictions = models.TextField(
        blank=True, help_text=_("What the money may and may not be spent on.")
    )
    status = models.CharField(
        max_length=20, choices=GrantStatus.choices, default=GrantStatus.PROSPECT
    )
    awarded_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_grant_amount_gte_0"),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="funding_grant_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=GrantStatus.values), name="funding_grant_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=GrantStatus.AWARDED)
                | Q(awarded_on__isnull=False, declined_on__isnull=True),
                name="funding_grant_awarded_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=GrantStatus.DECLINED)
                | Q(declined_on__isnull=False, awarded_on__isnull=True),
                name="funding_grant_declined_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=UNDECIDED_STATUSES)
                | Q(awarded_on__isnull=True, declined_on__isnull=True),
                name="funding_grant_undecided_undated",
            ),
            models.CheckConstraint(
                condition=~Q(status=GrantStatus.CLOSED) | Q(declined_on__isnull=True),
                name="funding_grant_closed_not_declined",
            ),
            models.UniqueConstraint(
                fields=["funder", "reference"],
                condition=~Q(reference=""),
                name="funding_grant_reference_unique_per_funder",
                violation_error_message=_("This funder already has a grant with this reference."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.funder})" if self.funder_id else self.title

    @property
    def was_awarded(self) -> bool:
        return self.status in AWARDED_STATUSES and self.awarded_on is not None

    def clean(self) -> None:
        self.currency = (self.currency or "").strip().upper()
        errors: dict[str, str] = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("Enter an amount of zero or more.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        errors.update(self._decision_errors())
        if errors:
            raise ValidationError(errors)

    def _decision_errors(self) -> dict[str, str]:
        status = self.status
        if status == GrantStatus.AWARDED and self.awarded_on is None:
            return {"awarded_on": _("Enter the date the grant was awarded.")}
        if status == GrantStatus.DECLINED and self.declined_on is None:
            return {"declined_on": _("Enter the date the funder declined.")}
        if status in (GrantStatus.AWARDED, GrantStatus.CLOSED) and self.declined_on:
            return {"declined_on": _("Only a declined grant has a date it was declined.")}
        if status == GrantStatus.DECLINED and self.awarded_on:
            return {"awarded_on": _("A declined grant has no award date: clear it.")}
        if status in UNDECIDED_STATUSES and (self.awarded_on or self.declined_on):
            field = "awarded_on" if self.awarded_on else "declined_on"
            return {field: _("A prospect or an application has no decision date yet: clear it.")}
        return {}


class GrantReport(models.Model):
    """A report owed to a funder; staff are reminded two weeks before it is due."""

    grant = ParentalKey(Grant, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=ReportKind.choices, default=ReportKind.INTERIM)
    title = models.CharField(
        max_length=200, blank=True, help_text=_("For example “Year 1 narrative”.")
    )
    due_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="funding_report_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.get_kind_display()}, due {self.due_on:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        # A report moved to another date is reminded about again before its new date.
        stored = getattr(self, "_stored_due_on", None)
        if stored is not None and stored != self.due_on and self.reminder_sent_at is not None:
            self.reminder_sent_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "reminder_sent_at"}
        super().save(*args, **kwargs)
        self._stored_due_on = self.due_on

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        report._stored_due_on = report.__dict__.get("due_on")
        return report
