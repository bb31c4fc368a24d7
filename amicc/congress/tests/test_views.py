import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amicc.congress.models import ActionAlert, WatchlistItem
from amicc.congress.tests.conftest import DATA, run

pytestmark = pytest.mark.django_db

URL = reverse("congress:representatives")


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def assert_headings_in_order(html: str) -> None:
    levels = headings(html)
    assert levels[0] == 1
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1, levels


def page(client, query: str, status: int = 200) -> str:
    response = client.get(f"{URL}{query}")
    assert response.status_code == status
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html  # strict CSP: nothing inline
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert_headings_in_order(main)
    return main


def test_empty_form(client, site_tree):
    html = page(client, "")
    assert '<label for="id_zip">ZIP code</label>' in html
    assert 'aria-describedby="zip-help"' in html
    assert "Your members of Congress" not in html


def test_senators_and_representative(client, site_tree, members):
    html = page(client, "?zip=10002")

    assert "Your members of Congress for ZIP code 10002" in html
    assert "Senators for New York" in html
    assert "Senator Alma R. Ashford" in html and "Senator Ben Brandt" in html
    assert "Representative Celia Cho" in html
    assert "New York, district 10" in html
    assert '<a href="tel:202-555-0103">202-555-0103</a>' in html
    assert "1001 Longworth House Office Building" in html
    assert 'href="https://cho.house.example"' in html
    assert 'href="https://cho.house.example/contact"' in html
    assert "crosses district lines" not in html


def test_zip_plus_four(client, site_tree, members):
    assert "Representative Celia Cho" in page(client, "?zip=10002-1234")


def test_split_zip_shows_every_candidate_and_narrows(client, site_tree, members):
    html = page(client, "?zip=10001")

    assert "ZIP code 10001 crosses district lines" in html
    assert "Representative Celia Cho" in html and "Representative Daniel E. Dunmore, Jr." in html
    assert 'type="radio" name="district" id="district-12" value="12"' in html
    assert "<legend>Which district do you live in?</legend>" in html

    narrowed = page(client, "?zip=10001&district=12")
    assert "Representative Daniel E. Dunmore, Jr." in narrowed
    assert "Representative Celia Cho" not in narrowed
    assert 'id="district-12" value="12" checked' in narrowed


def test_dc_shows_its_delegate_and_no_senators(client, site_tree, members):
    html = page(client, "?zip=20001")

    assert "Delegate Keisha King" in html
    assert "The District of Columbia has no senators" in html
    assert "Senators for" not in html


def test_puerto_rico_has_a_resident_commissioner(client, site_tree, members):
    html = page(client, "?zip=00601")
    assert "Resident Commissioner Luis Lugo" in html
    assert "Puerto Rico has no senators" in html and "one resident commissioner" in html


def test_vacant_seat(client, site_tree, members):
    html = page(client, "?zip=82930")
    assert "Senators for Utah" in html and "Senators for Wyoming" in html
    assert "This seat is vacant at the moment." in html
    assert 'value="UT-3"' in html


@pytest.mark.parametrize("typed", ["abc", "1234", "10001-12"])
def test_malformed_zip_shows_the_form_with_its_error(client, site_tree, typed):
    html = page(client, f"?zip={typed}", status=400)

    assert "Enter a ZIP code of five digits" in html
    assert 'id="zip-error"' in html
    assert 'aria-describedby="zip-help zip-error" aria-invalid="true"' in html
    assert f'value="{typed}"' in html


def test_missing_zip(client, site_tree):
    assert "Enter your ZIP code." in page(client, "?zip=", status=400)


def test_unknown_zip(client, site_tree, members):
    html = page(client, "?zip=99999", status=404)
    assert "No congressional district found for ZIP code 99999" in html


@pytest.mark.parametrize("district", ["7", "zz"])
def test_district_not_in_the_zip(client, site_tree, members, district):
    html = page(client, f"?zip=10001&district={district}", status=400)

    assert "Choose one of the districts listed." in html
    assert 'aria-describedby="district-error"' in html
    assert "Representative Celia Cho" in html and "Representative Daniel E. Dunmore, Jr." in html


def test_bounded_queries(client, site_tree, members, settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 0
    client.get(f"{URL}?zip=10002")  # warm the per-site caches
    counts = []
    for query in ("?zip=10002", "?zip=10001", "?zip=82930", "?zip=20001"):
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{URL}{query}")
        counts.append(len(queries))
    # The ZIP code's districts, the members, and the open letter campaigns.
    assert counts == [3, 3, 3, 3]


def test_open_letter_campaigns_are_offered_with_the_zip_code(client, site_tree, members):
    item = WatchlistItem.objects.create(
        slug="eo-14203", kind="executive_order", identifier="Executive Order 14203",
        title="Sanctions", summary="Sanctions on the Court.",
    )  # fmt: skip
    alert = ActionAlert.objects.create(
        slug="write-now", title="Write to Congress now", introduction="Why.",
        watchlist_item=item, subject="Subject", letter_template="{salutation}",
        thank_you_message="Thanks.",
    )  # fmt: skip
    ActionAlert.objects.create(
        slug="closed", title="An old campaign", introduction="Why.", is_open=False,
        watchlist_item=item, subject="Subject", letter_template="{salutation}",
        thank_you_message="Thanks.",
    )  # fmt: skip

    narrowed = page(client, "?zip=10001&district=12")

    assert f'href="{alert.get_absolute_url()}?zip=10001&amp;district=12"' in narrowed
    assert "An old campaign" not in narrowed
    assert f'href="{alert.get_absolute_url()}?zip=10002"' in page(client, "?zip=10002")


def test_an_import_retires_cached_pages(
    client, site_tree, members, tmp_path, django_capture_on_commit_callbacks
):
    assert "202-555-0103" in page(client, "?zip=10002")
    assert client.get(f"{URL}?zip=10002")["X-Page-Cache"] == "hit"
    changed = tmp_path / "members.yaml"
    changed.write_text(
        (DATA / "sample-legislators.yaml").read_text().replace("202-555-0103", "202-555-0133")
    )

    with django_capture_on_commit_callbacks(execute=True):
        run("import_legislators", str(changed))

    assert "202-555-0133" in page(client, "?zip=10002")


def test_a_site_without_zip_data_says_so(client, site_tree):
    html = page(client, "?zip=98101", status=404)
    assert "No ZIP code to district data has been loaded" in html
    assert "is not one of them" not in html
