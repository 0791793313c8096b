"""The prediction page: a form with one number per feature, and the model's answer."""

import math

from fastapi import APIRouter, {% if cookiecutter.auth %}Depends, {% endif %}Request
from fastapi.responses import HTMLResponse

{% if cookiecutter.auth -%}
from {{ cookiecutter.project_slug }}.auth.dependencies import require_page_user
{% endif -%}
from {{ cookiecutter.project_slug }}.forms import CsrfChecked, CsrfDep, render_form
from {{ cookiecutter.project_slug }}.ml.inputs import MAX_ABS_VALUE
from {{ cookiecutter.project_slug }}.ml.model import Model
from {{ cookiecutter.project_slug }}.ml.router import ModelDep

NOT_A_NUMBER = "Enter a number."
OUT_OF_RANGE = f"Enter a number between {-MAX_ABS_VALUE:g} and {MAX_ABS_VALUE:g}."

router = APIRouter(
    include_in_schema=False,
{%- if cookiecutter.auth %}
    dependencies=[Depends(require_page_user)],
{%- endif %}
)


def parse_features(
    values: dict[str, str], model: Model
) -> tuple[list[float] | None, dict[str, str]]:
    """Return the row of feature values and no errors, or None and each invalid field's error."""
    row: list[float] = []
    errors: dict[str, str] = {}
    for name in model.feature_names:
        try:
            number = float(values.get(name, ""))
        except ValueError:
            errors[name] = NOT_A_NUMBER
            continue
        if not (math.isfinite(number) and abs(number) <= MAX_ABS_VALUE):
            errors[name] = OUT_OF_RANGE
        row.append(number)
    return (None, errors) if errors else (row, errors)


@router.get("/predict", response_class=HTMLResponse, name="predict_page")
async def predict_page(request: Request, csrf: CsrfDep, model: ModelDep) -> HTMLResponse:
    """Show the form."""
    context: dict[str, object] = {
        "features": model.feature_names,
        "values": {},
        "errors": {},
        "prediction": None,
    }
    return render_form(request, csrf, "ml/predict.html", context)


@router.post("/predict", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def predict(request: Request, csrf: CsrfDep, model: ModelDep) -> HTMLResponse:
    """Predict the class of the instance the form describes, and show it with the form."""
    form = await request.form()
    values = {name: value for name, value in form.items() if isinstance(value, str)}
    row, errors = parse_features(values, model)
    prediction = model.predict([row])[0] if row is not None else None
    context = {
        "features": model.feature_names,
        "values": values,
        "errors": errors,
        "prediction": prediction,
    }
    return render_form(request, csrf, "ml/predict.html", context)
