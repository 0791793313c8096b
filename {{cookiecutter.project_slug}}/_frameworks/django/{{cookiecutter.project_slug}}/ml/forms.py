"""The prediction form: one number per feature of the model."""

from collections.abc import Sequence
from typing import Any

from django import forms

from {{ cookiecutter.project_slug }}.ml.inputs import MAX_ABS_VALUE


class PredictForm(forms.Form):
    """A field per feature, named and labelled as in the model's metadata.

    The fields come from the model rather than being written out, so that a retrained model
    with other features gets the right form.
    """

    def __init__(self, *args: Any, feature_names: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.feature_names = tuple(feature_names)
        for name in self.feature_names:
            # FloatField refuses NaN and infinities; the bounds are the API's (inputs.py).
            self.fields[name] = forms.FloatField(
                label=name, min_value=-MAX_ABS_VALUE, max_value=MAX_ABS_VALUE
            )

    def row(self) -> list[float]:
        """The valid values, in the model's feature order."""
        return [self.cleaned_data[name] for name in self.feature_names]
