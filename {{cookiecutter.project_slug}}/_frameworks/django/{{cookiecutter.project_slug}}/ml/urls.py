"""The ml app's URLs: the predict API{% if cookiecutter.forms %} and the prediction page{% endif %}."""

from django.urls import path

from {{ cookiecutter.project_slug }}.ml import {% if cookiecutter.forms %}pages, {% endif %}views

app_name = "ml"
urlpatterns = [
    path("api/model", views.model_metadata, name="model"),
    path("api/predict", views.predict, name="predict"),
{%- if cookiecutter.forms %}
    path("predict/", pages.PredictView.as_view(), name="predict_page"),
{%- endif %}
]
