"""Coalition staff and Administrators get every funding permission; no other role gets any.

The admin also refuses funding records to anyone without coalition-wide reach, whatever
permissions they hold (amicc.funding.viewsets). Reversing takes the grants back.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, role_grants


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial"), *ROLE_DEPENDENCIES]

    operations = [role_grants("funding")]
