"""Congress in the Wagtail admin: read-only members, bills and ZIP codes."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from amicc.congress.models import Bill, Legislator, ZipDistrict
from amicc.congress.viewsets import CongressViewSetGroup, ReadOnlyPermissionPolicy

for model in (Legislator, Bill, ZipDistrict):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
register_snippet(CongressViewSetGroup)
