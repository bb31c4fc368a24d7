from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from amicc.congress.forms import RepresentativeLookupForm
from amicc.congress.models import ActionAlert, ZipDistrict
from amicc.congress.selectors import representatives_for_zip


class RepresentativesView(View):
    """Find your members of Congress by ZIP code.

    A ZIP code that is not one answers 400 with the form and its error; a ZIP code with no
    district on record answers 404 with a message; a district the ZIP does not lie in answers
    400 with every candidate still shown.
    """

    template_name = "congress/representatives.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        asked = "zip" in request.GET or "district" in request.GET
        form = RepresentativeLookupForm(request.GET if asked else None)
        result = None
        zip_data_missing = False
        status = 200
        if asked:
            form.is_valid()
            status = 400 if form.errors else 200
            if "zip" in form.cleaned_data:
                state, district = form.cleaned_data.get("district") or (None, None)
                result = representatives_for_zip(form.cleaned_data["zip"], district, state=state)
                if not result.found:
                    status = 404
                    zip_data_missing = not ZipDistrict.objects.exists()
                elif result.narrowing_failed:
                    form.add_error("district", _("Choose one of the districts listed."))
                    status = 400
        context = {
            "form": form,
            "result": result,
            "zip_data_missing": zip_data_missing,
            "open_alerts": list(ActionAlert.objects.open()[:3]) if result and result.found else [],
        }
        return render(request, self.template_name, context, status=status)
