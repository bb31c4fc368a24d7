"""Action alerts: a person writes to their members of Congress about a watchlist item.

The alert page carries its visitor's CSRF token, so it is private and never enters the
anonymous page cache. The thank-you page finds the letter through the sender's session,
never through an id in the address, so nobody else can open it.
"""

import functools

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from amicc.congress.choices import LetterDelivery
from amicc.congress.forms import RepresentativeLookupForm
from amicc.congress.forms_letters import LetterForm, alert_audience
from amicc.congress.models import ActionAlert, LetterSubmission
from amicc.congress.services.letters import (
    OPTIN_LINK_MAX_AGE,
    AlertClosed,
    LetterRecipients,
    OptinLinkInvalid,
    action_alerts_optin_confirm,
    letter_copies,
    letter_recipients,
    letter_submit,
)
from amicc.core.ratelimit import over_limit_response, rate_limit_count

ALERT_TEMPLATE = "congress/letters/alert.html"
# Where the sender's session keeps what they sent, per alert:
# {alert pk: {"submission": submission pk, "confirmation_sent": bool}}.
SESSION_KEY = "congress_letters"
# A split ZIP code or a typo costs a second try, and a household shares one address.
LETTER_POSTS_PER_WINDOW = 10
LETTER_WINDOW_SECONDS = 600


def _alert_or_404(slug: str) -> ActionAlert:
    return get_object_or_404(ActionAlert.objects.select_related("watchlist_item"), slug=slug)


def _alert_page(
    request: HttpRequest,
    alert: ActionAlert,
    form: LetterForm,
    *,
    recipients: LetterRecipients | None = None,
    status: int = 200,
    **extra,
) -> HttpResponse:
    context = {
        "alert": alert,
        "item": alert.watchlist_item,
        "audience": alert_audience(alert),
        "form": form,
        "recipients": recipients or form.recipients,
        **extra,
    }
    return render(request, ALERT_TEMPLATE, context, status=status)


def _prefilled(alert: ActionAlert, query: QueryDict) -> tuple[dict, LetterRecipients | None]:
    """The starting letter, and the ZIP code and district of a link such as ?zip=10001."""
    initial = {"subject": alert.subject, "body": alert.letter_template}
    lookup = RepresentativeLookupForm(query)
    if "zip" not in query or not lookup.is_valid():
        return initial, None
    state, district = lookup.cleaned_data["district"] or (None, None)
    initial.update(zip_code=lookup.cleaned_data["zip"], district=query.get("district", ""))
    recipients = letter_recipients(
        alert=alert, zip_code=lookup.cleaned_data["zip"], district=district, state=state
    )
    return initial, recipients


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def action_alert(request: HttpRequest, slug: str) -> HttpResponse:
    """The alert and its letter form; a closed alert shows why and refuses letters (403)."""
    alert = _alert_or_404(slug)
    if request.method == "POST":
        return _letter_send(request, alert)
    initial, recipients = _prefilled(alert, request.GET)
    return _alert_page(
        request, alert, LetterForm(alert=alert, initial=initial), recipients=recipients
    )


def _letter_send(request: HttpRequest, alert: ActionAlert) -> HttpResponse:
    form = LetterForm(request.POST, alert=alert)
    if form.honeypot_tripped:
        # Answered like a success, so a robot learns nothing; nothing is stored or sent.
        return redirect("congress:action_alert_sent", slug=alert.slug)
    if not alert.is_open:
        return _alert_page(request, alert, form, status=403)
    limit = rate_limit_count(
        request=request,
        scope="action-alert-letter",
        limit=LETTER_POSTS_PER_WINDOW,
        window=LETTER_WINDOW_SECONDS,
    )
    if not limit.allowed:
        return over_limit_response(limit, functools.partial(_alert_page, request, alert, form))
    if not form.is_valid():
        return _alert_page(request, alert, form, status=400)
    try:
        sent = letter_submit(alert=alert, recipients=form.recipients, **form.letter_arguments())
    except AlertClosed:
        return _alert_page(request, alert, form, status=403)
    if sent.already:
        context = {"alert": alert, "form": form, "confirmation_sent": sent.confirmation_sent}
        return render(request, "congress/letters/already.html", context)
    sender = {"submission": sent.submission.pk, "confirmation_sent": sent.confirmation_sent}
    request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), str(alert.pk): sender}
    return redirect("congress:action_alert_sent", slug=alert.slug)


def _senders_letters(request: HttpRequest, alert: ActionAlert) -> dict:
    """What the sender's own session says they sent on `alert`; empty for anyone else."""
    sender = request.session.get(SESSION_KEY, {}).get(str(alert.pk))
    if not isinstance(sender, dict):
        return {}
    submission = (
        LetterSubmission.objects.select_related("person")
        .filter(pk=sender.get("submission"), alert=alert)
        .first()
    )
    if submission is None:
        return {}
    copies = letter_copies(submission=submission)
    # What could not be emailed is left to the sender, like an office without an address.
    yours = {LetterDelivery.CONTACT_FORM, LetterDelivery.FAILED}
    by_form = [copy for copy in copies if copy.letter.delivery in yours]
    return {
        "submission": submission,
        "confirmation_sent": bool(sender.get("confirmation_sent")),
        "emailed": [copy for copy in copies if copy not in by_form],
        "contact_forms": by_form,
    }


@never_cache
@require_GET
def action_alert_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """The sender's own thank-you page: where each letter went and what is left to do.

    Anyone else, or the sender in another browser, gets the alert's thanks and nothing more.
    """
    alert = _alert_or_404(slug)
    context = {"alert": alert, **_senders_letters(request, alert)}
    return render(request, "congress/letters/sent.html", context)


@never_cache
@require_GET
def action_alerts_subscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The link in the opt-in email; a broken or old link gets a 400 page, never a 500."""
    alert = _alert_or_404(slug)
    template = "congress/letters/subscribed.html"
    try:
        newly = action_alerts_optin_confirm(token=token)
    except OptinLinkInvalid:
        context = {"alert": alert, "invalid": True, "valid_days": OPTIN_LINK_MAX_AGE.days}
        return render(request, template, context, status=400)
    return render(request, template, {"alert": alert, "newly": newly})
