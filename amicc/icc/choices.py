"""The closed lists of the icc app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionalGroup(models.TextChoices):
    """The United Nations regional groups, by which the Assembly counts its members."""

    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHER = "weog", _("Western European and other States")


class Instrument(models.TextChoices):
    """How a state consented to be bound by the Rome Statute."""

    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    SUCCESSION = "succession", _("Succession")


class StatuteStatus(models.TextChoices):
    """Where a state stands with the Rome Statute on a given day."""

    PARTY = "party", _("State party")
    SIGNATORY = "signatory", _("Signatory")
    DECLARED_NON_PARTY = "declared_non_party", _("Signatory that declared it will not ratify")
    WITHDRAWN = "withdrawn", _("Withdrew")
    NON_PARTY = "non_party", _("Not a party")


class Trigger(models.TextChoices):
    """How a situation reached the Court (Rome Statute, article 13)."""

    STATE_REFERRAL = "state_referral", _("Referred by a state party")
    SECURITY_COUNCIL = "security_council", _("Referred by the UN Security Council")
    PROPRIO_MOTU = "proprio_motu", _("Opened by the Prosecutor on their own motion")


class CrimeCategory(models.TextChoices):
    GENOCIDE = "genocide", _("Genocide")
    CRIMES_AGAINST_HUMANITY = "crimes_against_humanity", _("Crimes against humanity")
    WAR_CRIMES = "war_crimes", _("War crimes")
    AGGRESSION = "aggression", _("Crime of aggression")
    ADMINISTRATION_OF_JUSTICE = (
        "administration_of_justice",
        _("Offences against the administration of justice"),
    )


class CaseStatus(models.TextChoices):
    AT_LARGE = "at_large", pgettext_lazy("suspect", "At large")
    IN_CUSTODY = "in_custody", _("In custody, before trial")
    AT_TRIAL = "at_trial", _("At trial")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    ENDED = "ended", _("Proceedings ended")


class ElectedOffice(models.TextChoices):
    JUDGES = "judges", _("Judges")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    DEPUTY_PROSECUTOR = "deputy_prosecutor", _("Deputy Prosecutor")
    REGISTRAR = "registrar", _("Registrar")
    PRESIDENT_OF_THE_ASSEMBLY = "asp_president", _("President of the Assembly")
    BUREAU = "bureau", _("Bureau of the Assembly")
    OTHER = "other", _("Other")


class ApplicantRole(models.TextChoices):
    STUDENT = "student", _("Student")
    SCHOLAR = "scholar", _("Scholar or teacher")
    MEMBER_ORGANIZATION = "member_organization", _("Staff of a member organization")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
