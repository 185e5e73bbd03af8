from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_url(url):
    """The address if it is an http(s) link, else "": a source's address is
    typed by staff, and a page must never carry a javascript: or data: link."""
    return url if urlsplit(url or "").scheme in ("http", "https") else ""
