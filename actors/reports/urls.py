from django.urls import path

from actors.reports import views

urlpatterns = [
    path("acteurs/<slug:slug>/signaler/", views.report_error, name="actor_report"),
]
