from django.urls import path

from mailleurs import views

urlpatterns = [
    path("", views.home, name="home"),
    path("recherche/", views.search, name="search"),
]
