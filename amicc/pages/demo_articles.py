"""Sample news items and publications of the demo site, and the text of its one PDF.

Every item says it is a sample in its first words; none reports a real event.
"""

import datetime

from amicc.pages.choices import PublicationKind
from amicc.pages.demo_text import bullets, heading, paragraph, quote

# Appears in the action guide's PDF and nowhere in a page's own fields, so a search for it
# finds the guide only through the text extracted from the attachment.
GUIDE_PDF_PHRASE = "congressional district office visit checklist"

GUIDE_DOCUMENT = {
    "title": "Action guide: meeting your member of Congress (sample PDF)",
    "filename": "amicc-action-guide-meeting-congress-sample.pdf",
    "heading": "AMICC action guide (sample)",
    "lines": [
        "Meeting your member of Congress about the International Criminal Court",
        "This guide is sample content of the AMICC demonstration site.",
        "Most members of Congress keep offices in their home district. A short, friendly "
        "meeting there with a few constituents often does more than a letter.",
        f"The {GUIDE_PDF_PHRASE}:",
        "1. Ask for the meeting in writing two or three weeks ahead and name who will come.",
        "2. Bring the one-page fact sheet on the Court and a short note about your alliance.",
        "3. Agree beforehand who opens, who makes the request and who takes notes.",
        "4. Make one clear request, for example support for cooperation with the Court.",
        "5. Afterwards, thank the staff member in writing and record the visit for your "
        "alliance coordinator.",
    ],
}

NEWS = [
    {
        "title": "Coalition delegation heads to the Assembly of States Parties",
        "date": datetime.date(2025, 11, 28),
        "author": "AMICC staff",
        "intro": "Sample: our yearly delegation of students, scholars and member "
        "organizations travels to the session of the Court's governing body.",
        "topics": ["court-functioning"],
        "tags": ["assembly of states parties", "delegation"],
        "body": [
            paragraph(
                "Each year AMICC brings a group of Americans to the Assembly of States "
                "Parties, where the countries that have joined the Court decide its budget "
                "and elect its officials.",
                "This sample item stands in for the announcement of such a trip.",
            ),
            heading("What delegates do"),
            bullets(
                "follow the plenary debates and the side events organized by civil society;",
                "meet partners from the Coalition for the International Criminal Court;",
                "write short daily reports for the coalition's members.",
            ),
        ],
    },
    {
        "title": "Students invited to apply for next year's delegation",
        "date": datetime.date(2025, 9, 15),
        "author": "AMICC staff",
        "intro": "Sample: places on the delegation to the Assembly of States Parties are open "
        "to students and scholars.",
        "topics": ["court-functioning"],
        "tags": ["students", "delegation"],
        "body": [
            paragraph(
                "Students and young scholars of international law and human rights can see "
                "the Court's governing body at work by joining the coalition's delegation.",
                "Applicants describe their interest in the Court and the topic they would "
                "like to follow during the session.",
            ),
        ],
    },
    {
        "title": "Anniversary of the Rome Statute's entry into force",
        "date": datetime.date(2025, 7, 1),
        "author": "AMICC staff",
        "intro": "Sample: local alliances mark the day, in 2002, when the Court's founding "
        "treaty took effect.",
        "topics": ["peace-and-justice", "historical-record"],
        "tags": ["local alliances", "anniversary"],
        "body": [
            paragraph(
                "The Rome Statute was adopted in 1998 and took effect on 1 July 2002.",
                "In this sample item, alliances around the country hold readings, "
                "discussions and library displays to mark the date.",
            ),
            quote(
                "People are surprised to learn how much the United States did to make "
                "international criminal law possible.",
                "A local alliance coordinator (sample)",
            ),
        ],
    },
    {
        "title": "Washington working group briefs congressional staff",
        "date": datetime.date(2025, 4, 2),
        "author": "Washington Working Group on the ICC",
        "intro": "Sample: WICC members explain to Hill staffers how the Court works and "
        "what cooperation with it involves.",
        "topics": ["court-functioning"],
        "tags": ["congress", "wicc"],
        "body": [
            paragraph(
                "The Washington Working Group on the ICC keeps track of what Congress and the "
                "executive branch do about the Court.",
                "In this sample briefing its members answer staffers' questions about the "
                "Court's jurisdiction, due process and oversight.",
            ),
        ],
    },
    {
        "title": "Seminar on how tribunals write the history of atrocities",
        "date": datetime.date(2025, 2, 20),
        "author": "AMICC staff",
        "intro": "Sample: scholars discuss how judgments and trial records become part of "
        "the way societies remember mass crimes.",
        "topics": ["historical-record"],
        "tags": ["seminars", "universities"],
        "body": [
            paragraph(
                "Trials gather testimony and documents on a scale few other institutions can.",
                "This sample seminar, held with a law school, asks what that record is good "
                "for once the verdict is in, and what it leaves out.",
            ),
        ],
    },
    {
        "title": "Panel on the prosecution of sexual violence",
        "date": datetime.date(2024, 12, 5),
        "author": "AMICC staff",
        "intro": "Sample: practitioners and researchers look at how international courts "
        "have handled rape and other sexual violence.",
        "topics": ["gender-crimes"],
        "tags": ["gender justice", "events"],
        "body": [
            paragraph(
                "The Rome Statute names rape and other forms of sexual violence among the "
                "crimes the Court can try.",
                "The sample panel compares the Court's practice with that of earlier "
                "tribunals and asks what survivors need from a trial.",
            ),
        ],
    },
]

PUBLICATIONS = [
    {
        "title": "Meeting your member of Congress about the ICC",
        "kind": PublicationKind.ACTION_GUIDE,
        "date": datetime.date(2025, 3, 10),
        "summary": "Sample: a step-by-step guide for local alliances that want to meet a "
        "representative, a senator or their staff.",
        "topics": ["court-functioning", "peace-and-justice"],
        "featured": True,
        "attach_guide": True,
        "body": [
            paragraph(
                "A meeting in the home district is one of the most effective things a local "
                "alliance can do.",
                "The PDF walks through preparing for it, holding it and following up.",
            ),
        ],
    },
    {
        "title": "The International Criminal Court at a glance",
        "kind": PublicationKind.FACT_SHEET,
        "date": datetime.date(2025, 1, 15),
        "summary": "Sample: one page on what the Court is, the crimes it tries, how its "
        "treaty came about and where the United States stands.",
        "topics": ["court-functioning"],
        "featured": True,
        "body": [
            bullets(
                "Founded by the Rome Statute, adopted in 1998 and in force since 1 July 2002.",
                "Tries individuals for genocide, crimes against humanity, war crimes and "
                "aggression.",
                "Governed by the Assembly of States Parties, which meets every year.",
                "The United States has not ratified the Statute.",
            ),
        ],
    },
    {
        "title": "Report from the Assembly of States Parties",
        "kind": PublicationKind.REPORT,
        "date": datetime.date(2025, 12, 15),
        "summary": "Sample: what the coalition's delegation saw at the yearly session, from "
        "the budget debate to the election of officials.",
        "topics": ["court-functioning"],
        "featured": True,
        "body": [
            heading("Elections"),
            paragraph(
                "In this sample report the delegation describes how candidates for the "
                "Court's offices were vetted and elected.",
            ),
            heading("Budget"),
            paragraph(
                "It also follows the negotiations over the Court's resources, which decide "
                "how many investigations it can carry out.",
            ),
        ],
    },
    {
        "title": "Sexual violence before the International Criminal Court",
        "kind": PublicationKind.ANALYSIS,
        "date": datetime.date(2024, 11, 18),
        "summary": "Sample: how the Court's rules and cases treat rape and other sexual "
        "violence, and where practice still falls short.",
        "topics": ["gender-crimes"],
        "featured": False,
        "body": [
            paragraph(
                "This sample analysis reads the Statute's provisions on gender-based crimes "
                "alongside the Court's procedures for protecting witnesses.",
            ),
        ],
    },
    {
        "title": "Statement on peace negotiations and accountability",
        "kind": PublicationKind.STATEMENT,
        "date": datetime.date(2025, 5, 20),
        "summary": "Sample: the coalition's view that a lasting peace and the prosecution of "
        "atrocity crimes can strengthen each other.",
        "topics": ["peace-and-justice", "historical-record"],
        "featured": False,
        "body": [
            paragraph(
                "Negotiators sometimes fear that arrest warrants will keep parties away from "
                "the table.",
                "This sample statement argues that peace built on impunity rarely holds, and "
                "that an accurate record of what happened helps a settlement last.",
            ),
        ],
    },
]
