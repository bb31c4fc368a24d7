"""The words of the demo site: settings, topics and the pages that explain the coalition.

Written for the demo from the facts in the coalition's own descriptions of itself; contact
details and links are samples. News and publications live in `demo_articles`.
"""

from typing import Any

Block = dict[str, Any]


def paragraph(*sentences: str) -> Block:
    return {"type": "paragraph", "value": f"<p>{' '.join(sentences)}</p>"}


def bullets(*items: str) -> Block:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"<ul>{listed}</ul>"}


def heading(text: str, level: str = "h2") -> Block:
    return {"type": "heading", "value": {"text": text, "level": level}}


def quote(text: str, attribution: str) -> Block:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def call_to_action(title: str, text: str, link_text: str, url: str) -> Block:
    value = {"title": title, "text": text, "link_text": link_text, "page": None, "url": url}
    return {"type": "call_to_action", "value": value}


JOIN = call_to_action(
    "Join the coalition",
    "Organizations join free of charge; individuals take part through a local alliance.",
    "Apply to join",
    "/join/",
)
FIND_ALLIANCE = call_to_action(
    "Find your local alliance",
    "Twelve local alliances organize discussions, school visits and meetings with "
    "congressional offices in their part of the country.",
    "Find your alliance",
    "/alliances/",
)

SITE_SETTINGS = {
    "organization_name": (
        "American Non-Governmental Organizations Coalition for the International Criminal Court"
    ),
    "short_name": "AMICC",
    "tagline": "Building American support for the International Criminal Court",
    "legal_line": (
        "A program of Columbia University's Institute for the Study of Human Rights, "
        "which gives it 501(c)(3) tax-exempt status."
    ),
    "contact_email": "info@amicc.example",
    "contact_phone": "+1 212 555 0100 (sample)",
    "postal_address": "AMICC (sample address)\n100 Example Avenue\nNew York, NY 10000",
    "twitter_url": "https://x.example.org/amicc",
    "facebook_url": "https://facebook.example.org/amicc",
    "linkedin_url": "https://linkedin.example.org/company/amicc",
    "blog_url": "https://blog.example.org/amicc",
}

TOPICS = [
    {
        "slug": "gender-crimes",
        "name": "Gender crimes and sexual violence",
        "description": (
            "How the Court investigates and tries gender-based crimes and sexual violence, "
            "rape among them, as war crimes, crimes against humanity and acts of genocide."
        ),
    },
    {
        "slug": "historical-record",
        "name": "The historical record of atrocities",
        "description": (
            "How the ICC and other international tribunals gather evidence and testimony into "
            "an account of what happened, and what that account is later used for."
        ),
    },
    {
        "slug": "court-functioning",
        "name": "How the Court works: elections and leadership",
        "description": (
            "Whether the Court does its job well: the election of judges and the Prosecutor, "
            "changes of leadership, resources, oversight and due process."
        ),
    },
    {
        "slug": "peace-and-justice",
        "name": "Peace and justice",
        "description": (
            "Whether bringing atrocity crimes to trial helps or hinders the end of a conflict, "
            "and how the two aims pull against and support each other."
        ),
    },
]

HOME = {
    "title": "Home",
    "slug": "home",
    "hero_heading": "Americans for an effective International Criminal Court",
    "hero_text": (
        "AMICC brings together American organizations and local alliances that want the "
        "United States to support the International Criminal Court, cooperate with it and, "
        "in time, join it."
    ),
    "intro": (
        "Since 2001 the coalition has explained the Court to the American public, followed "
        "what Congress and the executive branch do about it, and taken Americans to the "
        "Court's yearly Assembly of States Parties."
    ),
    "body": [
        heading("Take part"),
        JOIN,
        FIND_ALLIANCE,
    ],
}

INDEX_PAGES = {
    "news": {
        "title": "News",
        "intro": "Sample news from the coalition, its member organizations and local alliances.",
    },
    "publications": {
        "title": "Publications",
        "intro": (
            "Action guides, analyses, reports, fact sheets and statements. The items in this "
            "demonstration library are samples."
        ),
    },
    "topics": {
        "title": "Topics",
        "intro": "The four questions our research, teaching and advocacy keep returning to.",
    },
}

ABOUT = {
    "slug": "about",
    "title": "About us",
    "show_in_menus": True,
    "intro": "Who we are, and why we want the United States inside the International "
    "Criminal Court.",
    "body": [
        heading("Our mission"),
        paragraph(
            "AMICC is a coalition of American non-profit organizations and local alliances.",
            "What unites its members is one goal: a United States that fully supports the "
            "International Criminal Court and, when the time is right, ratifies the Rome "
            "Statute that created it.",
        ),
        paragraph(
            "We hold that people who commit genocide, crimes against humanity and war crimes "
            "must be called to account, and that those who survive such crimes are owed "
            "justice.",
            "The Court puts into practice values Americans have long defended, the rule of law "
            "first among them, and American lawyers and diplomats did much to build "
            "international criminal law, from Nuremberg to the tribunals for the former "
            "Yugoslavia and Rwanda.",
        ),
        heading("Where we belong"),
        paragraph(
            "Since November 2010 AMICC has been a program of the Institute for the Study of "
            "Human Rights at Columbia University.",
            "It is also the American national network of the worldwide Coalition for the "
            "International Criminal Court (CICC), which has more than 2,500 member "
            "organizations and offices in New York and The Hague.",
        ),
        heading("Read more"),
        bullets(
            '<a href="/history/">Our history</a>',
            '<a href="/how-the-coalition-works/">How the coalition works</a>',
            '<a href="/the-icc-in-brief/">The ICC in brief</a>',
            '<a href="/funders/">Our funders</a>',
        ),
        JOIN,
    ],
}

HISTORY = {
    "slug": "history",
    "title": "History",
    "show_in_menus": False,
    "intro": "From one former diplomat's initiative in 2001 to a nationwide coalition.",
    "body": [
        paragraph(
            "John L. Washburn, who had served both as a US diplomat and as an official of the "
            "United Nations, started AMICC in 2001.",
            "He had been in Rome in 1998 when the Court's founding treaty was adopted, and he "
            "later attended the 2010 review conference in Kampala.",
        ),
        paragraph(
            "The coalition has sent people to every yearly session of the Assembly of States "
            "Parties and has helped many American organizations find their way into the "
            "Court's work.",
        ),
        paragraph(
            "In November 2010 AMICC joined Columbia University's Institute for the Study of "
            "Human Rights as one of its programs, linking its advocacy to the Institute's "
            "teaching and research on international justice.",
        ),
        heading("Milestones"),
        bullets(
            "1998: states adopt the Rome Statute of the International Criminal Court.",
            "2001: John L. Washburn founds AMICC.",
            "1 July 2002: the Rome Statute enters into force and the Court comes into being.",
            "2010: AMICC becomes a program of the Institute for the Study of Human Rights.",
            "Today: 35 member organizations and 12 local alliances.",
        ),
    ],
}

HOW_IT_WORKS = {
    "slug": "how-the-coalition-works",
    "title": "How the coalition works",
    "show_in_menus": False,
    "intro": "Member organizations, local alliances and a Washington working group, pulling "
    "in the same direction.",
    "body": [
        heading("Member organizations"),
        paragraph(
            "Membership costs nothing: organizations bring their commitment, their "
            "constituents and their expertise instead.",
            "Among the 35 members are bar associations, human rights groups, women's groups, "
            "religious and veterans' organizations, and groups of students and young adults.",
        ),
        heading("Local alliances"),
        paragraph(
            "Individuals who want the United States to back the Court form local alliances; "
            "there are 12 around the country.",
            "An alliance might:",
        ),
        bullets(
            "hold public discussions, hand out fliers, organize demonstrations and brief "
            "local organizations;",
            "teach about the Court in schools and community centers and correct "
            "misconceptions about it;",
            "poll its district to learn how much support the Court has there;",
            "meet the local offices of members of Congress and of state legislators;",
            "encourage local media to follow the Court and explain why US participation matters;",
            "hold seminars and conferences with law schools and international relations "
            "departments.",
        ),
        heading("In Washington"),
        paragraph(
            "The Washington Working Group on the ICC (WICC) watches what Congress and the "
            "executive branch do about the Court and helps lawmakers and officials understand "
            "it.",
            "Local work across the country gives that effort its weight.",
        ),
        heading("At the Court"),
        paragraph(
            "Every year AMICC forms a delegation to the Assembly of States Parties, the "
            "Court's governing body.",
            "Students and scholars are welcome to apply.",
        ),
        FIND_ALLIANCE,
    ],
}

ICC_IN_BRIEF = {
    "slug": "the-icc-in-brief",
    "title": "The ICC in brief",
    "show_in_menus": True,
    "intro": "What the International Criminal Court is, what it tries, and where the United "
    "States stands.",
    "body": [
        paragraph(
            "The International Criminal Court sits in The Hague and was created by a treaty.",
            "It tries individual people, not governments, accused of genocide, crimes against "
            "humanity, war crimes and the crime of aggression.",
        ),
        heading("The Rome Statute"),
        paragraph(
            "States adopted the treaty that founded the Court, the Rome Statute, at a "
            "diplomatic conference in 1998.",
            "It took effect on 1 July 2002, once enough countries had ratified it.",
            "The countries that have joined meet every year as the Assembly of States "
            "Parties, which elects the Court's judges and Prosecutor and sets its budget.",
        ),
        heading("The United States and the Court"),
        paragraph(
            "The United States helped negotiate the Statute but has not ratified it.",
            "AMICC works for a relationship between the two that is close enough, and "
            "familiar enough to Americans, to make ratification possible.",
        ),
        heading("Further reading"),
        bullets(
            '<a href="/topics/">Our focus areas</a>',
            '<a href="/publications/">Fact sheets, analyses and action guides</a>',
        ),
    ],
}

CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "show_in_menus": True,
    "intro": "Write to us, ask for a speaker or join the coalition.",
    "body": [
        paragraph(
            "Our speakers give talks about the Court anywhere in the country, for schools, "
            "congregations, bar associations and community groups.",
            "Tell us who your audience is and when you would like us to come.",
        ),
        bullets('<a href="/request-a-presentation/">Request a presentation</a>'),
        paragraph(
            "On this demonstration site the address, telephone number and email address "
            "shown below are samples: messages sent to them reach no one.",
        ),
        JOIN,
    ],
}

# In menu order: the main navigation lists the pages shown in menus by their tree order.
SECTION_PAGES_BEFORE_INDEXES = [ABOUT]
SECTION_PAGES_AFTER_INDEXES = [ICC_IN_BRIEF, CONTACT, HISTORY, HOW_IT_WORKS]
