"""The blocks a newsletter is composed from.

How each block looks in an email is the job of `amicc.mailings.rendering`; the chooser
view sets (events, letter campaigns) are registered in `wagtail_hooks`.
"""

from django.utils import timezone
from wagtail import blocks
from wagtail.admin.viewsets.chooser import ChooserViewSet


class EventChooserViewSet(ChooserViewSet):
    model = "events.Event"
    icon = "date"
    choose_one_text = "Choose an event"
    choose_another_text = "Choose another event"
    edit_item_text = "Edit this event"

    def get_object_list(self):
        from amicc.events.models import Event

        return Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at")


class ActionAlertChooserViewSet(ChooserViewSet):
    model = "congress.ActionAlert"
    icon = "mail"
    choose_one_text = "Choose a letter campaign"
    choose_another_text = "Choose another letter campaign"
    edit_item_text = "Edit this letter campaign"


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
