"""Plausible coalition prose for benchmark content, built from word lists and templates.

Everything is drawn from a `random.Random` the caller seeds, so the same seed always
gives the same titles, paragraphs and dates.
"""

import datetime
import random
import uuid

from amicc.pages.choices import PublicationKind

COALITION = [
    "AMICC",
    "The coalition",
    "Our member organizations",
    "The Washington alliance",
    "Local alliances",
    "Bar associations in the coalition",
    "Women's groups in the coalition",
    "Veterans' organizations",
    "Religious organizations",
    "Student and young adult groups",
    "Human rights organizations",
]
COURT = [
    "the International Criminal Court",
    "the ICC Prosecutor",
    "the Office of the Prosecutor",
    "the Assembly of States Parties",
    "the Trust Fund for Victims",
    "the Registry",
    "the Pre-Trial Chamber",
    "the Appeals Chamber",
    "the Presidency of the Court",
]
WASHINGTON = [
    "Congress",
    "the Senate Foreign Relations Committee",
    "the House Foreign Affairs Committee",
    "the State Department",
    "the Office of Global Criminal Justice",
    "the White House",
    "the Administration",
    "members of Congress",
    "congressional staffers",
    "the Department of Justice",
]
SUBJECTS = [
    "the Rome Statute",
    "complementarity",
    "the crime of aggression",
    "gender-based crimes",
    "reparations for victims",
    "universal jurisdiction",
    "the American Servicemembers' Protection Act",
    "state cooperation with the Court",
    "outstanding arrest warrants",
    "witness protection",
    "the Kampala amendments",
    "sanctions on Court officials",
    "the independence of the judiciary",
    "the rights of the accused",
    "crimes against children",
    "attacks on cultural heritage",
    "the budget of the Court",
    "the election of judges",
]
SITUATIONS = [
    "Darfur",
    "Ukraine",
    "Afghanistan",
    "the Democratic Republic of the Congo",
    "northern Uganda",
    "the Central African Republic",
    "Mali",
    "Georgia",
    "Venezuela",
    "Bangladesh and Myanmar",
    "Libya",
    "Kenya",
    "Côte d'Ivoire",
    "Palestine",
    "Burundi",
    "the Philippines",
    "Lithuania and Belarus",
]
CITIES = [
    "Boston",
    "Chicago",
    "Denver",
    "Minneapolis",
    "Philadelphia",
    "Portland",
    "San Francisco",
    "Seattle",
    "Atlanta",
    "Austin",
    "Madison",
    "New Haven",
    "Pittsburgh",
    "Sacramento",
    "Albuquerque",
    "Ann Arbor",
    "Baltimore",
    "Cleveland",
]
SPEAKING = ["welcomes", "urges", "calls on", "responds to", "commends", "questions"]
DOING = [
    "hears arguments on",
    "issues a decision on",
    "opens consultations on",
    "publishes a policy paper on",
    "holds a briefing on",
    "reports progress on",
]
ADJECTIVES = ["landmark", "long-awaited", "closely watched", "historic", "contested", "unanimous"]
OUTCOMES = [
    "strengthen accountability for atrocity crimes",
    "protect the independence of the Court",
    "support victims and their families",
    "restore full cooperation between the United States and the Court",
    "end impunity for the gravest crimes",
    "help national courts prosecute war crimes",
]
SENTENCES = [
    "{Coalition} {speaking} {washington} to {outcome}.",
    "In its {adjective} decision, {court} addressed {subject} in the situation in {situation}.",
    "Observers in {city} followed the proceedings on {subject} closely.",
    "{Court} {doing} {subject}, a question that matters to {washington}.",
    "Advocates argue that {subject} is central to efforts to {outcome}.",
    "Speakers from {situation} described what justice would mean to survivors.",
    "The alliance in {city} met with {washington} to discuss {subject}.",
    "A briefing for {washington} explained how {subject} works in practice.",
    "The {ordinal} session of the Assembly of States Parties will return to {subject}.",
    "{Coalition} will continue to monitor {subject} and report back to members.",
    "Civil society groups from {situation} asked {court} to {outcome}.",
    "Experts noted that {subject} has been debated since the Rome Conference in 1998.",
    "Volunteers in {city} organized a public forum on the situation in {situation}.",
    "Students at a law school in {city} held a moot court exercise on {subject}.",
    "The statement was endorsed by groups ranging from bar associations to faith communities.",
    "Few issues have drawn as much attention in {city} as {subject}.",
    "A delegation traveled to The Hague to observe hearings on {situation}.",
    "The coalition's fact sheet summarizes the record of {court} on {subject}.",
    "Members are encouraged to write to their representatives before the vote.",
    "Local press in {city} covered the event and the questions it raised.",
    "Testimony before {washington} touched on {subject} and on {situation}.",
    "Supporters can request a presentation on {subject} for their community.",
]
HEADINGS = [
    "Background",
    "What happened",
    "Why it matters",
    "What you can do",
    "The view from Washington",
    "Next steps",
    "Reactions from civil society",
]
NEWS_TITLES = [
    "{Coalition} {speaking} {washington} on {subject}",
    "{Court} {doing} {subject}",
    "Situation in {situation}: {adjective} step on {subject}",
    "{City} alliance meets {washington} about {subject}",
    "ASP {ordinal} session: the debate on {subject}",
    "What the {adjective} ruling on {situation} means for {subject}",
]
PUBLICATION_TITLES = {
    PublicationKind.ACTION_GUIDE: "Action guide: talking to {washington} about {subject}",
    PublicationKind.ANALYSIS: "Analysis: {subject} after the {adjective} decision on {situation}",
    PublicationKind.REPORT: "Report on the {ordinal} session of the Assembly: {subject}",
    PublicationKind.FACT_SHEET: "Fact sheet: {subject}",
    PublicationKind.STATEMENT: "Statement on {subject} and the situation in {situation}",
}
KIND_WEIGHTS = {
    PublicationKind.ACTION_GUIDE: 15,
    PublicationKind.ANALYSIS: 25,
    PublicationKind.REPORT: 25,
    PublicationKind.FACT_SHEET: 15,
    PublicationKind.STATEMENT: 20,
}
AUTHORS = ["AMICC staff", "The Convener", "Washington alliance", "AMICC intern", ""]
SPAN_DAYS = 20 * 365
LATEST_DATE = datetime.date(2025, 6, 30)


VOCABULARY = {
    "coalition": COALITION,
    "court": COURT,
    "washington": WASHINGTON,
    "subject": SUBJECTS,
    "situation": SITUATIONS,
    "city": CITIES,
    "speaking": SPEAKING,
    "doing": DOING,
    "adjective": ADJECTIVES,
    "outcome": OUTCOMES,
}


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


class BenchText:
    """Titles, summaries and StreamField bodies drawn from one seeded random source.

    Each instance writes one document: it settles on a subject, a situation, a city and
    so on, and mostly sticks to them, so that a word like "Darfur" is common in the
    documents about Darfur and rare elsewhere, as in real writing.
    """

    FOCUS = 0.85

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.focus = {name: rng.choice(pool) for name, pool in VOCABULARY.items()}

    def word(self, name: str) -> str:
        if self.rng.random() < self.FOCUS:
            return self.focus[name]
        return self.rng.choice(VOCABULARY[name])

    def fill(self, template: str) -> str:
        words = {name: self.word(name) for name in VOCABULARY}
        words["ordinal"] = _ordinal(self.rng.randint(1, 24))
        words |= {key.capitalize(): _capitalize(value) for key, value in words.items()}
        return template.format(**words)

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES))

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def news_title(self) -> str:
        return _capitalize(self.fill(self.rng.choice(NEWS_TITLES)))

    def publication_kind(self) -> str:
        kinds = list(KIND_WEIGHTS)
        return self.rng.choices(kinds, weights=list(KIND_WEIGHTS.values()))[0]

    def publication_title(self, kind: str) -> str:
        return self.fill(PUBLICATION_TITLES[PublicationKind(kind)])

    def author(self) -> str:
        return self.rng.choice(AUTHORS)

    def date(self) -> datetime.date:
        return LATEST_DATE - datetime.timedelta(days=self.rng.randrange(SPAN_DAYS))

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def body(self) -> list[dict]:
        """Raw StreamField data: headed sections of paragraphs, now and then a quote."""
        blocks: list[dict] = []
        for _ in range(self.rng.randint(2, 4)):
            heading = {"text": self.rng.choice(HEADINGS), "level": "h2"}
            blocks.append(self._block("heading", heading))
            for _ in range(self.rng.randint(1, 3)):
                blocks.append(self._block("paragraph", f"<p>{self.paragraph()}</p>"))
            if self.rng.random() < 0.2:
                quote = {"quote": self.sentence(), "attribution": self.word("coalition")}
                blocks.append(self._block("quote", quote))
        return blocks

    def _block(self, block_type: str, value: object) -> dict:
        return {"type": block_type, "value": value, "id": str(self.uuid())}
