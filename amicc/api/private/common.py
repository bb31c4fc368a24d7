"""What the private endpoints share: the error schema, the owner's rights, reach, and input.

A key acts with its owner's rights, checked the way the admin checks them: the model's
permission policy decides what the owner may do at all (403 when nothing), and the
policy's reach which rows exist for them (404 for any other row, as in the admin).
Writes validate with the admin's own forms and save through the apps' services, so a
rule the admin applies holds for the API too; a refused field answers 422 naming it.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from wagtail.permissions import policy_registry

from amicc.api.auth import key_owner, require_write
from amicc.api.public.common import ErrorOut
from amicc.coalition.permissions import MAX_PK, reachable

VERBS = {"view": "read", "add": "add", "change": "change"}


class Ref(Schema):
    """Another record, by id and name."""

    id: int
    name: str


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response schemas for the error codes an operation answers with (always 401 and 429)."""
    return dict.fromkeys(sorted({401, 429, *codes}), ErrorOut)


LIST_ERRORS = errors(403, 422)
READ_ERRORS = errors(403, 404, 422)
WRITE_ERRORS = errors(400, 403, 404, 422)
# An action on a record, without a body; 409 when the record's state refuses it.
ACTION_ERRORS = errors(403, 404, 409, 422)


NO_NUL = r"^[^\x00]*$"


def _no_nul_or_surrogate(value: str) -> str:
    # Neither can be stored (PostgreSQL refuses NUL, UTF-8 has no lone surrogates).
    if any(char == "\x00" or "\ud800" <= char <= "\udfff" for char in value):
        raise ValueError("Text may not contain NUL characters or lone surrogates.")
    return value


def text(max_length: int, *, pattern: str = NO_NUL, **kwargs: Any) -> Any:
    """A text field of at most `max_length` characters; a string, never a number."""
    return Annotated[
        str,
        Field(max_length=max_length, pattern=pattern, strict=True, **kwargs),
        AfterValidator(_no_nul_or_surrogate),
    ]


def _json_int(value: Any) -> Any:
    # A whole number, as JSON writes it (2 or 2.0), never text or a boolean.
    if isinstance(value, bool | str):
        raise ValueError("Enter a whole number, not text.")
    return value


# Years 1900 to 2199, as the public API's dates: any time zone can convert them.
DAY_PATTERN = r"^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _iso_day(value: Any) -> Any:
    # Pydantic would also read a number as a day (seconds since 1970); a day is YYYY-MM-DD.
    if isinstance(value, datetime.date) or (
        isinstance(value, str) and re.match(DAY_PATTERN, value)
    ):
        return value
    raise ValueError("Enter a day as YYYY-MM-DD, from 1900 to 2199.")


def _query_bool(value: Any) -> Any:
    if isinstance(value, bool) or value in ("true", "false"):
        return value
    raise ValueError("Enter true or false.")


# In query strings, which are text: ids as digits, booleans as true or false.
RecordId = Annotated[int, Field(ge=1, le=MAX_PK)]
QueryBool = Annotated[bool, BeforeValidator(_query_bool)]
Day = Annotated[
    datetime.date, Field(json_schema_extra={"pattern": DAY_PATTERN}), BeforeValidator(_iso_day)
]
SearchText = text(100, min_length=1, description="Part of a name or address, in any case.")
# In JSON bodies, where a number or a boolean has its own type.
BodyId = Annotated[int, Field(ge=1, le=MAX_PK), BeforeValidator(_json_int)]
BodyBool = Annotated[bool, Field(strict=True)]


def body_int(*, ge: int, le: int) -> Any:
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_json_int)]


class Input(BaseModel):
    """A request body: a JSON object of the fields named, and no others."""

    model_config = ConfigDict(extra="forbid")


def id_path(noun: str) -> Any:
    return Path(..., ge=1, le=MAX_PK, description=f"The {noun}'s id.")


def owner_may(request: HttpRequest, model: type[Model], action: str) -> None:
    """Refuse (403) unless the key's owner may `action` this model in the admin."""
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_permission(key_owner(request), action):
        noun = model._meta.verbose_name_plural
        raise HttpError(403, f"This key's owner may not {VERBS[action]} {noun}.")


def may_write(request: HttpRequest, model: type[Model], action: str) -> None:
    """A read-write key whose owner may `action` (add or change) this model."""
    require_write(request)
    owner_may(request, model, action)


def in_reach(request: HttpRequest, model: type[Model]) -> QuerySet:
    """The rows of `model` the key's owner reaches in the admin (after `owner_may`)."""
    return reachable(model, key_owner(request))


def found(queryset: QuerySet, pk: int) -> Any:
    """The row of `queryset` with this id, or a 404 that says no more than the admin's."""
    row = queryset.filter(pk=pk).first() if 1 <= pk <= MAX_PK else None
    if row is None:
        raise Http404(f"No {queryset.model._meta.verbose_name} with id {pk} for this key.")
    return row


def invalid(field_errors: Mapping[str, list[str]]) -> NinjaValidationError:
    """A 422 naming each refused field of the body ("links.0.url" for a nested one);
    `__all__` is the body as a whole."""
    return NinjaValidationError(
        [
            {
                "loc": ("body", "payload", *([] if field == "__all__" else field.split("."))),
                "msg": " ".join(str(message) for message in messages),
            }
            for field, messages in field_errors.items()
        ]
    )


def form_errors(form: Form) -> dict[str, list[str]]:
    """The form's errors and its formsets' ("links.0.url" for the first link's address)."""
    found_errors = {field: list(msgs) for field, msgs in form.errors.items()}
    for prefix, formset in getattr(form, "formsets", {}).items():
        if formset.non_form_errors():
            found_errors[prefix] = list(formset.non_form_errors())
        for index, errors_of_one in enumerate(formset.errors):
            for field, msgs in errors_of_one.items():
                found_errors[f"{prefix}.{index}.{field}"] = list(msgs)
    return found_errors


def form_checked(form: Form) -> Form:
    """The form, once valid; else a 422 naming each field it refused."""
    if not form.is_valid():
        raise invalid(form_errors(form))
    return form


def refused(error: DjangoValidationError, *, conflict: bool = False) -> Exception:
    """A service's refusal as a 422 naming the fields; with `conflict`, a refusal that is
    about the record's state rather than the input (decided already, say) is a 409."""
    if not hasattr(error, "error_dict"):
        if conflict:
            return HttpError(409, " ".join(error.messages))
        return invalid({"__all__": error.messages})
    return invalid(error.message_dict)


def admin_form(model: type[Model], request: HttpRequest, *, data: dict, instance: Model) -> Form:
    """The model's form in the admin, bound to `data` for the key's owner."""
    form_class = model.snippet_viewset.get_form_class()
    return form_class(data=data, instance=instance, for_user=key_owner(request))


def form_value(value: Any) -> Any:
    """A value as a form would receive it: ids and dates as text, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        return [str(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
