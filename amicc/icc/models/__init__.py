"""The ICC tracker: states and the Rome Statute, situations and cases, sessions of the
Assembly of States Parties and the coalition's delegation to them.

The data on states, situations, cases and sessions is curated in the repository with its
sources (`amicc load-icc-data`) and edited by staff in the admin.
"""

from amicc.icc.models.asp import (
    AspElection,
    AspSession,
    DelegateLogistics,
    DelegationApplication,
    DelegationCall,
)
from amicc.icc.models.court import Case, Charge, Situation
from amicc.icc.models.states import StatuteState

__all__ = [
    "AspElection",
    "AspSession",
    "Case",
    "Charge",
    "DelegateLogistics",
    "DelegationApplication",
    "DelegationCall",
    "Situation",
    "StatuteState",
]
