"""The closed lists of district polls."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PollScope(models.TextChoices):
    NATIONAL = "national", _("The whole country")
    STATES = "states", _("Chosen states")
    DISTRICTS = "districts", _("Chosen congressional districts")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    AGREEMENT = "agreement", _("Agreement (5-point scale)")
    TEXT = "text", _("Free text")


# The 5-point agreement scale, in order; an agreement question's options are these labels.
AGREEMENT_SCALE = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)


class Demographic(models.TextChoices):
    """The optional questions used for weighting; each has its own closed list below."""

    AGE = "age_band", _("Age")
    GENDER = "gender", _("Gender")
    PARTY = "party", _("Party identification")


class AgeBand(models.TextChoices):
    AGE_18_29 = "18-29", _("18 to 29")
    AGE_30_44 = "30-44", _("30 to 44")
    AGE_45_64 = "45-64", _("45 to 64")
    AGE_65_PLUS = "65+", _("65 or older")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another gender")


class Party(models.TextChoices):
    DEMOCRAT = "democrat", _("Democrat")
    REPUBLICAN = "republican", _("Republican")
    INDEPENDENT = "independent", _("Independent")
    OTHER = "other", _("Another party or none")


# Each demographic question's categories; a blank answer means "prefer not to say".
DEMOGRAPHIC_CATEGORIES: dict[str, type[models.TextChoices]] = {
    Demographic.AGE: AgeBand,
    Demographic.GENDER: Gender,
    Demographic.PARTY: Party,
}
