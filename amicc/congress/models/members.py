"""Members of Congress, their terms and their offices in the states and districts."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import DELEGATE_ONLY, USState
from amicc.congress.choices import Chamber, Gender
from amicc.congress.models.checks import in_choices

# The resident commissioner of Puerto Rico sits in the House like the delegates.
RESIDENT_COMMISSIONER_STATE = "PR"


def display_name_for(
    *, first: str, middle: str, last: str, suffix: str, nickname: str, official_full: str
) -> str:
    """The name to show: `official_full` when the source has it, else one built from parts.

    The built name follows how `official_full` is usually written: the nickname in place of
    the first name and middle name ("Bernie Sanders"), otherwise the middle name as
    initials ("James E. Clyburn"); "Jr."/"Sr." after a comma, numerals without ("III").
    """
    if official_full.strip():
        return official_full.strip()
    parts = [nickname or first]
    if middle and not nickname:
        parts.append(" ".join(w if w.endswith(".") else f"{w[0]}." for w in middle.split()))
    parts.append(last)
    name = " ".join(p.strip() for p in parts if p and p.strip())
    if suffix:
        name += f", {suffix}" if suffix.endswith(".") else f" {suffix}"
    return name


def district_label(state: str, district: int | None) -> str:
    """ "California, district 12", "Wyoming, at large"; the state alone for senators."""
    try:
        state_name = USState(state).label
    except ValueError:
        state_name = state
    if district is None:
        return state_name
    if district == 0:
        return gettext("%(state)s, at large") % {"state": state_name}
    return gettext("%(state)s, district %(district)s") % {"state": state_name, "district": district}


class LegislatorQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Legislator(models.Model):
    """A member of Congress, keyed by the Bioguide id.

    The `current_*` fields copy the current term (the last one, while its end is in the
    future) so a ZIP lookup needs no join; members who leave keep their row and terms.
    """

    bioguide_id = models.CharField(_("Bioguide id"), max_length=10, unique=True)
    first_name = models.CharField(max_length=100)
    middle_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    suffix = models.CharField(max_length=20, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    official_full = models.CharField(_("official full name"), max_length=200, blank=True)
    display_name = models.CharField(max_length=200)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    birthday = models.DateField(null=True, blank=True)
    ids = models.JSONField(
        _("other ids"), default=dict, blank=True, help_text=_("GovTrack, THOMAS, FEC, … by name.")
    )
    social = models.JSONField(_("social media"), default=dict, blank=True)

    is_current = models.BooleanField(_("serving now"), default=False)
    current_term = models.OneToOneField(
        "Term", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_chamber = models.CharField(max_length=3, choices=Chamber.choices, blank=True)
    current_state = models.CharField(max_length=2, choices=USState.choices, blank=True)
    current_district = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("0 for an at-large seat; empty for senators.")
    )
    current_party = models.CharField(max_length=50, blank=True)

    objects = LegislatorQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "bioguide_id"]
        indexes = [
            # The ZIP lookup: current members by state, chamber and district.
            models.Index(
                fields=["current_state", "current_chamber", "current_district"],
                condition=Q(is_current=True),
                name="congress_legislator_seat_idx",
            ),
            models.Index(fields=["last_name", "first_name"], name="congress_legislator_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        is_current=False,
                        current_term__isnull=True,
                        current_chamber="",
                        current_state="",
                        current_district__isnull=True,
                        current_party="",
                    )
                    | (
                        Q(is_current=True, current_term__isnull=False)
                        & ~Q(current_chamber="")
                        & ~Q(current_state="")
                    )
                ),
                name="congress_legislator_current_fields",
                violation_error_message=_(
                    "A current member needs a current term, chamber and "
                    "state; a former member has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(current_chamber=Chamber.SENATE, current_district__isnull=True)
                | Q(current_chamber=Chamber.HOUSE, current_district__isnull=False)
                | Q(current_chamber=""),
                name="congress_legislator_current_seat",
                violation_error_message=_("Representatives have a district, senators none."),
            ),
            models.CheckConstraint(
                condition=in_choices("current_chamber", Chamber, blank=True),
                name="congress_legislator_chamber_valid",
            ),
            models.CheckConstraint(
                condition=in_choices("current_state", USState, blank=True),
                name="congress_legislator_state_valid",
            ),
            models.CheckConstraint(
                condition=in_choices("gender", Gender, blank=True),
                name="congress_legislator_gender_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.display_name = display_name_for(
            first=self.first_name,
            middle=self.middle_name,
            last=self.last_name,
            suffix=self.suffix,
            nickname=self.nickname,
            official_full=self.official_full,
        )
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        """How the member is addressed: Senator, Representative, Delegate, …"""
        if not self.is_current:
            return ""
        if self.current_chamber == Chamber.SENATE:
            return gettext("Senator")
        if self.current_state == RESIDENT_COMMISSIONER_STATE:
            return gettext("Resident Commissioner")
        if self.current_state in DELEGATE_ONLY:
            return gettext("Delegate")
        return gettext("Representative")

    @property
    def seat(self) -> str:
        """ "New York" for a senator, "New York, district 12" for a representative."""
        if not self.is_current:
            return ""
        return district_label(self.current_state, self.current_district)


class Term(models.Model):
    """One term in the Senate or the House, as the congress-legislators data lists it.

    The CSV layout of that project gives only the current term and no dates: such a term is
    stored undated (one per member at most) until a YAML or JSON import brings the history.
    """

    legislator = models.ForeignKey(Legislator, on_delete=models.CASCADE, related_name="terms")
    type = models.CharField(max_length=3, choices=Chamber.choices)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("0 for an at-large seat; empty for senators.")
    )
    senate_class = models.PositiveSmallIntegerField(_("class"), null=True, blank=True)
    party = models.CharField(max_length=50, blank=True)
    url = models.URLField(_("website"), max_length=300, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    contact_form = models.URLField(max_length=300, blank=True)
    office = models.CharField(max_length=200, blank=True)
    rss_url = models.URLField(_("RSS feed"), max_length=300, blank=True)

    class Meta:
        ordering = ["legislator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["legislator", "start"], name="congress_term_unique_start"
            ),
            models.UniqueConstraint(
                fields=["legislator"],
                condition=Q(start__isnull=True),
                name="congress_term_one_undated",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, end__gt=F("start")),
                name="congress_term_dates",
                violation_error_message=_(
                    "A term has both dates, the end after the start, or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(type=Chamber.SENATE, district__isnull=True)
                | Q(type=Chamber.HOUSE, district__isnull=False, senate_class__isnull=True),
                name="congress_term_seat",
                violation_error_message=_("Representatives have a district, senators none."),
            ),
            models.CheckConstraint(
                condition=Q(senate_class__isnull=True) | Q(senate_class__in=[1, 2, 3]),
                name="congress_term_class_valid",
            ),
            models.CheckConstraint(
                condition=in_choices("type", Chamber), name="congress_term_type_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("state", USState), name="congress_term_state_valid"
            ),
        ]

    def __str__(self) -> str:
        years = f" {self.start:%Y}–{self.end:%Y}" if self.start and self.end else ""
        return f"{self.get_type_display()}, {district_label(self.state, self.district)}{years}"


class DistrictOffice(models.Model):
    """An office of a member in their state or district (legislators-district-offices)."""

    legislator = models.ForeignKey(
        Legislator, on_delete=models.CASCADE, related_name="district_offices"
    )
    office_id = models.CharField(max_length=100, unique=True)
    address = models.CharField(max_length=300, blank=True)
    suite = models.CharField(max_length=100, blank=True)
    building = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["legislator", "city", "office_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="congress_office_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="congress_office_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legislator}: {self.city or self.office_id}"
