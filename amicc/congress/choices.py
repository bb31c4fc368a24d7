"""The closed lists of the congress app."""

from django.db import models


class Chamber(models.TextChoices):
    """A chamber of Congress, with the codes of the congress-legislators `type` field."""

    SENATE = "sen", "Senate"
    HOUSE = "rep", "House of Representatives"


class Gender(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"


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

    BILL = "bill", "Bill"
    RESOLUTION = "resolution", "Resolution"
    AMENDMENT = "amendment", "Amendment or rider"
    STATUTE = "statute", "Law in force"
    EXECUTIVE_ORDER = "executive_order", "Executive order"
    SANCTIONS = "sanctions", "Sanctions designation"
    STATEMENT = "statement", "Official statement"
    TREATY_ACTION = "treaty_action", "Treaty action"


class Position(models.TextChoices):
    """The coalition's position on a watchlist item."""

    SUPPORT = "support", "Support"
    OPPOSE = "oppose", "Oppose"
    MONITOR = "monitor", "Monitor"


class WatchlistStatus(models.TextChoices):
    """Where a watchlist item stands, in words that fit bills and executive actions alike."""

    PENDING = "pending", "Pending"
    ADVANCING = "advancing", "Passed one chamber"
    STALLED = "stalled", "Stalled or failed"
    IN_FORCE = "in_force", "In force"
    REVOKED = "revoked", "Revoked or repealed"
    CLOSED = "closed", "Closed"


class VotePosition(models.TextChoices):
    """A member's recorded position on a roll call (the unitedstates/congress vote keys)."""

    YEA = "yea", "Yea"
    NAY = "nay", "Nay"
    PRESENT = "present", "Present"
    NOT_VOTING = "not_voting", "Not voting"


class LetterTargets(models.TextChoices):
    """Whom an action alert's letters go to."""

    BOTH = "both", "Senators and representative"
    SENATORS = "senators", "Senators only"
    REPRESENTATIVE = "representative", "Representative only"


class LetterDelivery(models.TextChoices):
    """How a letter reached, or is to reach, its office."""

    QUEUED = "queued", "Queued for email"
    EMAILED = "emailed", "Emailed to the office"
    CONTACT_FORM = "contact_form", "Sender given the office's contact form"
    FAILED = "failed", "Email failed"


class OfficeKind(models.TextChoices):
    """The kind of office a visit was made to."""

    CONGRESS_DISTRICT = "congress_district", "Member of Congress: district or state office"
    CONGRESS_WASHINGTON = "congress_washington", "Member of Congress: Washington office"
    STATE_LEGISLATURE = "state_legislature", "State legislative office"


class Stance(models.TextChoices):
    """The coalition's assessment of where a member of Congress stands on the ICC."""

    CHAMPION = "champion", "Champion of the Court"
    SUPPORTIVE = "supportive", "Supportive"
    UNDECIDED = "undecided", "Undecided or mixed"
    OPPOSED = "opposed", "Opposed"
