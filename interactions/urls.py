from django.urls import path

from interactions import views

app_name = "interactions"

urlpatterns = [
    path("interactions/", views.medicine_list, name="medicine_list"),
    path("interactions/<slug:slug>/", views.medicine_detail, name="medicine_detail"),
    path("interactions.json", views.medicines_json, name="medicines_json"),
]
