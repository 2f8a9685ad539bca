"""The pages that write experience sheets."""

urlpatterns: list = []
