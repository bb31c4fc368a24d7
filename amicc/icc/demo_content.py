"""The ICC part of the demo: the curated data shipped in `amicc/icc/data/`.

It is real data, not a sample, so the demo loads it as `amicc load-icc-data` would — but
only into an installation that has none yet, so staff edits made in the demo survive the
next `make demo`.
"""

from django.utils import timezone

from amicc.icc.loaders import (
    SESSIONS_FILE,
    SITUATIONS_FILE,
    STATES_FILE,
    read_sessions,
    read_situations,
    read_states,
)
from amicc.icc.models import StatuteState
from amicc.icc.selectors.states import states_parties_count
from amicc.icc.services.data import icc_data_load


def icc_demo_load() -> str:
    """Load the shipped ICC data when there is none; returns a one-line summary."""
    if not StatuteState.objects.exists():
        icc_data_load(
            states=read_states(STATES_FILE),
            situations=read_situations(SITUATIONS_FILE),
            sessions=read_sessions(SESSIONS_FILE),
        )
    today = timezone.localdate()
    return (
        f"ICC: {StatuteState.objects.count()} states, "
        f"{states_parties_count(today)} states parties on {today.isoformat()}"
    )
