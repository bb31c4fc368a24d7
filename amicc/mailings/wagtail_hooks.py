from wagtail import hooks

from amicc.mailings.blocks import action_alert_chooser_viewset, event_chooser_viewset


@hooks.register("register_admin_viewset")
def register_chooser_viewsets():
    return [event_chooser_viewset, action_alert_chooser_viewset]
