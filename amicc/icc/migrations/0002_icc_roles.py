"""Coalition staff and Administrators may do everything in the icc app: keep the tracker's
data and run the delegation. Nobody else reaches it (amicc.icc admin modules register
staff-only permission policies). Reversing takes the grants back.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, role_grants


class Migration(migrations.Migration):
    dependencies = [("icc", "0001_initial"), *ROLE_DEPENDENCIES]

    operations = [role_grants("icc")]
