from django.urls import path
from django.views.generic import RedirectView

from reprisals.accounts.site import staff_site

urlpatterns = [
    path("staff/", staff_site.urls),
    path("", RedirectView.as_view(url="/staff/", permanent=False)),
]
