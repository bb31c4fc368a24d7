"""What the coalition's roles may do with district polls.

Coalition staff and Administrators: every polls permission (polls, their parts, the
responses and tallies, the population margins). Alliance coordinators: add, change, view
and delete polls and the questions, options and areas they are made of, narrowed to their
own alliances' polls (amicc.polls.viewsets). Reversing takes the grants back and leaves the
groups and Django's permissions themselves alone.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, crud, role_grants


class Migration(migrations.Migration):
    dependencies = [("polls", "0001_initial"), *ROLE_DEPENDENCIES]

    operations = [
        role_grants("polls", coordinators=crud("poll", "pollquestion", "polloption", "pollarea"))
    ]
