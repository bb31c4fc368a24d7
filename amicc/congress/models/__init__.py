"""Members of Congress, ZIP-to-district data, bills and votes, and the coalition's work on them.

Members, ZIP codes, bills and votes are imported from public data (`amicc import-legislators`,
`import-zcta`, `import-bills`, `import-votes`) and re-imported in place; the admin shows them
read-only. The watchlist, action alerts and letters, office visits, the scorecard's weights
and the assessed stances of members are the coalition's own records.
"""

from amicc.congress.models.bills import Bill, BillAction, Cosponsorship
from amicc.congress.models.districts import ZipDistrict
from amicc.congress.models.letters import ActionAlert, Letter, LetterSubmission, OfficeEmail
from amicc.congress.models.members import (
    RESIDENT_COMMISSIONER_STATE,
    DistrictOffice,
    Legislator,
    Term,
    display_name_for,
    district_label,
)
from amicc.congress.models.scorecard import ScorecardWeights
from amicc.congress.models.stances import StanceAssessment, StanceEvidence
from amicc.congress.models.visits import OfficeVisit
from amicc.congress.models.votes import MemberVote, RollCallVote
from amicc.congress.models.watchlist import WatchlistEvent, WatchlistItem, WatchlistLink

__all__ = [
    "RESIDENT_COMMISSIONER_STATE",
    "ActionAlert",
    "Bill",
    "BillAction",
    "Cosponsorship",
    "DistrictOffice",
    "Legislator",
    "Letter",
    "LetterSubmission",
    "MemberVote",
    "OfficeEmail",
    "OfficeVisit",
    "RollCallVote",
    "ScorecardWeights",
    "StanceAssessment",
    "StanceEvidence",
    "Term",
    "WatchlistEvent",
    "WatchlistItem",
    "WatchlistLink",
    "ZipDistrict",
    "display_name_for",
    "district_label",
]
