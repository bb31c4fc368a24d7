"""Public pages of the congress app, one module per area."""
