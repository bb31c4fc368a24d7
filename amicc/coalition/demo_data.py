"""The words and numbers of the coalition's demo: sample organizations, alliances and people.

Every organization, alliance and person here is invented and labelled "(sample)"; cities,
states, ZIP codes and congressional districts are real places, phone numbers use the
fictional 555-01xx range and every email address is at example.org.
"""

from amicc.coalition.choices import Constituency as C
from amicc.coalition.choices import InitiativeType as T
from amicc.coalition.choices import OrganizationStatus as S

# name, constituency, city, state, website host (at example.org), what it does,
# status, listed publicly, joined on
ORGANIZATIONS = [
    ("Lakeshore Bar Association (sample)", C.BAR_ASSOCIATION, "Chicago", "IL", "lakeshore-bar",
     "Chicago lawyers who teach continuing-education courses on the Rome Statute.",
     S.ACTIVE, True, "2003-04-14"),
    ("Empire State Lawyers for International Justice (sample)", C.BAR_ASSOCIATION, "New York",
     "NY", "empire-lawyers", "Attorneys who follow the Court's rulings and explain them to "
     "members of Congress.", S.ACTIVE, True, "2002-09-30"),
    ("Golden Gate Bar Society (sample)", C.BAR_ASSOCIATION, "San Francisco", "CA",
     "goldengate-bar", "A bar society whose international section hosts a yearly moot "
     "court on ICC cases.", S.ACTIVE, True, "2006-02-01"),
    ("Capitol Hill Legal Forum (sample)", C.BAR_ASSOCIATION, "Washington", "DC",
     "capitol-legal", "Lawyers in the capital who track ICC-related bills and testify on "
     "them.", S.ACTIVE, True, "2004-11-08"),
    ("Crescent City Bar International Section (sample)", C.BAR_ASSOCIATION, "New Orleans",
     "LA", "crescent-bar", "Gulf Coast attorneys interested in international criminal "
     "procedure.", S.ACTIVE, True, "2011-06-20"),
    ("Women for Justice Everywhere (sample)", C.WOMENS_GROUP, "Boston", "MA", "wje",
     "Campaigns for the prosecution of sexual and gender-based crimes.", S.ACTIVE, True,
     "2005-03-08"),
    ("League of Women Advocates for Accountability (sample)", C.WOMENS_GROUP, "Minneapolis",
     "MN", "women-advocates", "Volunteers who brief local groups on survivors' rights at "
     "the Court.", S.ACTIVE, True, "2008-10-02"),
    ("Sisters in Peace Network (sample)", C.WOMENS_GROUP, "Atlanta", "GA", "sisters-peace",
     "A network of women's circles studying how war crimes are tried.", S.ACTIVE, True,
     "2012-01-17"),
    ("Desert Women's Justice Circle (sample)", C.WOMENS_GROUP, "Phoenix", "AZ",
     "desert-women", "Women in Arizona discussing justice for victims of atrocities.",
     S.ACTIVE, True, "2015-05-05"),
    ("Rights Watch Northwest (sample)", C.HUMAN_RIGHTS, "Seattle", "WA", "rights-nw",
     "Documents how the United States cooperates with international courts.", S.ACTIVE,
     True, "2003-07-21"),
    ("Great Lakes Center for Human Rights (sample)", C.HUMAN_RIGHTS, "Detroit", "MI",
     "greatlakes-rights", "Research and public teaching on human rights law.", S.ACTIVE,
     True, "2007-09-12"),
    ("Atrocity Prevention Project (sample)", C.HUMAN_RIGHTS, "Washington", "DC",
     "atrocity-prevention", "Policy papers on preventing mass atrocities and punishing "
     "them.", S.ACTIVE, True, "2009-12-10"),
    ("Survivors' Justice Initiative (sample)", C.HUMAN_RIGHTS, "Los Angeles", "CA",
     "survivors-justice", "Works with diaspora communities whose relatives were victims of "
     "atrocity crimes.", S.ACTIVE, True, "2010-04-22"),
    ("Rocky Mountain Human Rights Council (sample)", C.HUMAN_RIGHTS, "Denver", "CO",
     "rocky-rights", "Holds public lectures on international justice across Colorado.",
     S.ACTIVE, True, "2013-08-15"),
    ("Interfaith Council for Global Justice (sample)", C.RELIGIOUS, "Philadelphia", "PA",
     "interfaith-justice", "Congregations of several faiths who pray and advocate for "
     "victims of atrocities.", S.ACTIVE, True, "2002-12-01"),
    ("Meeting House Peace Fellowship (sample)", C.RELIGIOUS, "Pittsburgh", "PA",
     "meetinghouse-peace", "A fellowship that sees accountability as part of peacemaking.",
     S.ACTIVE, True, "2006-06-11"),
    ("Temple Social Action Alliance (sample)", C.RELIGIOUS, "Cleveland", "OH",
     "temple-action", "Social action committees of synagogues in northern Ohio.", S.ACTIVE,
     True, "2010-10-10"),
    ("St. Brendan Peace and Justice Ministry (sample)", C.RELIGIOUS, "Milwaukee", "WI",
     "st-brendan", "A parish ministry running study groups on the Rome Statute.", S.ACTIVE,
     True, "2014-03-19"),
    ("Unity Congregations for Human Dignity (sample)", C.RELIGIOUS, "Austin", "TX",
     "unity-dignity", "Texas congregations working for human dignity at home and abroad.",
     S.ACTIVE, True, "2016-09-25"),
    ("Veterans for the Rule of Law (sample)", C.VETERANS, "San Diego", "CA",
     "veterans-law", "Former service members who hold that the laws of war bind everyone.",
     S.ACTIVE, True, "2004-05-30"),
    ("Former Officers for Accountability (sample)", C.VETERANS, "Norfolk", "VA",
     "former-officers", "Retired officers who brief legislators on military justice and "
     "the ICC.", S.ACTIVE, False, "2012-11-11"),
    ("Heartland Veterans' Forum (sample)", C.VETERANS, "Kansas City", "MO",
     "heartland-veterans", "A discussion forum of Midwestern veterans.", S.LAPSED, True,
     "2007-11-11"),
    ("Campus Coalition for the ICC (sample)", C.STUDENT, "Ann Arbor", "MI", "campus-icc",
     "Student chapters that organize teach-ins on international justice.", S.ACTIVE, True,
     "2005-09-15"),
    ("Law Students for International Justice (sample)", C.STUDENT, "New Haven", "CT",
     "lsij", "Law students who write research memos for coalition members.", S.ACTIVE,
     True, "2008-02-04"),
    ("Student Human Rights Union (sample)", C.STUDENT, "Austin", "TX", "shru",
     "Undergraduates campaigning on human rights, the ICC among them.", S.ACTIVE, True,
     "2017-01-30"),
    ("Model Court Society (sample)", C.STUDENT, "Chapel Hill", "NC", "model-court",
     "Stages mock ICC trials for high school and college students.", S.ACTIVE, True,
     "2018-04-09"),
    ("Young Professionals for Global Justice (sample)", C.YOUNG_ADULTS, "Chicago", "IL",
     "ypgj", "Young professionals who meet monthly to discuss international justice.",
     S.ACTIVE, True, "2011-03-03"),
    ("Next Generation Justice Network (sample)", C.YOUNG_ADULTS, "Denver", "CO",
     "nextgen-justice", "Recent graduates volunteering for accountability campaigns.",
     S.ACTIVE, True, "2019-06-06"),
    ("Millennials Against Impunity (sample)", C.YOUNG_ADULTS, "Portland", "OR",
     "against-impunity", "An online community of young adults following the Court's "
     "cases.", S.APPLICANT, False, None),
    ("Center for International Criminal Law Studies (sample)", C.ACADEMIC, "Durham", "NC",
     "cicls", "A university research center on international criminal law.", S.ACTIVE,
     True, "2003-10-01"),
    ("Institute of Transitional Justice (sample)", C.ACADEMIC, "Syracuse", "NY", "itj",
     "Scholars of how societies deal with past atrocities.", S.ACTIVE, False, "2009-01-15"),
    ("Program on Law and Atrocity (sample)", C.ACADEMIC, "Berkeley", "CA", "law-atrocity",
     "A law school program that sends students to observe trials in The Hague.", S.ACTIVE,
     True, "2012-09-01"),
    ("Global Citizens Forum (sample)", C.OTHER, "Salt Lake City", "UT", "global-citizens",
     "A civic forum on world affairs with a standing ICC study group.", S.ACTIVE, True,
     "2010-07-04"),
    ("One World Discussion Club (sample)", C.OTHER, "Burlington", "VT", "one-world",
     "A discussion club on international law and cooperation.", S.LAPSED, True,
     "2006-04-01"),
    ("Justice Film Collective (sample)", C.OTHER, "Nashville", "TN", "justice-films",
     "Screens documentaries about international trials, followed by discussion.",
     S.APPLICANT, False, None),
]  # fmt: skip

# slug, city, state, status, founded on, districts (0 is at-large), founding
# organizations (by website host), ZIP codes of members, phone area code
ALLIANCES = [
    ("chicago", "Chicago", "IL", "active", "2004-02-10", [1, 5, 7],
     ["lakeshore-bar", "ypgj"], ["60601", "60614", "60637"], "312"),
    ("new-york", "New York", "NY", "active", "2003-05-01", [10, 12, 13],
     ["empire-lawyers", "itj"], ["10001", "10027", "10011"], "212"),
    ("los-angeles", "Los Angeles", "CA", "active", "2006-09-14", [34, 36, 37],
     ["survivors-justice", "veterans-law"], ["90012", "90024", "90034"], "213"),
    ("san-francisco", "San Francisco", "CA", "active", "2005-03-22", [11, 12],
     ["goldengate-bar", "law-atrocity"], ["94103", "94110", "94704"], "415"),
    ("boston", "Boston", "MA", "active", "2004-10-05", [7, 8], ["wje"],
     ["02108", "02139", "02215"], "617"),
    ("philadelphia", "Philadelphia", "PA", "active", "2003-11-18", [2, 3],
     ["interfaith-justice", "meetinghouse-peace"], ["19103", "19104", "19147"], "215"),
    ("seattle", "Seattle", "WA", "active", "2007-04-27", [7, 9], ["rights-nw"],
     ["98101", "98105", "98122"], "206"),
    ("atlanta", "Atlanta", "GA", "dormant", "2012-06-02", [5, 13], ["sisters-peace"],
     ["30303", "30307", "30318"], "404"),
    ("twin-cities", "Minneapolis", "MN", "active", "2009-01-20", [4, 5],
     ["women-advocates"], ["55401", "55414", "55104"], "612"),
    ("denver", "Denver", "CO", "forming", None, [1, 6],
     ["rocky-rights", "nextgen-justice"], ["80202", "80205", "80210"], "303"),
    ("austin", "Austin", "TX", "active", "2017-03-11", [10, 35, 37],
     ["unity-dignity", "shru"], ["78701", "78705", "78751"], "512"),
    ("washington-dc", "Washington", "DC", "active", "2003-01-30", [0],
     ["capitol-legal", "atrocity-prevention"], ["20001", "20009", "20016"], "202"),
]  # fmt: skip

ALLIANCE_NAMES = {"twin-cities": "Twin Cities", "washington-dc": "Washington, DC"}


def alliance_name(slug: str, city: str) -> str:
    return f"{ALLIANCE_NAMES.get(slug, city)} Alliance for the ICC (sample)"


def alliance_description(city: str) -> str:
    return (
        f"A sample local alliance of people in and around {city} who want the United States "
        "to support the International Criminal Court. It holds public discussions, visits "
        "schools and meets the offices of the area's members of Congress."
    )


# Obviously invented names for the sample people.
FIRST_NAMES = [
    "Avery", "Blake", "Casey", "Dana", "Emery", "Finley", "Gray", "Harper", "Indigo",
    "Jordan", "Kendall", "Logan", "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese",
    "Sage", "Taylor", "Umber", "Val", "Wren", "Yael",
]  # fmt: skip
LAST_NAMES = ["Example", "Sample", "Placeholder", "Specimen", "Demo", "Mockwell", "Testa"]

COORDINATOR = {
    "username": "coordinator",
    "alliance": "chicago",
    "name": "Casey Coordinator (sample)",
    "email": "coordinator@example.org",
    "zip_code": "60614",
    "state": "IL",
}
COORDINATORS_GROUP = "Alliance coordinators"

# name, email, ZIP code, state: people waiting for an alliance in their state
STATE_INTERESTS = [
    ("Rowan Example", "rowan.example@example.org", "87102", "NM"),
    ("Ellis Sample", "ellis.sample@example.org", "40202", "KY"),
    ("Marlow Placeholder", "marlow.placeholder@example.org", "04101", "ME"),
    ("Sky Specimen", "sky.specimen@example.org", "59801", "MT"),
]

APPLICATIONS = [
    {
        "organization_name": "Riverside Human Rights Collective (sample)",
        "constituency": C.HUMAN_RIGHTS,
        "city": "Richmond",
        "state": "VA",
        "website": "https://riverside-rights.example.org",
        "description": "Volunteers who run a human rights film and lecture series.",
        "contact_name": "Jules Example",
        "contact_email": "jules.example@example.org",
        "contact_role": "Board chair",
        "statement": "We want our members to learn how the ICC works and to press Congress "
        "to support it.",
    },
    {
        # The same website domain as the Lakeshore Bar Association: a likely duplicate.
        "organization_name": "Lakeshore Bar International Law Committee (sample)",
        "constituency": C.BAR_ASSOCIATION,
        "city": "Chicago",
        "state": "IL",
        "website": "https://www.lakeshore-bar.example.org/international",
        "description": "The international law committee of a Chicago bar association.",
        "contact_name": "Pat Placeholder",
        "contact_email": "pat.placeholder@example.org",
        "contact_role": "Committee secretary",
        "statement": "Our committee would like to take part in the coalition directly.",
    },
    {
        "organization_name": "High Plains Student Forum (sample)",
        "constituency": C.STUDENT,
        "city": "Lincoln",
        "state": "NE",
        "website": "",
        "description": "A student debating society that has adopted international justice "
        "as this year's theme.",
        "contact_name": "Kit Demo",
        "contact_email": "kit.demo@example.org",
        "contact_role": "President",
        "statement": "We support US cooperation with the Court and would like materials for "
        "our debates.",
    },
]

# What each kind of initiative looks like: title, description, outcome ({city} is filled in).
INITIATIVES = {
    T.PUBLIC_DISCUSSION: (
        "Public discussion: what the ICC means for {city}",
        "An evening panel at the public library with a law professor and a survivor's "
        "advocate, followed by questions from the audience.",
        "Several attendees signed up for the alliance's mailing list.",
    ),
    T.FLIER_DISTRIBUTION: (
        "Fliers on the Rome Statute at the {city} farmers' market",
        "Volunteers handed out the coalition's one-page explainer on the Court.",
        "Most fliers were taken; a few people asked for a speaker.",
    ),
    T.DEMONSTRATION: (
        "Vigil for victims of atrocity crimes in downtown {city}",
        "A silent vigil with readings of testimony heard at international trials.",
        "Covered by a neighborhood blog.",
    ),
    T.BRIEFING: (
        "Briefing for {city} civic and faith groups",
        "A lunchtime briefing for leaders of local organizations on what the Court does "
        "and how the United States relates to it.",
        "Two organizations asked how to join the coalition.",
    ),
    T.EDUCATION_CAMPAIGN: (
        "ICC lessons in {city} high schools",
        "Alliance members taught a two-lesson unit on international justice in social "
        "studies classes.",
        "Teachers asked to repeat the unit next year.",
    ),
    T.DISTRICT_POLL: (
        "Poll of {city} voters on US cooperation with the ICC",
        "A short survey of residents in the alliance's districts on whether the United "
        "States should cooperate with the Court.",
        "A clear majority of respondents favored cooperation.",
    ),
    T.CONGRESSIONAL_MEETING: (
        "Meeting with a {city} congressional office",
        "Three members met staff of their representative to ask for support of "
        "cooperation with the Court.",
        "The office promised a written answer on the member's position.",
    ),
    T.STATE_LEGISLATIVE_MEETING: (
        "Meeting with {city} state legislators",
        "The alliance explained the Court to two state legislators and their staff.",
        "One legislator offered to host a briefing at the state capitol.",
    ),
    T.MEDIA_COVERAGE: (
        "Op-ed on the ICC in a {city} newspaper",
        "An alliance member's opinion piece on why American support for the Court matters.",
        "Letters to the editor followed the piece.",
    ),
    T.ACADEMIC_EVENT: (
        "Seminar on international criminal law with a {city} law school",
        "A half-day seminar organized with a law faculty, with practitioners and students.",
        "The law school plans a follow-up conference.",
    ),
    T.OTHER: (
        "Documentary screening about the Court in {city}",
        "A screening of a documentary about an ICC trial, followed by a discussion.",
        "",
    ),
}
INITIATIVES_PER_ALLIANCE = 5
