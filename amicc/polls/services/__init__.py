"""Writes of district polls: `design` for staff and coordinators, `responses` for the public."""
