"""The closed lists of the icc app."""

from django.db import models


class RegionalGroup(models.TextChoices):
    """The United Nations regional groups, by which the Assembly counts its members."""

    AFRICAN = "african", "African States"
    ASIA_PACIFIC = "asia_pacific", "Asia-Pacific States"
    EASTERN_EUROPEAN = "eastern_european", "Eastern European States"
    LATIN_AMERICAN_CARIBBEAN = "grulac", "Latin American and Caribbean States"
    WESTERN_EUROPEAN_OTHER = "weog", "Western European and other States"


class Instrument(models.TextChoices):
    """How a state consented to be bound by the Rome Statute."""

    RATIFICATION = "ratification", "Ratification"
    ACCESSION = "accession", "Accession"
    ACCEPTANCE = "acceptance", "Acceptance"
    APPROVAL = "approval", "Approval"
    SUCCESSION = "succession", "Succession"


class StatuteStatus(models.TextChoices):
    """Where a state stands with the Rome Statute on a given day."""

    PARTY = "party", "State party"
    SIGNATORY = "signatory", "Signatory"
    DECLARED_NON_PARTY = "declared_non_party", "Signatory that declared it will not ratify"
    WITHDRAWN = "withdrawn", "Withdrew"
    NON_PARTY = "non_party", "Not a party"


class Trigger(models.TextChoices):
    """How a situation reached the Court (Rome Statute, article 13)."""

    STATE_REFERRAL = "state_referral", "Referred by a state party"
    SECURITY_COUNCIL = "security_council", "Referred by the UN Security Council"
    PROPRIO_MOTU = "proprio_motu", "Opened by the Prosecutor on their own motion"


class CrimeCategory(models.TextChoices):
    GENOCIDE = "genocide", "Genocide"
    CRIMES_AGAINST_HUMANITY = "crimes_against_humanity", "Crimes against humanity"
    WAR_CRIMES = "war_crimes", "War crimes"
    AGGRESSION = "aggression", "Crime of aggression"
    ADMINISTRATION_OF_JUSTICE = (
        "administration_of_justice",
        ("Offences against the administration of justice"),
    )


class CaseStatus(models.TextChoices):
    AT_LARGE = "at_large", "At large"
    IN_CUSTODY = "in_custody", "In custody, before trial"
    AT_TRIAL = "at_trial", "At trial"
    CONVICTED = "convicted", "Convicted"
    ACQUITTED = "acquitted", "Acquitted"
    ENDED = "ended", "Proceedings ended"


class ElectedOffice(models.TextChoices):
    JUDGES = "judges", "Judges"
    PROSECUTOR = "prosecutor", "Prosecutor"
    DEPUTY_PROSECUTOR = "deputy_prosecutor", "Deputy Prosecutor"
    REGISTRAR = "registrar", "Registrar"
    PRESIDENT_OF_THE_ASSEMBLY = "asp_president", "President of the Assembly"
    BUREAU = "bureau", "Bureau of the Assembly"
    OTHER = "other", "Other"


class ApplicantRole(models.TextChoices):
    STUDENT = "student", "Student"
    SCHOLAR = "scholar", "Scholar or teacher"
    MEMBER_ORGANIZATION = "member_organization", "Staff of a member organization"
    OTHER = "other", "Other"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
