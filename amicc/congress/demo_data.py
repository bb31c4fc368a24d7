"""A small, made-up sample of members of Congress and ZIP codes for the offline demo.

The places are real (states, districts, and ZIP codes in those districts); the people,
phone numbers (555-01xx, reserved for fiction) and addresses are not, and every name ends
in "(sample)" so no page passes them off as real. The real lists come from
`amicc import-legislators` and `amicc import-zcta`.
"""

# bioguide id, first, last, party, chamber, state, district (None for senators), senate
# class, has an office email for letters
MEMBERS = [
    ("Z900001", "Dana", "Whitfield", "Democrat", "sen", "IL", None, 2, True),
    ("Z900002", "Marcus", "Ellery", "Republican", "sen", "IL", None, 3, False),
    ("Z900003", "Ruth", "Okafor", "Democrat", "rep", "IL", 7, None, True),
    ("Z900004", "Helen", "Ashby", "Democrat", "sen", "NY", None, 1, True),
    ("Z900005", "Victor", "Lindqvist", "Democrat", "sen", "NY", None, 3, False),
    ("Z900006", "Priya", "Raman", "Democrat", "rep", "NY", 10, None, True),
    ("Z900007", "Thomas", "Greer", "Democrat", "rep", "NY", 12, None, False),
    ("Z900008", "Camila", "Duarte", "Democrat", "rep", "NY", 13, None, False),
    ("Z900009", "Joan", "Pettibone", "Democrat", "sen", "CA", None, 1, False),
    ("Z900010", "Samuel", "Ota", "Democrat", "sen", "CA", None, 3, True),
    ("Z900011", "Nora", "Castellanos", "Democrat", "rep", "CA", 11, None, True),
    ("Z900012", "Isaac", "Brandt", "Democrat", "rep", "CA", 12, None, False),
    ("Z900013", "Lena", "Sorensen", "Democrat", "sen", "MN", None, 1, False),
    ("Z900014", "Walter", "Hagen", "Democrat", "sen", "MN", None, 2, False),
    ("Z900015", "Amina", "Farah", "Democrat", "rep", "MN", 5, None, True),
    ("Z900016", "Clayton", "Reeves", "Republican", "sen", "TX", None, 1, False),
    ("Z900017", "Grace", "Holloway", "Republican", "sen", "TX", None, 2, False),
    ("Z900018", "Diego", "Salinas", "Democrat", "rep", "TX", 37, None, False),
    ("Z900019", "Wade", "Barlow", "Republican", "sen", "WY", None, 1, False),
    ("Z900020", "June", "Talbot", "Republican", "sen", "WY", None, 2, False),
    ("Z900021", "Cody", "Marsh", "Republican", "rep", "WY", 0, None, False),
    ("Z900022", "Elaine", "Norwood", "Democrat", "rep", "DC", 0, None, True),
    ("Z900023", "Rafael", "Quiñones", "Republican", "rep", "PR", 0, None, False),
]  # fmt: skip

# state FIPS, state, ZIP code, district (0 for at-large and delegate seats); 10001 lies in
# two districts, as in the real data.
ZIP_DISTRICTS = [
    ("17", "IL", "60601", 7),
    ("36", "NY", "10001", 10),
    ("36", "NY", "10001", 12),
    ("36", "NY", "10011", 10),
    ("36", "NY", "10027", 13),
    ("06", "CA", "94103", 11),
    ("06", "CA", "94110", 11),
    ("06", "CA", "94704", 12),
    ("27", "MN", "55401", 5),
    ("48", "TX", "78701", 37),
    ("56", "WY", "82001", 0),
    ("11", "DC", "20001", 0),
    ("72", "PR", "00901", 0),
]
