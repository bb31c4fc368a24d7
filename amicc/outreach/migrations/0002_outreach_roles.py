"""What the coalition's roles may do in the outreach app.

Coalition staff and Administrators: every outreach permission (presentation requests,
speakers, media coverage, media contacts). Alliance coordinators add, change, view and
delete media coverage, narrowed to their own alliances' (amicc.outreach.admin_media);
presentation requests, speakers and media contacts are staff-only. Reversing takes the
grants back and leaves the groups and Django's permissions themselves alone.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, crud, role_grants


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial"), *ROLE_DEPENDENCIES]

    operations = [role_grants("outreach", coordinators=crud("mediacoverage"))]
