"""The project's URLs plus one minimal view on the same server: the floor the
public pages are compared with in list_throughput.py."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("reprisals.urls")),
]
