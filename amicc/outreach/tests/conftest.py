import pytest

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.pages.models import Topic


@pytest.fixture
def topics(db) -> dict[str, Topic]:
    return {
        "gender": Topic.objects.create(name="Gender crimes", slug="gender-crimes"),
        "us": Topic.objects.create(name="The United States and the ICC", slug="us-and-the-icc"),
    }
