from experiences.editing.urls import urlpatterns as editing
from experiences.reading.urls import urlpatterns as reading

app_name = "experiences"

# Editing first: its fixed addresses (« /experiences/nouvelle/ »…) must win over the sheet
# address `/experiences/<slug>/` of the reading side.
urlpatterns = [*editing, *reading]
