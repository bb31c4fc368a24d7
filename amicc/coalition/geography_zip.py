"""ZIP code to state, from the first three digits (the USPS sectional center prefix).

A stopgap until the ZIP-to-district data arrives: a prefix names one state, apart from a
few five-digit exceptions in the Pacific. Prefixes that belong to no state (military
APO/FPO mail, unassigned numbers) give None.
"""

import re

# ASCII digits only: `\d` would also take other scripts' digits.
ZIP_PATTERN = re.compile(r"^([0-9]{5})(?:-?([0-9]{4}))?$")

# (first prefix, last prefix, state), inclusive; gaps are unassigned or military mail
# (090-098 and 340 are APO/FPO Europe and the Americas, 962-966 APO/FPO Pacific).
_PREFIX_RANGES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"),
    (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"), (39, 49, "ME"),
    (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"),
    (70, 89, "NJ"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"),
    (200, 200, "DC"), (201, 201, "VA"), (202, 205, "DC"), (206, 219, "MD"),
    (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"),
    (300, 319, "GA"), (320, 339, "FL"), (341, 349, "FL"), (350, 369, "AL"),
    (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"),
    (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"),
    (530, 549, "WI"), (550, 567, "MN"), (570, 577, "SD"), (580, 588, "ND"),
    (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"),
    (680, 693, "NE"), (700, 714, "LA"), (716, 729, "AR"), (730, 731, "OK"),
    (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"),
    (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"),
    (870, 884, "NM"), (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"),
    (967, 968, "HI"), (970, 979, "OR"), (980, 994, "WA"), (995, 999, "AK"),
)  # fmt: skip

# Five-digit exceptions: American Samoa shares Hawaii's 967; 969 serves Guam, the Northern
# Mariana Islands and the freely associated states (Palau, Micronesia, the Marshall
# Islands), which are not states and stay None.
_ZIP_EXCEPTIONS: tuple[tuple[int, int, str], ...] = (
    (96799, 96799, "AS"),
    (96910, 96932, "GU"),
    (96950, 96952, "MP"),
)

_PREFIX_STATE: dict[int, str] = {
    prefix: state for first, last, state in _PREFIX_RANGES for prefix in range(first, last + 1)
}


def zip_normalize(raw: str) -> str | None:
    """`12345` or `12345-6789` from what a person typed (spaces and a missing dash allowed)."""
    match = ZIP_PATTERN.match("".join(str(raw).split()))
    if match is None:
        return None
    five, plus_four = match.groups()
    return f"{five}-{plus_four}" if plus_four else five


def state_for_zip(zip_code: str) -> str | None:
    """The two-letter code of the state or territory a ZIP code belongs to, else None."""
    normalized = zip_normalize(zip_code)
    if normalized is None:
        return None
    five = int(normalized[:5])
    if five // 100 in (967, 969):
        for first, last, state in _ZIP_EXCEPTIONS:
            if first <= five <= last:
                return state
        if five // 100 == 969:
            return None
    return _PREFIX_STATE.get(five // 100)
