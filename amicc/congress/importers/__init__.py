"""Readers of the public data files the congress app imports.

Each reader turns a file into plain records and checks every field before anything is
written, so a malformed file stops with a message that names the record and the field;
the services in `amicc.congress.services` write the records.
"""
