"""What the coalition's roles may do in the congress app.

Coalition staff and Administrators: every congress permission. Imported records
(members, bills, votes, ZIP codes) stay read-only whatever the permission says
(amicc.congress.viewsets.ReadOnlyPermissionPolicy); the coalition's own records
(watchlist, action alerts, office emails, office visits, scorecard weights) are theirs to
edit. Alliance coordinators add, change, view and delete office visits, narrowed to their
own alliances' (amicc.congress.admin_visits). Reversing takes the grants back and leaves
the groups and Django's permissions themselves alone.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, crud, role_grants


class Migration(migrations.Migration):
    dependencies = [("congress", "0002_watchlist_letters_visits_votes"), *ROLE_DEPENDENCIES]

    operations = [role_grants("congress", coordinators=crud("officevisit"))]
