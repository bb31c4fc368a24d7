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
