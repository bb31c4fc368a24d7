"""The watchlist part of the congress admin."""

VIEWSETS: list = []
