from experiences.editing.urls import urlpatterns as editing
from experiences.reading.urls import urlpatterns as reading

app_name = "experiences"

urlpatterns = [*reading, *editing]
