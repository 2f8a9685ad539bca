"""The pages that read experience sheets."""

urlpatterns: list = []
