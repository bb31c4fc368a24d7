"""The visits part of the congress admin."""

VIEWSETS: list = []
