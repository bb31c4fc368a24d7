"""Reads and checks the ICC data files curated in `amicc/icc/data/`; writes nothing.

Each file is YAML: a header (`as_of`, `sources`) and a list of rows. Every problem is
reported with the file, the row and the field, so a curator can fix it at once; the
service only ever sees records that passed every check here.
"""

from amicc.icc.loaders.base import (
    SESSIONS_FILE,
    SITUATIONS_FILE,
    STATES_FILE,
    DataFileError,
    DataHeader,
)
from amicc.icc.loaders.court import (
    CaseRecord,
    ChargeRecord,
    SituationRecord,
    SituationsFile,
    read_situations,
)
from amicc.icc.loaders.sessions import (
    ElectionRecord,
    SessionRecord,
    SessionsFile,
    read_sessions,
)
from amicc.icc.loaders.states import StateRecord, StatesFile, read_states, state_date_problems

__all__ = [
    "SESSIONS_FILE",
    "SITUATIONS_FILE",
    "STATES_FILE",
    "CaseRecord",
    "ChargeRecord",
    "DataFileError",
    "DataHeader",
    "ElectionRecord",
    "SessionRecord",
    "SessionsFile",
    "SituationRecord",
    "SituationsFile",
    "StateRecord",
    "StatesFile",
    "read_sessions",
    "read_situations",
    "read_states",
    "state_date_problems",
]
