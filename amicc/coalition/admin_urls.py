"""The coalition's admin views other than its models' own (imports), under /admin/coalition/."""

from django.urls import path

from amicc.coalition.admin_imports import (
    KINDS,
    ExportView,
    ImportReviewView,
    ImportUploadView,
    RejectedRowsView,
)

urlpatterns = [
    pattern
    for kind in KINDS
    for pattern in (
        path(f"import/{kind}/", ImportUploadView.as_view(kind_name=kind), name=f"import-{kind}"),
        path(
            f"import/{kind}/<str:token>/",
            ImportReviewView.as_view(kind_name=kind),
            name=f"import-review-{kind}",
        ),
        path(
            f"import/{kind}/<str:token>/rejected.csv",
            RejectedRowsView.as_view(kind_name=kind),
            name=f"import-rejected-{kind}",
        ),
        path(
            f"export/{kind}.<str:file_format>",
            ExportView.as_view(kind_name=kind),
            name=f"export-{kind}",
        ),
    )
]
