from django.urls import include, path

from reprisals.accounts.site import staff_site
from reprisals.register.review_views import approve_text, texts_to_review
from reprisals.register.staff_views import publication_calendar

urlpatterns = [
    path("staff/calendar/", staff_site.admin_view(publication_calendar), name="calendar"),
    path("staff/texts/", staff_site.admin_view(texts_to_review), name="review_texts"),
    path("staff/texts/approve/", staff_site.admin_view(approve_text), name="approve_text"),
    path("staff/", include("reprisals.reporting.urls")),
    path("staff/", staff_site.urls),
    path("api/v1/", include("reprisals.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("reprisals.intake.urls")),
    path("", include("reprisals.register.urls")),
]

# The project's own error pages, in the visitor's language, echoing nothing
# of the request (register/errors.py; 405 and CSRF failures there too).
handler400 = "reprisals.register.errors.bad_request"
handler403 = "reprisals.register.errors.permission_denied"
handler404 = "reprisals.register.errors.page_not_found"
handler500 = "reprisals.register.errors.server_error"
