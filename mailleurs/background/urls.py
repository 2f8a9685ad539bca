from django.urls import path

from mailleurs.background import views

app_name = "background"

urlpatterns = [
    path("taches/", views.job_list, name="job_list"),
    path("taches/<int:pk>/", views.job_detail, name="job_detail"),
    path("taches/<int:pk>/annuler/", views.job_cancel, name="job_cancel"),
    path("taches/<int:pk>/fichier/", views.job_file, name="job_file"),
]
