"""Staff-only outreach records stay out of the choosers and bulk actions of other roles.

Wagtail's own snippet chooser checks no permission and its bulk delete names the records a
user may not delete: both would show requests, speakers and journalists to coordinators.
"""

import pytest
from django.urls import reverse

from amicc.outreach.models import MediaContact, PresentationRequest, Speaker
from amicc.outreach.tests.factories import (
    MediaContactFactory,
    PresentationRequestFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db) -> dict:
    return {
        MediaContact: MediaContactFactory(name="Jenny Journalist"),
        PresentationRequest: PresentationRequestFactory(organization="Quiet Congregation"),
        Speaker: SpeakerFactory(name="Sally Speaker"),
    }


def _reach_urls(model, pk: int) -> list[str]:
    chooser = model.snippet_viewset.chooser_viewset
    meta = model._meta
    return [
        reverse(chooser.get_url_name("choose")),
        reverse(chooser.get_url_name("choose_results")),
        reverse(chooser.get_url_name("chosen"), args=[pk]),
        reverse(chooser.get_url_name("chosen_multiple")) + f"?id={pk}",
        f"/admin/bulk/{meta.app_label}/{meta.model_name}/delete/?id={pk}",
    ]


@pytest.mark.parametrize("model", [MediaContact, PresentationRequest, Speaker])
def test_coordinators_find_no_staff_only_record_in_choosers_or_bulk_actions(
    client, coalition, records, model
):
    record = records[model]
    client.force_login(coalition.coordinator)
    for address in _reach_urls(model, record.pk):
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert str(record).split(" (")[0] not in response.content.decode(), address


@pytest.mark.parametrize("model", [MediaContact, PresentationRequest, Speaker])
def test_staff_still_choose_and_bulk_delete_them(client, coalition, records, model):
    record = records[model]
    client.force_login(coalition.staff)
    chosen, bulk = _reach_urls(model, record.pk)[2], _reach_urls(model, record.pk)[4]
    assert client.get(chosen).json()["result"]["id"] == str(record.pk)
    response = client.get(bulk)
    assert response.status_code == 200
    assert str(record).split(" (")[0] in response.content.decode()
