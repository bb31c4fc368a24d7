"""The closed lists of district polls."""

from django.db import models


class PollScope(models.TextChoices):
    NATIONAL = "national", "The whole country"
    STATES = "states", "Chosen states"
    DISTRICTS = "districts", "Chosen congressional districts"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    AGREEMENT = "agreement", "Agreement (5-point scale)"
    TEXT = "text", "Free text"


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

    AGE = "age_band", "Age"
    GENDER = "gender", "Gender"
    PARTY = "party", "Party identification"


class AgeBand(models.TextChoices):
    AGE_18_29 = "18-29", "18 to 29"
    AGE_30_44 = "30-44", "30 to 44"
    AGE_45_64 = "45-64", "45 to 64"
    AGE_65_PLUS = "65+", "65 or older"


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    ANOTHER = "another", "Another gender"


class Party(models.TextChoices):
    DEMOCRAT = "democrat", "Democrat"
    REPUBLICAN = "republican", "Republican"
    INDEPENDENT = "independent", "Independent"
    OTHER = "other", "Another party or none"


# Each demographic question's categories; a blank answer means "prefer not to say".
DEMOGRAPHIC_CATEGORIES: dict[str, type[models.TextChoices]] = {
    Demographic.AGE: AgeBand,
    Demographic.GENDER: Gender,
    Demographic.PARTY: Party,
}
