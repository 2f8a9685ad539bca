from django.urls import path

from mailleurs.pages import views

app_name = "pages"

urlpatterns = [
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("confidentialite/", views.personal_data, name="personal_data"),
    path("contact/", views.contact, name="contact"),
]
