"""The public form a person answers a poll with, built from the poll's questions.

Cleaning places the respondent: the ZIP code gives the district (or, for a split ZIP, the
districts to choose from, shown with every answer kept), and a district outside the
poll's scope is an error on the form.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from amicc.coalition.forms import PublicForm, zip_code_field, zip_validated
from amicc.congress.forms import DISTRICT_PATTERN
from amicc.polls.choices import DEMOGRAPHIC_CATEGORIES, Demographic, QuestionKind
from amicc.polls.models import Poll, PollQuestion
from amicc.polls.selectors import DistrictChoice, districts_for_zip, poll_audience, poll_includes
from amicc.polls.services.responses import AnswerInput

TEXT_ANSWER_MAX_LENGTH = 2000
PREFER_NOT_TO_SAY = ("", _("Prefer not to say"))
DEMOGRAPHIC_LABELS = {
    Demographic.AGE: _("Your age"),
    Demographic.GENDER: _("Your gender"),
    Demographic.PARTY: _("The party you identify with"),
}


def _question_field(question: PollQuestion) -> forms.Field:
    options = [(str(option.pk), option.label) for option in question.options.all()]
    common = {
        "label": question.text,
        "required": question.required,
        "help_text": question.help_text,
    }
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            max_length=TEXT_ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": _("Write an answer to this question.")},
            **common,
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one answer to this question.")},
            **common,
        )
    return forms.ChoiceField(
        choices=options,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer to this question.")},
        **common,
    )


class PollResponseForm(PublicForm):
    """ZIP code (and district for a split ZIP), the questions, the optional demographics."""

    zip_code = zip_code_field(
        help_text=_(
            "5 digits, or ZIP+4. It places your answers in your congressional district; "
            "we do not keep it."
        ),
        error_messages={"required": _("Enter your ZIP code.")},
    )
    district = forms.CharField(
        label=_("Your congressional district"), required=False, max_length=10
    )

    def __init__(self, *args, poll: Poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.questions = {f"question_{q.pk}": q for q in poll.questions.all()}
        for name, question in self.questions.items():
            self.fields[name] = _question_field(question)
        for dimension in poll.demographics:
            self.fields[dimension] = forms.ChoiceField(
                label=DEMOGRAPHIC_LABELS[dimension],
                choices=[*DEMOGRAPHIC_CATEGORIES[dimension].choices, PREFER_NOT_TO_SAY],
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )
        self.district_choices: list[DistrictChoice] = []
        self.place: DistrictChoice | None = None

    @cached_property
    def question_fields(self) -> list:
        return [self[name] for name in self.questions]

    @cached_property
    def demographic_fields(self) -> list:
        return [self[dimension] for dimension in self.poll.demographics]

    def clean_zip_code(self) -> str:
        return zip_validated(self.cleaned_data["zip_code"], need_state=False)[:5]

    def clean_district(self) -> DistrictChoice | None:
        value = self.cleaned_data["district"].strip()
        if not value:
            return None
        match = DISTRICT_PATTERN.match(value)
        if match is None or not match["state"]:
            raise forms.ValidationError(_("Choose one of the districts listed."), code="invalid")
        return DistrictChoice(state=match["state"].upper(), district=int(match["district"]))

    def clean(self) -> dict:
        data = super().clean()
        zip_code = data.get("zip_code")
        if zip_code is None:
            return data
        self.district_choices = districts_for_zip(zip_code=zip_code)
        if not self.district_choices:
            self.add_error(
                "zip_code",
                _(
                    "We could not match ZIP code %(zip)s to a congressional district. It may be "
                    "a ZIP code for post office boxes or a single business: try the ZIP code of "
                    "your home address."
                )
                % {"zip": zip_code},
            )
        elif len(self.district_choices) == 1:
            self.place = self.district_choices[0]
        elif "district" not in self.errors:
            self._choose_district(zip_code, data.get("district"))
        if self.place and not poll_includes(
            self.poll, state=self.place.state, district=self.place.district
        ):
            self.add_error(
                "zip_code",
                _(
                    "This poll is for %(audience)s, and ZIP code %(zip)s is in %(place)s, so you "
                    "cannot answer it. Thank you for your interest."
                )
                % {
                    "audience": poll_audience(self.poll),
                    "zip": zip_code,
                    "place": self.place.label,
                },
            )
        return data

    def _choose_district(self, zip_code: str, chosen: DistrictChoice | None) -> None:
        if chosen in self.district_choices:
            self.place = chosen
        elif chosen is None:
            self.add_error(
                "district",
                _(
                    "ZIP code %(zip)s lies in more than one congressional district: "
                    "choose yours below."
                )
                % {"zip": zip_code},
            )
        else:
            self.add_error("district", _("Choose one of the districts listed."))

    def answers(self) -> list[AnswerInput]:
        """The answers given, one per chosen option; unanswered optional questions skipped."""
        answers = []
        for name, question in self.questions.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if question.kind == QuestionKind.TEXT:
                answers.append(AnswerInput(question=question, text=value.strip()))
                continue
            options = {str(option.pk): option for option in question.options.all()}
            chosen = value if isinstance(value, list) else [value]
            answers += [AnswerInput(question=question, option=options[pk]) for pk in chosen]
        return answers

    def demographics(self) -> dict[str, str]:
        return {dimension: self.cleaned_data.get(dimension, "") for dimension in Demographic}
