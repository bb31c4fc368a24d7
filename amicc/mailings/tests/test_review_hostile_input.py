"""Review: hostile ids, NULs and half-sent StreamField posts answer 4xx, never 500."""

import pytest
from django.test import Client
from django.urls import reverse

from amicc.mailings.models import Newsletter
from amicc.mailings.tests.test_compose_fixtures import (  # noqa: F401
    coalition_fixture,
    mailing_fixture,
)

pytestmark = pytest.mark.django_db
BAD_IDS = ["abc", "1%00", "99999999999999999999", "x" * 300]


@pytest.fixture
def staff_client(coalition):
    client = Client(raise_request_exception=False)
    client.force_login(coalition.staff)
    return client


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("model", ["newsletter", "mailinglist", "suppression", "mailevent"])
def test_bulk_delete_with_bad_ids_is_not_a_500(staff_client, mailing, model, bad):
    url = f"/admin/bulk/mailings/{model}/delete/?id={bad}&next=/admin/"
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url).status_code == 404


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/mailings/choose-event/chosen/{}/",
        "/admin/mailings/choose-letter-campaign/chosen/{}/",
        "/admin/snippets/choose/mailings/newsletter/chosen/{}/",
    ],
)
def test_chosen_views_with_bad_ids_answer_404(staff_client, url, bad):
    assert staff_client.get(url.format(bad)).status_code == 404


@pytest.mark.parametrize("bad", BAD_IDS)
def test_chosen_multiple_with_bad_ids_is_not_a_500(staff_client, bad):
    response = staff_client.get(f"/admin/mailings/choose-event/chosen-multiple/?id={bad}")
    assert response.status_code == 200


def test_preview_search_with_a_nul_is_not_a_500(staff_client, mailing):
    url = reverse("mailings_admin:newsletter-preview", args=[mailing.draft_a.pk])
    assert staff_client.get(url, {"q": "amy\x00"}).status_code == 200


@pytest.mark.parametrize("body", [{}, {"body-count": "1"}, {"body-count": "x"}])
def test_a_newsletter_post_missing_its_blocks_is_a_form_error(staff_client, mailing, body):
    url = reverse(Newsletter.snippet_viewset.get_url_name("add"))
    data = {"title": "T", "slug": "t", "subject": "S", "mailing_list": mailing.list_a.pk, **body}
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert not Newsletter.objects.filter(slug="t").exists()
