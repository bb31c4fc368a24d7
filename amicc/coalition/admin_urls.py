"""Admin views of the coalition that are not a model's own views (imports), under /admin/coalition/."""

urlpatterns: list = []
