"""Back-office pages of reporting, under /staff/ (reporting.views); the
staff site's login, second factor and CSRF checks wrap each of them."""

from django.urls import path

from reprisals.accounts.site import staff_site
from reprisals.reporting import views

app_name = "reporting"

urlpatterns = [
    path("profiles/", staff_site.admin_view(views.state_list), name="states"),
    path("profiles/<str:iso3>/", staff_site.admin_view(views.state_profile), name="state"),
    path("reports/", staff_site.admin_view(views.report_list), name="reports"),
    path("reports/annual/", staff_site.admin_view(views.annual_report), name="annual"),
    path("reports/oral-update/", staff_site.admin_view(views.oral_update), name="oral-update"),
]
