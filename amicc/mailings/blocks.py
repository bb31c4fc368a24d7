"""The blocks a newsletter is composed from.

How each block looks in an email is the job of `amicc.mailings.rendering`; the chooser
view sets (events, letter campaigns) are registered in `wagtail_hooks`.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet


def _choosable_events(user):
    """Upcoming events: published ones, and the unpublished ones the user runs."""
    from amicc.coalition.permissions import reachable
    from amicc.events.models import Event

    mine = reachable(Event, user).values("pk")
    return Event.objects.filter(
        Q(is_published=True) | Q(pk__in=mine), starts_at__gte=timezone.now()
    ).order_by("starts_at")


def _choosable_campaigns(user):
    """Open letter campaigns; staff may also link a closed one."""
    from amicc.coalition.permissions import user_is_coalition_staff
    from amicc.congress.models import ActionAlert

    campaigns = ActionAlert.objects.all()
    return campaigns if user_is_coalition_staff(user) else campaigns.open()


# Wagtail's chooser views look objects up in the whole table; these only offer, and only
# hand back, what `choosable(user)` holds, so no URL names a record outside it.
class NarrowedChooseMixin:
    choosable = None

    def get_object_list(self):
        return type(self).choosable(self.request.user)


class NarrowedChooseView(NarrowedChooseMixin, chooser_views.ChooseView):
    pass


class NarrowedChooseResultsView(NarrowedChooseMixin, chooser_views.ChooseResultsView):
    pass


class NarrowedChosenView(chooser_views.ChosenView):
    choosable = None

    def get_object(self, pk):
        from amicc.coalition.permissions import lookup_pks

        return type(self).choosable(self.request.user).get(pk__in=lookup_pks([pk]))


class NarrowedChosenMultipleView(chooser_views.ChosenMultipleView):
    choosable = None

    def get_objects(self, pks):
        from amicc.coalition.permissions import lookup_pks

        return type(self).choosable(self.request.user).filter(pk__in=lookup_pks(pks))


class NarrowedChooserViewSet(ChooserViewSet):
    """A chooser over `choosable(user)`, without a creation form, for StreamField blocks."""

    register_widget = False  # leave other forms' foreign keys to these models alone
    choosable = None

    def _narrowed(self, view_class):
        return type(view_class.__name__, (view_class,), {"choosable": staticmethod(self.choosable)})

    @property
    def choose_view_class(self):
        return self._narrowed(NarrowedChooseView)

    @property
    def choose_results_view_class(self):
        return self._narrowed(NarrowedChooseResultsView)

    @property
    def chosen_view_class(self):
        return self._narrowed(NarrowedChosenView)

    @property
    def chosen_multiple_view_class(self):
        return self._narrowed(NarrowedChosenMultipleView)

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class EventChooserViewSet(NarrowedChooserViewSet):
    model = "events.Event"
    icon = "date"
    choose_one_text = "Choose an event"
    choose_another_text = "Choose another event"
    edit_item_text = "Edit this event"
    choosable = staticmethod(_choosable_events)


class ActionAlertChooserViewSet(NarrowedChooserViewSet):
    model = "congress.ActionAlert"
    icon = "mail"
    choose_one_text = "Choose a letter campaign"
    choose_another_text = "Choose another letter campaign"
    edit_item_text = "Edit this letter campaign"
    choosable = staticmethod(_choosable_campaigns)


event_chooser_viewset = EventChooserViewSet(
    "mailings_event_chooser", url_prefix="mailings/choose-event"
)
action_alert_chooser_viewset = ActionAlertChooserViewSet(
    "mailings_action_alert_chooser", url_prefix="mailings/choose-letter-campaign"
)
EventChooserBlock = event_chooser_viewset.get_block_class(
    name="EventChooserBlock", module_path="amicc.mailings.blocks"
)
ActionAlertChooserBlock = action_alert_chooser_viewset.get_block_class(
    name="ActionAlertChooserBlock", module_path="amicc.mailings.blocks"
)


class FeaturedPublicationBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(page_type=["pages.PublicationPage", "pages.NewsPage"])
    note = blocks.TextBlock(
        required=False, help_text="A sentence on why it matters; the summary is used if empty."
    )

    class Meta:
        icon = "doc-full"
        label = "Featured publication"


class UpcomingEventBlock(blocks.StructBlock):
    event = EventChooserBlock()
    note = blocks.TextBlock(required=False)

    class Meta:
        icon = "date"
        label = "Upcoming event"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    campaign = ActionAlertChooserBlock(help_text="The letter campaign the button opens.")
    button_label = blocks.CharBlock(max_length=60, default="Write to your representatives")

    class Meta:
        icon = "pick"
        label = "Call to action"


class NewsletterBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], label="Text"
    )
    publication = FeaturedPublicationBlock()
    event = UpcomingEventBlock()
    call_to_action = CallToActionBlock()
