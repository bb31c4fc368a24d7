"""Writes of the congress app: each service is keyword-only, typed and one transaction."""
