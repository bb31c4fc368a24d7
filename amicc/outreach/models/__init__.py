from amicc.outreach.models.media import MediaContact, MediaCoverage
from amicc.outreach.models.presentations import PresentationRequest, Speaker

__all__ = ["MediaContact", "MediaCoverage", "PresentationRequest", "Speaker"]
