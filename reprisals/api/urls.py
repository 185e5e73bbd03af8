"""The API's URLs: ninja's, each wrapped so that its errors have the one
shape, then every other URL under /api/v1/ as a 404 in that shape.

No response may be kept by a cache: a withdrawal of consent must hide a
case at once, everywhere, and staff responses carry names.
"""

from django.urls import path, re_path
from django.views.decorators.cache import never_cache

from reprisals.api.api import api
from reprisals.api.errors import in_error_shape, no_such_endpoint

# Not `app_name`: include() would take a module-level app_name for this
# module's namespace, and ninja's own ("api") would no longer be found.
ninja_patterns, ninja_app, ninja_namespace = api.urls
for pattern in ninja_patterns:
    pattern.callback = never_cache(in_error_shape(pattern.callback))

urlpatterns = [
    path("", (ninja_patterns, ninja_app, ninja_namespace)),
    re_path(r"", never_cache(no_such_endpoint)),
]
