"""The coalition's REST API, version 1: one NinjaAPI, its routers added in `ROUTERS`.

Public routers (`amicc.api.public.*`) read what the website shows anyone. Private routers
(`amicc.api.private.*`) need an API key and act with the rights of the key's owner.
The schema is served at /api/v1/openapi.json and the docs page at /api/v1/docs.
"""

from ninja import NinjaAPI

from amicc.api.errors import install_error_handlers
from amicc.api.throttling import AddressThrottle, KeyThrottle

DESCRIPTION = """\
Open data of the American NGO Coalition for the International Criminal Court: publications,
news, events, alliances and member organizations, members of Congress and the
representatives for a ZIP code, the watchlist of bills and executive actions, the ICC's
states parties, situations and cases, and published district poll results.

Lists are paged with `limit` (at most 100) and `offset` and answer
`{count, next, previous, results}` in a stable order.

Endpoints marked with a lock need an API key, which staff create in the admin: send it as
`Authorization: Bearer <key>` or `X-API-Key: <key>`. A key reads (and, when it is a
read-write key, changes) only what its owner may. Errors are JSON:
`{"detail": "...", "errors": [...]}`. Over a rate limit the answer is 429 with
`Retry-After`.
"""

api = NinjaAPI(
    title="AMICC Coalition API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    throttle=[AddressThrottle(), KeyThrottle()],
)
install_error_handlers(api)


def _add_routers() -> None:
    from amicc.api.private import ROUTERS as PRIVATE
    from amicc.api.public import ROUTERS as PUBLIC

    for prefix, router in [*PUBLIC, *PRIVATE]:
        api.add_router(prefix, router)


_add_routers()
