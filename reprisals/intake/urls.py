from django.urls import path

from reprisals.intake import views

app_name = "intake"

urlpatterns = [
    path("submit/", views.submit, name="submit"),
]
