"""The built-in lists: the coalition newsletter, action alerts, representatives, delegation
applicants, and one list per alliance (new alliances get theirs from a signal)."""

from django.db import migrations

BUILT_IN = [
    (
        "coalition-newsletter",
        "Coalition newsletter",
        "supporters",
        "newsletter",
        "News of the coalition, the International Criminal Court and what you can do.",
    ),
    (
        "action-alerts",
        "Action alerts",
        "supporters",
        "action_alerts",
        "Short notes when Congress or the Court needs a response from you.",
    ),
    (
        "member-organization-representatives",
        "Member-organization representatives",
        "representatives",
        "newsletter",
        "Updates for the people who represent a member organization.",
    ),
    (
        "delegation-applicants",
        "ASP delegation applicants",
        "delegation_applicants",
        "newsletter",
        "News for people who applied to join the delegation to the Assembly of States Parties.",
    ),
]


def forwards(apps, schema_editor):
    MailingList = apps.get_model("mailings", "MailingList")
    Alliance = apps.get_model("coalition", "Alliance")
    for slug, name, kind, purpose, description in BUILT_IN:
        MailingList.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "purpose": purpose, "description": description},
        )
    for alliance in Alliance.objects.all():
        MailingList.objects.get_or_create(
            kind="alliance",
            alliance=alliance,
            defaults={
                "name": f"{alliance.name} members",
                "slug": f"alliance-{alliance.slug}"[:200],
                "purpose": "alliance_updates",
                "description": f"Updates from the {alliance.name} to its members.",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("mailings", "0001_initial"), ("coalition", "0004_consent_sources_events_presentations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
