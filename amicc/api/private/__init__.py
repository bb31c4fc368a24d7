"""Endpoints that need an API key: (URL prefix, router) pairs, added in this order."""

from amicc.api.private import applications, initiatives, people, rsvps, visits

ROUTERS: list = [
    ("/people", people.router),
    ("/organization-applications", applications.organizations_router),
    ("/delegation-applications", applications.delegation_router),
    ("/initiatives", initiatives.router),
    ("/office-visits", visits.router),
    ("/rsvps", rsvps.router),
]
