"""Factories for funders, grants and reports. `GrantFactory(awarded=True)` is awarded."""

import datetime
from decimal import Decimal

import factory

from amicc.funding.choices import FunderKind, GrantStatus, ReportKind
from amicc.funding.models import Funder, Grant, GrantReport


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Sample Foundation {n}")
    kind = FunderKind.INSTITUTION
    public_name = factory.LazyAttribute(lambda funder: funder.name)
    agreed_to_be_listed = True


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    class Params:
        awarded = factory.Trait(status=GrantStatus.AWARDED, awarded_on=datetime.date(2025, 3, 1))

    funder = factory.SubFactory(FunderFactory)
    title = factory.Sequence(lambda n: f"Sample grant {n}")
    amount = Decimal("10000.00")
    currency = "USD"
    status = GrantStatus.PROSPECT


class GrantReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantReport

    grant = factory.SubFactory(GrantFactory, awarded=True)
    kind = ReportKind.INTERIM
    due_on = datetime.date(2026, 1, 1)
