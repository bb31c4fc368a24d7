"""Finding a person by email, which every public form does: any case, through the index.

bench/load found sign-ups, RSVPs and letters spending 60-110 ms each at 200,000 people on
a scan of the people table: `email__iexact` cannot use the unique index on Lower(email).
"""

import pytest
from django.db import connection, transaction

from amicc.coalition.models import Person
from amicc.coalition.services.people import (
    _with_email,
    person_find_by_email,
    person_get_or_create,
)
from amicc.mailings.sending import transactional_queue

pytestmark = pytest.mark.django_db

INDEX = "coalition_person_email_ci_unique"


def test_a_person_is_found_whatever_the_case_typed():
    person, created = person_get_or_create(email="Grace.Hopper@Example.org", name="Grace")
    assert created and person.email == "grace.hopper@example.org"
    again, created = person_get_or_create(email="  GRACE.HOPPER@example.ORG ", name="G. Hopper")
    assert not created and again.pk == person.pk
    assert person_find_by_email(email="grace.hopper@EXAMPLE.org").pk == person.pk
    assert person_find_by_email(email="ada@example.org") is None
    assert Person.objects.count() == 1


def test_an_erased_person_without_email_is_never_found():
    Person.objects.create(name="Erased", email=None)
    assert person_find_by_email(email="") is None
    person, created = person_get_or_create(email="new@example.org", name="New")
    assert created and Person.objects.count() == 2


def test_the_lookup_uses_the_case_insensitive_index():
    Person.objects.bulk_create(
        Person(name=f"P {n}", email=f"person{n}@example.org") for n in range(200)
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A table this small is cheaper to scan; ask whether the index can serve at all.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _with_email(Person.objects.select_for_update(), "Person7@Example.org").explain()
    # A search by the index's key. `email__iexact` fails this on both databases: a table
    # scan, or on SQLite a read of the whole index ("SCAN … USING INDEX").
    assert INDEX in plan and ("SEARCH" in plan or "Index Cond" in plan), plan


def test_transactional_mail_links_the_person_by_email_in_any_case():
    person, _ = person_get_or_create(email="ada@example.org", name="Ada")
    deliveries = transactional_queue(
        to=["Ada <ADA@Example.org>", "nobody@example.org"],
        template="",
        subject="Hello",
        text="Hello",
        html="<p>Hello</p>",
    )
    assert {d.email: d.person_id for d in deliveries} == {
        "ADA@Example.org": person.pk,
        "nobody@example.org": None,
    }
