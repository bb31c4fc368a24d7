"""Public pages of the icc app: the tracker, and the delegation's call for applications."""
