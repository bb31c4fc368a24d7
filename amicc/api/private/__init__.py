"""Endpoints that need an API key: (URL prefix, router) pairs, added in this order."""

ROUTERS: list = []
