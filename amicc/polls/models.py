"""District polls: what a poll asks, who answered from where, and the running tallies.

A response is anonymous: it keeps the district the respondent's ZIP code placed them in,
their optional demographic answers and their answers, never a name, an email or the ZIP
code itself. The tallies are kept up to date in the same transaction as each response,
so results are read from a few thousand rows whatever the number of responses.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from amicc.coalition.geography import USState
from amicc.polls.choices import AgeBand, Demographic, Gender, Party, PollScope, QuestionKind

DEFAULT_MIN_CELL_SIZE = 10


def _in(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    return Q(**{f"{field}__in": [*choices.values, *([""] if blank else [])]})


class PollQuerySet(models.QuerySet):
    def with_published_results(self):
        return self.filter(results_published=True)


class Poll(ClusterableModel):
    """A poll run by the coalition's staff (no alliance) or by an alliance."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    introduction = models.TextField(blank=True)
    alliance = models.ForeignKey(
        "coalition.Alliance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="polls",
        help_text=_("Empty for a poll run by the coalition's staff."),
    )
    scope = models.CharField(max_length=20, choices=PollScope.choices, default=PollScope.NATIONAL)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    asks_age = models.BooleanField(_("asks the age band"), default=False)
    asks_gender = models.BooleanField(_("asks the gender"), default=False)
    asks_party = models.BooleanField(_("asks the party identification"), default=False)
    weighted = models.BooleanField(
        _("show weighted results"),
        default=False,
        help_text=_("Rake responses to the population margins entered for each district."),
    )
    min_cell_size = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=DEFAULT_MIN_CELL_SIZE,
        help_text=_("Groups with fewer responses than this are not shown as percentages."),
    )
    results_published = models.BooleanField(_("results published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_in("scope", PollScope), name="polls_poll_scope"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="polls_poll_closes_after_opening",
                violation_error_message="A poll closes after it opens.",
            ),
            models.CheckConstraint(
                condition=Q(min_cell_size__gte=1), name="polls_poll_min_cell_size_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("polls:poll", kwargs={"slug": self.slug})

    @property
    def demographics(self) -> list[Demographic]:
        """The demographic questions this poll asks, in a fixed order."""
        asked = {
            Demographic.AGE: self.asks_age,
            Demographic.GENDER: self.asks_gender,
            Demographic.PARTY: self.asks_party,
        }
        return [dimension for dimension, asks in asked.items() if asks]


class PollArea(models.Model):
    """A state (no district) or a district a poll with a limited scope is open to."""

    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="areas")
    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Empty for the whole state; 0 for an at-large seat.")
    )

    class Meta:
        ordering = ["state", "district"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "state", "district"], name="polls_area_unique"),
            models.CheckConstraint(condition=_in("state", USState), name="polls_area_state"),
        ]

    def __str__(self) -> str:
        return self.state if self.district is None else f"{self.state}-{self.district}"


class PollQuestion(Orderable, ClusterableModel):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(default=True)
    help_text = models.CharField(max_length=300, blank=True)

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=_in("kind", QuestionKind), name="polls_question_kind")
        ]

    def __str__(self) -> str:
        return self.text


class PollOption(Orderable):
    """A choice of a single, multiple or agreement question (agreement: the 5-point scale)."""

    question = ParentalKey(PollQuestion, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.label


class PollResponse(models.Model):
    """One person's anonymous answers, placed in a district by their ZIP code.

    `browser_key` is a hash of the random token kept in the respondent's browser; it is
    unique per poll, which is what refuses a second response from the same browser.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="responses")
    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(help_text=_("0 for an at-large seat."))
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    party = models.CharField(max_length=20, choices=Party.choices, blank=True)
    browser_key = models.CharField(max_length=64, editable=False)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "browser_key"],
                name="polls_one_response_per_browser",
                violation_error_message=_("This browser has already answered this poll."),
            ),
            models.CheckConstraint(condition=_in("state", USState), name="polls_response_state"),
            models.CheckConstraint(
                condition=_in("age_band", AgeBand, blank=True), name="polls_response_age_band"
            ),
            models.CheckConstraint(
                condition=_in("gender", Gender, blank=True), name="polls_response_gender"
            ),
            models.CheckConstraint(
                condition=_in("party", Party, blank=True), name="polls_response_party"
            ),
        ]
        indexes = [models.Index(fields=["poll", "state", "district"])]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.poll_id}"


class PollAnswer(models.Model):
    """One chosen option (one row per option of a multiple-choice answer) or a free text."""

    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(PollQuestion, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        PollOption, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(option__isnull=False, text="") | Q(option__isnull=True) & ~Q(text=""),
                name="polls_answer_option_or_text",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"], name="polls_answer_option_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id} in response {self.response_id}"


# Tallies. `option_key` is the option's id, or ANSWERED for "answered this question" (the
# denominator of a question's proportions). The key is a plain integer rather than a
# nullable foreign key so that the unique constraint, which the upsert relies on, also
# holds for the ANSWERED rows (NULLs never conflict in a unique index).
ANSWERED = 0


class PollTally(models.Model):
    """How many respondents in a district chose an option (or answered the question)."""

    question = models.ForeignKey(PollQuestion, on_delete=models.CASCADE, related_name="+")
    option_key = models.IntegerField()
    state = models.CharField(max_length=2)
    district = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "option_key", "state", "district"], name="polls_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.option_key} in {self.state}-{self.district}: {self.count}"


class PollCellTally(models.Model):
    """The same counts split by demographic cell, for weighting; kept for weighted polls.

    Rows with `question_key` 0 count respondents per cell (what raking adjusts).
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+")
    question_key = models.IntegerField(help_text=_("The question's id; 0 counts respondents."))
    option_key = models.IntegerField()
    state = models.CharField(max_length=2)
    district = models.PositiveSmallIntegerField()
    age_band = models.CharField(max_length=10, blank=True)
    gender = models.CharField(max_length=10, blank=True)
    party = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "poll", "question_key", "option_key", "state", "district",
                    "age_band", "gender", "party",
                ],
                name="polls_cell_tally_key",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return (
            f"{self.question_key}/{self.option_key} in {self.state}-{self.district}: {self.count}"
        )


class DistrictPopulationMargin(models.Model):
    """The share of a district's adult population in one demographic category.

    Staff enter these (from the census or a voter file); raking adjusts a weighted poll's
    responses in the district so their shares match. A dimension's shares for a district
    should add up to 1; the weighting uses only complete dimensions.
    """

    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(help_text=_("0 for an at-large seat."))
    dimension = models.CharField(max_length=20, choices=Demographic.choices)
    category = models.CharField(max_length=20)
    share = models.DecimalField(max_digits=5, decimal_places=4)

    class Meta:
        ordering = ["state", "district", "dimension", "category"]
        verbose_name = _("district population margin")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "district", "dimension", "category"],
                name="polls_margin_unique",
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0, share__lte=1), name="polls_margin_share_range"
            ),
            models.CheckConstraint(
                condition=_in("dimension", Demographic), name="polls_margin_dimension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}-{self.district} {self.dimension}={self.category}: {self.share}"
