"""Writes of the coalition app, one module per workflow; views, the admin and commands call them."""
