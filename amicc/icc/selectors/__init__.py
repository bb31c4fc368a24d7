"""Reads of the icc app: what the public pages and the admin show."""
