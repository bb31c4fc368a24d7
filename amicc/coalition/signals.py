"""Retire cached public pages when what they show of the coalition changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from amicc.coalition.models import Alliance, AllianceDistrict, Initiative, MemberOrganization
from amicc.core.page_cache import invalidate_page_cache

# Memberships are left out on purpose: confirmations are frequent, and the member counts
# they change are allowed to be as old as a cached page (see selectors.active_member_counts).
PUBLIC_MODELS = (MemberOrganization, Alliance, AllianceDistrict, Initiative)


def _public_data_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


for model in PUBLIC_MODELS:
    post_save.connect(_public_data_changed, sender=model, dispatch_uid=f"public-save-{model}")
    post_delete.connect(_public_data_changed, sender=model, dispatch_uid=f"public-del-{model}")


@receiver(m2m_changed, sender=Alliance.founding_organizations.through)
@receiver(m2m_changed, sender=Initiative.partner_organizations.through)
def _public_links_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)
