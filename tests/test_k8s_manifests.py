"""Every variant's Kubernetes manifests: valid for the API, and true to the image they run.

The schemas come from the kubernetes-validate package, which ships them: no network is used.
The test builds what ``kubectl apply -k k8s/`` would apply the way kustomize does for these
files (the listed resources, plus the ConfigMap that configMapGenerator makes).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.variants import Variant

Resource = dict[str, Any]

# The oldest Kubernetes release whose schemas kubernetes-validate ships, and the newest: the
# manifests must be valid for both.
KUBERNETES_VERSIONS = ("1.25", kubernetes_validate.latest_version())
HEALTH_PATHS = {
    "flask": "/healthz",
    "fastapi": "/healthz",
    "django": "/healthz",
    "streamlit": "/_stcore/health",
}
# WEB_CONCURRENCY for a CPU limit of n cores: (workers per core, extra workers), the rule of
# gunicorn.conf.py; Streamlit serves from one process and has none.
WORKERS_PER_CPU = {"flask": (2, 1), "django": (2, 1), "fastapi": (1, 0)}
# Settings a framework cannot run in production without, beside those every variant has.
REQUIRED_SETTINGS = {"django": {"ALLOWED_HOSTS"}}
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL|DATABASE_URL")
QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)(m|k|Ki|M|Mi|G|Gi)?$")
UNITS = {"m": 1e-3, "k": 1e3, "Ki": 2**10, "M": 1e6, "Mi": 2**20, "G": 1e9, "Gi": 2**30}
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", flags=re.MULTILINE | re.DOTALL)
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Manifests:
    """The baked k8s/ folder: its kustomization and the resources it applies, by kind."""

    folder: Path
    kustomization: Resource
    resources: dict[str, Resource]

    @property
    def deployment(self) -> Resource:
        return self.resources["Deployment"]

    @property
    def pod(self) -> Resource:
        return self.deployment["spec"]["template"]

    @property
    def container(self) -> Resource:
        containers = self.pod["spec"]["containers"]
        assert len(containers) == 1, "the Deployment should run one container"
        return containers[0]

    @property
    def env(self) -> dict[str, Resource]:
        return {entry["name"]: entry for entry in self.container.get("env", [])}

    @property
    def config(self) -> dict[str, str]:
        return self.resources["ConfigMap"]["data"]

    def env_from(self, reference: str) -> list[str]:
        """The names the container's envFrom gives for ``reference`` (configMapRef, secretRef)."""
        return [ref[reference]["name"] for ref in self.container["envFrom"] if reference in ref]


def load_yaml(path: Path) -> Resource:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def generated_configmap(generator: Resource) -> Resource:
    """The ConfigMap that kustomize makes from a configMapGenerator entry of literals."""
    assert set(generator) <= {"name", "options", "literals"}, "teach this test the new fields"
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": generator["name"], **generator.get("options", {})},
        "data": dict(literal.split("=", 1) for literal in generator["literals"]),
    }


def load_manifests(folder: Path) -> Manifests:
    kustomization = load_yaml(folder / "kustomization.yaml")
    resources = [load_yaml(folder / name) for name in kustomization["resources"]]
    resources += [generated_configmap(g) for g in kustomization.get("configMapGenerator", [])]
    by_kind = {resource["kind"]: resource for resource in resources}
    assert len(by_kind) == len(resources), "one resource of each kind is expected"
    return Manifests(folder, kustomization, by_kind)


@pytest.fixture
def k8s(project: Path) -> Manifests:
    return load_manifests(project / "k8s")


def schema_errors(resource: Resource, source: str) -> list[str]:
    """What the Kubernetes schemas (strict: no unknown fields) find wrong in a resource."""
    errors = []
    for version in KUBERNETES_VERSIONS:
        where = f"{source}: {resource.get('kind')} for Kubernetes {version}"
        try:
            kubernetes_validate.validate(resource, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            path = ".".join(str(part) for part in error.path)
            errors.append(f"{where}: {path}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError as error:
            errors.append(f"{where}: {error.message}")
    return errors


def quantity(value: str | int) -> float:
    """A Kubernetes quantity ("500m", "1", "512Mi") as a number."""
    match = QUANTITY.fullmatch(str(value))
    assert match, f"unexpected quantity {value!r}"
    number, unit = match.groups()
    return float(number) * UNITS.get(unit, 1)


def resolve_port(port: str | int, container: Resource) -> int:
    """A probe's or a Service's port, by number or by the name of a container port."""
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container["ports"] if "name" in p}
    assert port in named, f"no container port named {port!r}"
    return named[port]


def dockerfile_values(project: Path, pattern: str) -> tuple[int, ...]:
    """The numbers that ``pattern``'s groups capture in the project's Dockerfile."""
    match = re.search(pattern, (project / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"the Dockerfile has no match for {pattern}"
    return tuple(int(group) for group in match.groups())


def test_schemas_reject_what_kubernetes_would() -> None:
    """The validator is live: an unknown field and a wrong type both fail."""
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "demo"},
        "spec": {"selector": {"app": "demo"}, "ports": [{"port": 80}]},
    }
    assert schema_errors(service, "valid") == []
    misspelt = {**service, "spec": {**service["spec"], "sessionAfinity": "ClientIP"}}
    assert len(schema_errors(misspelt, "misspelt")) == len(KUBERNETES_VERSIONS)
    wrong_type = {**service, "spec": {**service["spec"], "ports": [{"port": "eighty"}]}}
    assert len(schema_errors(wrong_type, "wrong type")) == len(KUBERNETES_VERSIONS)
    unknown = {**service, "apiVersion": "v9"}
    assert len(schema_errors(unknown, "unknown")) == len(KUBERNETES_VERSIONS)


def test_manifests_match_the_kubernetes_schemas(k8s: Manifests) -> None:
    errors = [
        error
        for resource in k8s.resources.values()
        for error in schema_errors(resource, resource["metadata"]["name"])
    ]
    readme = (k8s.folder / "README.md").read_text(encoding="utf-8")
    for block in YAML_BLOCK.findall(readme):
        errors += schema_errors(yaml.safe_load(block), "README.md")
    assert errors == []


def test_kustomization_ties_the_files_together(k8s: Manifests) -> None:
    manifests = {path.name for path in k8s.folder.glob("*.yaml")} - {"kustomization.yaml"}
    assert sorted(k8s.kustomization["resources"]) == sorted(manifests)
    images = {image["name"] for image in k8s.kustomization["images"]}
    assert k8s.container["image"] in images, "kustomization.yaml does not set the image"
    assert k8s.env_from("configMapRef") == [k8s.resources["ConfigMap"]["metadata"]["name"]]


def test_readme_links_and_names_are_right(k8s: Manifests) -> None:
    readme = (k8s.folder / "README.md").read_text(encoding="utf-8")
    for target in MARKDOWN_LINK.findall(readme):
        if not target.startswith(("http://", "https://")):
            assert (k8s.folder / target).exists(), f"k8s/README.md links to missing {target}"
    secrets = re.findall(r"kubectl create secret generic (\S+)", readme)
    assert secrets == k8s.env_from("secretRef")


def test_probes_check_health_on_the_served_port(
    k8s: Manifests, project: Path, variant: Variant
) -> None:
    (port,) = dockerfile_values(project, r"^EXPOSE (\d+)$")
    assert dockerfile_values(project, r"\bPORT=(\d+)") == (port,)
    assert k8s.env["PORT"]["value"] == str(port)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = k8s.container[probe]["httpGet"]
        assert check["path"] == HEALTH_PATHS[variant.framework], probe
        assert resolve_port(check["port"], k8s.container) == port, probe


def test_pods_run_as_the_images_non_root_user(k8s: Manifests, project: Path) -> None:
    user = dockerfile_values(project, r"^USER (\d+):(\d+)$")
    pod = k8s.pod["spec"]["securityContext"]
    assert pod["runAsNonRoot"] is True
    assert (pod["runAsUser"], pod["runAsGroup"]) == user == (10001, 10001)
    assert pod["seccompProfile"] == {"type": "RuntimeDefault"}
    assert k8s.pod["spec"]["automountServiceAccountToken"] is False
    container = k8s.container["securityContext"]
    assert container["allowPrivilegeEscalation"] is False
    assert container["readOnlyRootFilesystem"] is True
    assert container["capabilities"] == {"drop": ["ALL"]}
    # The one writable place is an emptyDir on /tmp (gunicorn and tempfile need one).
    mounts = {mount["mountPath"]: mount["name"] for mount in k8s.container["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in k8s.pod["spec"]["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]  # noqa: S108 (a path in the container)


def test_resources_and_workers_follow_the_cpu_limit(k8s: Manifests, variant: Variant) -> None:
    resources = k8s.container["resources"]
    for name in ("cpu", "memory"):
        request, limit = resources["requests"][name], resources["limits"][name]
        assert 0 < quantity(request) <= quantity(limit), name
    assert resources["requests"]["memory"] == resources["limits"]["memory"]
    cpus = math.ceil(quantity(resources["limits"]["cpu"]))
    if variant.framework in WORKERS_PER_CPU:
        per_cpu, extra = WORKERS_PER_CPU[variant.framework]
        assert k8s.env["WEB_CONCURRENCY"]["value"] == str(per_cpu * cpus + extra)
    else:
        assert "WEB_CONCURRENCY" not in k8s.env


def test_production_settings_and_no_secret_inline(k8s: Manifests, project: Path) -> None:
    assert k8s.env["ENVIRONMENT"]["value"] == "production"
    assert "Secret" not in k8s.resources
    assert "secretGenerator" not in k8s.kustomization
    for name, entry in k8s.env.items():
        if SECRET_NAME.search(name):
            assert "secretKeyRef" in entry.get("valueFrom", {}), f"{name} is set inline"
    assert [key for key in k8s.config if SECRET_NAME.search(key)] == []
    assert k8s.env_from("secretRef"), "the pods read no Secret"
    # The secrets written at bake time appear in no file of k8s/.
    env_file = (project / ".env").read_text(encoding="utf-8")
    secrets = re.findall(r"^\w*(?:SECRET|KEY)\w*=(\S{16,})$", env_file, flags=re.MULTILINE)
    assert secrets
    for path in k8s.folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not any(secret in text for secret in secrets), f"{path.name} holds a secret"


@pytest.mark.variants(lambda variant: variant.framework in REQUIRED_SETTINGS)
def test_configmap_has_the_settings_the_framework_needs(k8s: Manifests, variant: Variant) -> None:
    assert REQUIRED_SETTINGS[variant.framework] <= set(k8s.config)


def test_service_and_autoscaler_target_the_deployment(k8s: Manifests, variant: Variant) -> None:
    name = k8s.deployment["metadata"]["name"]
    pod_labels = k8s.pod["metadata"]["labels"].items()
    assert k8s.deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels
    assert "replicas" not in k8s.deployment["spec"], "the autoscaler owns the replica count"
    service = k8s.resources["Service"]["spec"]
    assert service["selector"]
    assert service["selector"].items() <= pod_labels
    for port in service["ports"]:
        assert resolve_port(port["targetPort"], k8s.container) == 8000
    budget = k8s.resources["PodDisruptionBudget"]["spec"]
    assert budget["selector"]["matchLabels"].items() <= pod_labels
    autoscaler = k8s.resources["HorizontalPodAutoscaler"]
    assert autoscaler["apiVersion"] == "autoscaling/v2"
    target = autoscaler["spec"]["scaleTargetRef"]
    assert target == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
    assert 2 <= autoscaler["spec"]["minReplicas"] < autoscaler["spec"]["maxReplicas"]
    metrics = [metric["resource"] for metric in autoscaler["spec"]["metrics"]]
    assert [(m["name"], m["target"]["type"]) for m in metrics] == [("cpu", "Utilization")]
    # Streamlit's websocket session lives in one pod: clients must come back to it.
    affinity = "ClientIP" if variant.framework == "streamlit" else None
    assert service.get("sessionAffinity") == affinity
