"""What the coalition's roles may do with mailings.

Coalition staff and Administrators: every mailings permission. Alliance coordinators add,
change, view and delete newsletters, narrowed to their own alliances' lists by
amicc.mailings.viewsets; lists, deliveries, suppressions and provider events stay staff-only.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, crud, role_grants


class Migration(migrations.Migration):
    dependencies = [("mailings", "0002_builtin_lists"), *ROLE_DEPENDENCIES]

    operations = [role_grants("mailings", coordinators=[*crud("newsletter")])]
