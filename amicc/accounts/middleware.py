from django.shortcuts import redirect

from amicc.accounts.two_factor import second_step_redirect


class SecondFactorMiddleware:
    """Sends a person signed in with their password only to the second step (or, when it
    is required, to enrolment) before any admin page. Goes after django-otp's
    OTPMiddleware, which tells whether the session has passed the second step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        target = second_step_redirect(request, match.view_name if match else "")
        return redirect(target) if target else None
