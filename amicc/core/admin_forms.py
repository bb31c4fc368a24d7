"""Pieces the apps' admin views share."""

from django.core.exceptions import ValidationError


class ServiceSaveMixin:
    """For a Wagtail create or edit view whose `save_instance` calls a service: a rule the
    service enforces (a ValidationError) comes back as a form error, not a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, messages)
            self.produced_error_code = "validation_error"  # as when the form is invalid
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
