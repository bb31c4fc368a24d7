"""The closed lists of the congress app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Chamber(models.TextChoices):
    """A chamber of Congress, with the codes of the congress-legislators `type` field."""

    SENATE = "sen", _("Senate")
    HOUSE = "rep", _("House of Representatives")


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class BillType(models.TextChoices):
    """Bill and resolution types as the unitedstates/congress scraper names them."""

    HR = "hr", "H.R."
    HRES = "hres", "H.Res."
    HJRES = "hjres", "H.J.Res."
    HCONRES = "hconres", "H.Con.Res."
    S = "s", "S."
    SRES = "sres", "S.Res."
    SJRES = "sjres", "S.J.Res."
    SCONRES = "sconres", "S.Con.Res."


class WatchlistKind(models.TextChoices):
    """What kind of government action a watchlist item is."""

    BILL = "bill", _("Bill")
    RESOLUTION = "resolution", _("Resolution")
    AMENDMENT = "amendment", _("Amendment or rider")
    STATUTE = "statute", _("Law in force")
    EXECUTIVE_ORDER = "executive_order", _("Executive order")
    SANCTIONS = "sanctions", _("Sanctions designation")
    STATEMENT = "statement", _("Official statement")
    TREATY_ACTION = "treaty_action", _("Treaty action")


class Position(models.TextChoices):
    """The coalition's position on a watchlist item."""

    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    MONITOR = "monitor", _("Monitor")


class WatchlistStatus(models.TextChoices):
    """Where a watchlist item stands, in words that fit bills and executive actions alike."""

    PENDING = "pending", _("Pending")
    ADVANCING = "advancing", _("Passed one chamber")
    STALLED = "stalled", _("Stalled or failed")
    IN_FORCE = "in_force", _("In force")
    REVOKED = "revoked", _("Revoked or repealed")
    CLOSED = "closed", _("Closed")


class VotePosition(models.TextChoices):
    """A member's recorded position on a roll call (the unitedstates/congress vote keys)."""

    YEA = "yea", _("Yea")
    NAY = "nay", _("Nay")
    PRESENT = "present", _("Present")
    NOT_VOTING = "not_voting", _("Not voting")


class LetterTargets(models.TextChoices):
    """Whom an action alert's letters go to."""

    BOTH = "both", _("Senators and representative")
    SENATORS = "senators", _("Senators only")
    REPRESENTATIVE = "representative", _("Representative only")


class LetterDelivery(models.TextChoices):
    """How a letter reached, or is to reach, its office."""

    QUEUED = "queued", _("Queued for email")
    EMAILED = "emailed", _("Emailed to the office")
    CONTACT_FORM = "contact_form", _("Sender given the office's contact form")
    FAILED = "failed", _("Email failed")


class OfficeKind(models.TextChoices):
    """The kind of office a visit was made to."""

    CONGRESS_DISTRICT = "congress_district", _("Member of Congress: district or state office")
    CONGRESS_WASHINGTON = "congress_washington", _("Member of Congress: Washington office")
    STATE_LEGISLATURE = "state_legislature", _("State legislative office")


class Stance(models.TextChoices):
    """The coalition's assessment of where a member of Congress stands on the ICC."""

    CHAMPION = "champion", _("Champion of the Court")
    SUPPORTIVE = "supportive", _("Supportive")
    UNDECIDED = "undecided", _("Undecided or mixed")
    OPPOSED = "opposed", _("Opposed")
