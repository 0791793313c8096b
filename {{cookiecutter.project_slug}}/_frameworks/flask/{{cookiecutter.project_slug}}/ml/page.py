"""A page with a form for one prediction, at /predict."""

from functools import cache

from flask import Blueprint, Flask, render_template, request
{%- if cookiecutter.auth %}
from flask_login import login_required
{%- endif %}
from flask_wtf import FlaskForm
from wtforms import Field, FloatField, SubmitField
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import NumberInput

from .api import current_model
from .inputs import MAX_ABS_VALUE

bp = Blueprint("predict", __name__)


def init_app(app: Flask) -> None:
    """Add the prediction page."""
    app.register_blueprint(bp)
    app.config["NAV_TEMPLATES"].append("ml/nav.html")


class PredictionForm(FlaskForm):
    """The form's button; prediction_form adds one number field per feature."""

    submit = SubmitField("Predict")


@cache
def prediction_form(feature_names: tuple[str, ...]) -> type[PredictionForm]:
    """Return a form class with one number field per feature, named and labelled after it."""

    class FeaturesForm(PredictionForm):
        pass

    for index, name in enumerate(feature_names):
        # Attributes of their own, so that no feature name can clash with the form's.
        field = FloatField(
            name,
            name=name,
            validators=[InputRequired(), NumberRange(min=-MAX_ABS_VALUE, max=MAX_ABS_VALUE)],
            widget=NumberInput(step="any"),
        )
        setattr(FeaturesForm, f"feature_{index}", field)
    return FeaturesForm


@bp.route("/predict", methods=["GET", "POST"])
{%- if cookiecutter.auth %}
@login_required
{%- endif %}
def predict() -> str:
    """Show the form; on a valid submission, the predicted class and its probabilities."""
    model = current_model()
    # Only the fields of a posted HTML form: Flask-WTF would also take a JSON body or uploaded
    # files, whose values are not text.
    form = prediction_form(model.feature_names)(formdata=request.form)
    fields: list[Field] = [form[f"feature_{index}"] for index in range(len(model.feature_names))]
    prediction = None
    if form.validate_on_submit():
        [prediction] = model.predict([[field.data for field in fields]])
    return render_template("ml/predict.html", form=form, fields=fields, prediction=prediction)
