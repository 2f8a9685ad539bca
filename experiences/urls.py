from experiences.editing.urls import urlpatterns as editing
from experiences.reading.urls import urlpatterns as reading

app_name = "experiences"

# The writing pages first: their fixed addresses (« nouvelle », « propositions ») come before
# the reading side's `experiences/<slug>/`, which would take them for sheets.
urlpatterns = [*editing, *reading]
