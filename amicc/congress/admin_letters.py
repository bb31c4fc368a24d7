"""The letters part of the congress admin."""

VIEWSETS: list = []
