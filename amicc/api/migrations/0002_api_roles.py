"""Who may manage API keys: Administrators, and superusers implicitly.

Not Coalition staff. A key acts as its owner, and whoever creates one reads its secret, so
managing keys means being able to act as any user with no more rights than oneself: a
staff member could mint a key for a colleague or a coordinator and act under their name
in the audit log. Administrators can already do that (they manage users and passwords);
Coalition staff cannot, and minting keys must not give them that power. Staff who need a
key ask an Administrator, who creates it with the staff member as owner.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, role_grants


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial"), ("core", "0002_groups"), *ROLE_DEPENDENCIES]

    operations = [role_grants("api", staff_groups=["Administrators"])]
