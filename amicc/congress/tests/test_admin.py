import pytest
from django.urls import reverse

from amicc.congress.models import Bill, Legislator, ZipDistrict
from amicc.congress.tests.conftest import DATA, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, members):
    run("import_bills", str(DATA / "bills"))
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="x"
    )
    client.force_login(user)
    return client


def url(model, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_congress_{model._meta.model_name}:{view}", args=args)


def test_congress_menu_lists_members_bills_and_zip_codes(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Congress" in html
    for model in (Legislator, Bill, ZipDistrict):
        assert url(model, "list") in html


def test_members_list_filters_and_search(admin_client):
    listing = url(Legislator, "list")

    html = admin_client.get(listing, {"current_state": "WY"}).content.decode()
    assert "Henry Holt" in html and "Grace Gillam" in html and "Celia Cho" not in html

    html = admin_client.get(listing, {"current_chamber": "sen", "current_party": "Democrat"})
    assert "Alma R. Ashford" in html.content.decode()
    assert "Celia Cho" not in html.content.decode()

    html = admin_client.get(listing, {"is_current": "false"}).content.decode()
    assert "Edith Ellery" in html and "Celia Cho" not in html

    html = admin_client.get(listing, {"q": "dunm"}).content.decode()
    assert "Daniel E. Dunmore, Jr." in html and "Celia Cho" not in html


def test_bills_and_zip_codes_lists(admin_client):
    html = admin_client.get(url(Bill, "list"), {"q": "resolution"}).content.decode()
    assert "Test resolution" in html and "Illegitimate Court" not in html

    html = admin_client.get(url(ZipDistrict, "list"), {"state": "WY"}).content.decode()
    assert "82930" in html and "10001" not in html


def test_imported_data_is_read_only(admin_client):
    cho = Legislator.objects.get(bioguide_id="C900003")

    assert admin_client.get(url(Legislator, "inspect", cho.pk)).status_code == 200
    home = reverse("wagtailadmin_home")
    for model, pk in ((Legislator, cho.pk), (Bill, Bill.objects.first().pk)):
        # Wagtail answers a permission it refuses by sending the user to the dashboard.
        assert admin_client.get(url(model, "edit", pk)).url == home
        assert admin_client.get(url(model, "add")).url == home
        assert admin_client.post(url(model, "delete", pk)).url == home
    assert Legislator.objects.filter(pk=cho.pk).exists()
    listing = admin_client.get(url(Legislator, "list")).content.decode()
    assert url(Legislator, "add") not in listing
