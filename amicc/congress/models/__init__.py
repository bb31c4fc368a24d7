"""Members of Congress, their terms and offices, ZIP-to-district data and bills.

Everything here is imported from public data (`amicc import-legislators`, `import-zcta`,
`import-bills`) and re-imported in place; the admin shows it read-only.
"""

from amicc.congress.models.bills import Bill, BillAction, Cosponsorship
from amicc.congress.models.districts import ZipDistrict
from amicc.congress.models.members import (
    RESIDENT_COMMISSIONER_STATE,
    DistrictOffice,
    Legislator,
    Term,
    display_name_for,
    district_label,
)

__all__ = [
    "RESIDENT_COMMISSIONER_STATE",
    "Bill",
    "BillAction",
    "Cosponsorship",
    "DistrictOffice",
    "Legislator",
    "Term",
    "ZipDistrict",
    "display_name_for",
    "district_label",
]
