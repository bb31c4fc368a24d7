"""District polls in the Wagtail admin: poll design (`viewsets`). The results side
(population margins, exports) registers its own hooks in `admin_results`."""

from wagtail.snippets.models import register_snippet

from amicc.polls.viewsets import PollViewSet

register_snippet(PollViewSet)
