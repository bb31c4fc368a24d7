"""Every app's demo loader, in the order they need each other: pages first, then the
coalition (alliances, organizations), then what refers to them. Each loader creates only
what is missing and returns a one-line summary."""

from collections.abc import Iterator

from amicc.coalition.demo_content import coalition_demo_load
from amicc.congress.demo_content import congress_demo_load
from amicc.events.demo_content import events_demo_load
from amicc.funding.demo_content import funding_demo_load
from amicc.icc.demo_content import icc_demo_load
from amicc.mailings.demo_content import mailings_demo_load
from amicc.outreach.demo_content import outreach_demo_load
from amicc.pages.demo_content import demo_content_load
from amicc.polls.demo_content import polls_demo_load

LOADERS = (
    demo_content_load,
    coalition_demo_load,
    congress_demo_load,
    icc_demo_load,
    events_demo_load,
    polls_demo_load,
    outreach_demo_load,
    funding_demo_load,
    mailings_demo_load,
)


def demo_load_all() -> Iterator[str]:
    """Run every loader, yielding each one's summary as it finishes."""
    for loader in LOADERS:
        yield str(loader())
