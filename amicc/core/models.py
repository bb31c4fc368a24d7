from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document


class CoalitionDocument(AbstractDocument):
    """A Wagtail document that also keeps the text extracted from it, for search."""

    extracted_text = models.TextField(blank=True, editable=False)
    extracted_from_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def is_pdf(self) -> bool:
        return self.file_extension.lower() == "pdf"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the site says about the organization that runs it, editable by staff."""

    organization_name = models.CharField(
        max_length=200, default="American NGO Coalition for the International Criminal Court"
    )
    short_name = models.CharField(max_length=40, default="AMICC")
    tagline = models.CharField(max_length=255, blank=True)
    legal_line = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("E.g. the program and institute the coalition belongs to, and its tax status."),
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    twitter_url = models.URLField(_("X / Twitter"), blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    blog_url = models.URLField(_("Blog"), blank=True)
    moved_to_url = models.URLField(
        _("site has moved to"),
        blank=True,
        help_text=_(
            "When set, every page shows a banner pointing visitors to the new address. "
            "Add redirects for the moved pages under Settings → Redirects."
        ),
    )
    moved_banner_text = models.CharField(
        max_length=255, blank=True, default="This site has moved to a new address."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organization_name"),
                FieldPanel("short_name"),
                FieldPanel("tagline"),
                FieldPanel("legal_line"),
            ],
            heading=_("Organization"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("twitter_url"),
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("blog_url"),
            ],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [FieldPanel("moved_to_url"), FieldPanel("moved_banner_text")],
            heading=_("Site moved"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("X / Twitter", self.twitter_url),
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            (_("Blog"), self.blog_url),
        ]
        return [(label, url) for label, url in links if url]
