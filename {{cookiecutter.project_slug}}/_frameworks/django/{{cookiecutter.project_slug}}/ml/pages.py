"""The prediction page: the form, and the prediction for the values sent."""

from typing import Any

{% if cookiecutter.auth -%}
from django.contrib.auth.mixins import LoginRequiredMixin
{% endif -%}
from django.http import HttpResponse
from django.views.generic import FormView

from {{ cookiecutter.project_slug }}.ml.apps import ml_model
from {{ cookiecutter.project_slug }}.ml.forms import PredictForm


class PredictView({% if cookiecutter.auth %}LoginRequiredMixin, {% endif %}FormView[PredictForm]):
    """Show the form; on a valid POST show it again with the predicted class and probabilities.

    Nothing is stored, so the result is the answer to the POST itself (no redirect).
    """

    form_class = PredictForm
    template_name = "ml/predict.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "feature_names": ml_model().feature_names}

    def form_valid(self, form: PredictForm) -> HttpResponse:
        [prediction] = ml_model().predict([form.row()])
        return self.render_to_response(self.get_context_data(form=form, prediction=prediction))
