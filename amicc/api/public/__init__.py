"""Public read endpoints: (URL prefix, router) pairs, added to the API in this order."""

ROUTERS: list = []
