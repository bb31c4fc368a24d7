"""Signal receivers of the mailings app (webhook events from django-anymail, new alliances)."""
