"""Requests/s of each web framework's baked skeleton next to a bare hello world of it, under wrk.

For each web framework: bake the template with every yes/no option on, `uv sync` the project,
run its release steps and start its production command (the Dockerfile's CMD with production
settings and the environment of its compose.yaml). Beside it, start a bare app of the same
framework (scripts/bare_apps.py) under the same server and worker count, in the project's own
environment. wrk drives both from a second process on loopback, interleaved (bare, skeleton,
bare, skeleton, ...), against GET /healthz and, when the variant has the ML model,
POST /api/predict with one instance (signed in first when auth is on).

    uv run python -m scripts.load_test [--template DIR] [--frameworks NAME ...] [--off OPTION ...]
        [--connections 64] [--duration 10] [--rounds 3] [--workers CORES] [--min-ratio 0.9]

Prints a Markdown table of medians over the rounds; the ratio is the median of each round's
skeleton/bare, as the two runs of a round share the machine's conditions. Each run also measures
the server's CPU time per request and the CPU that other work on the machine took meanwhile: a
round is run again (--max-repeats) while the latter exceeds --max-other-cores, and its quietest
attempt is kept.

Exits 1 when a step fails, when any run saw a socket error or an error status (wrk counts 4xx
and 5xx; one request to each endpoint before the runs must answer 200), or when a skeleton's
/healthz reaches less than --min-ratio of its bare app's requests/s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from types import FrameType
from typing import NoReturn
from urllib.parse import urljoin

import httpx

from scripts import bare_apps
from scripts.bake_timing import make_config
from tests.conftest import compose_environment, release
from tests.harness import Server, explain, find_python, run, serve, tool
from tests.variants import TEMPLATE_DIR, WEB_FRAMEWORKS, Variant

SERVERS = ("bare", "skeleton")
HEALTHZ = "/healthz"
PREDICT = "/api/predict"
USERNAME = "loadtest"
PASSWORD = "load-test-password-not-common"  # noqa: S105 (a throwaway user of a throwaway bake)
WARM_UP_SECONDS = 1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class LoadTestError(Exception):
    """A step of the load test failed; the message says which and why."""


# What can go wrong in a step: the harness reports through AssertionError.
STEP_ERRORS = (
    AssertionError,
    LoadTestError,
    httpx.HTTPError,
    subprocess.SubprocessError,
    OSError,
    KeyError,
    ValueError,
)


@dataclass(frozen=True)
class Request:
    """What wrk sends, again and again."""

    method: str
    path: str
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Sample:
    """One wrk run."""

    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    # CPU time of the server's processes per request: less sensitive to other work than req/s.
    cpu_us_per_request: float = 0.0
    # CPU the rest of the machine used meanwhile (cores): neither this server nor wrk.
    other_cores: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.requests_per_s:.0f} req/s, p50 {self.p50_ms:.2f} ms, "
            f"p99 {self.p99_ms:.2f} ms, {self.errors} errors, "
            f"{self.cpu_us_per_request:.0f} µs of server CPU per request, "
            f"{self.other_cores:.2f} cores used by other work"
        )


@dataclass(frozen=True)
class CpuClock:
    """CPU seconds used so far by the machine, by one server's processes, and by wrk."""

    machine: float
    server: float
    children: float

    @classmethod
    def read(cls, server: Server) -> CpuClock:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cls(
            machine_busy_ticks() / CLOCK_TICKS,
            group_cpu_ticks(server.process.pid) / CLOCK_TICKS,
            children.ru_utime + children.ru_stime,
        )


@dataclass
class Row:
    """Every run of one framework's endpoint, on the bare app and on the skeleton."""

    framework: str
    endpoint: str
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {s: [] for s in SERVERS})
    repeats: int = 0

    def median(self, server: str, metric: str) -> float:
        return float(statistics.median(getattr(s, metric) for s in self.samples[server]))

    @property
    def ratio(self) -> float:
        """The median of each round's skeleton/bare: a pair run back to back shares the noise."""
        pairs = zip(self.samples["skeleton"], self.samples["bare"], strict=True)
        return statistics.median(ours.requests_per_s / bare.requests_per_s for ours, bare in pairs)

    def errors(self, server: str) -> int:
        return sum(sample.errors for sample in self.samples[server])

    def spread(self, server: str) -> float:
        """(max - min) / median of requests/s over the rounds: how noisy the machine was."""
        rates = [sample.requests_per_s for sample in self.samples[server]]
        return (max(rates) - min(rates)) / statistics.median(rates)

    def other_cores(self) -> float:
        return max(sample.other_cores for samples in self.samples.values() for sample in samples)


@dataclass(frozen=True)
class Load:
    """How hard wrk drives each run."""

    wrk: str
    connections: int
    threads: int
    duration: int


# --- the servers ------------------------------------------------------------------------------


def gunicorn_for_bare(framework: str, workers: int) -> list[str]:
    """The bare app's command: the skeleton's server, worker class and count, else gunicorn's
    defaults (it binds to $PORT); the skeleton's gunicorn.conf.py is part of what is measured.
    """
    worker_class = (
        ["--worker-class", "uvicorn_worker.UvicornWorker"] if framework == "fastapi" else []
    )
    return ["gunicorn", "--workers", str(workers), *worker_class, f"bare_apps:{framework}_app()"]


def bake(template: Path, variant: Variant, root: Path) -> Path:
    """Bake through the cookiecutter CLI, whose hooks' output stays out of the report."""
    output = root / variant.framework
    output.mkdir()
    answers = [f"{key}={value}" for key, value in variant.context.items()]
    config = ["--config-file", str(root / "config.yaml")]
    command = [tool("cookiecutter"), "--no-input", *config, str(template), "-o", str(output)]
    result = run([*command, *answers], cwd=root)
    if result.returncode != 0:
        msg = f"baking failed: {explain(result)}"
        raise LoadTestError(msg)
    (project,) = output.iterdir()
    return project


def sync(project: Path, variant: Variant) -> None:
    result = run([tool("uv"), "sync", "--python", find_python(variant.python_version)], project)
    if result.returncode != 0:
        msg = f"uv sync failed: {explain(result)}"
        raise LoadTestError(msg)


def make_bare_project(project: Path, variant: Variant, workers: int) -> Path:
    """A folder that tests.harness.serve runs like a project: its Dockerfile's CMD, its .venv."""
    bare = project.parent / "bare"
    bare.mkdir()
    shutil.copy(Path(bare_apps.__file__), bare / "bare_apps.py")
    (bare / ".venv").symlink_to(project / ".venv")
    command = gunicorn_for_bare(variant.framework, workers)
    (bare / "Dockerfile").write_text(f"CMD {json.dumps(command)}\n", encoding="utf-8")
    return bare


def start_servers(
    stack: ExitStack, project: Path, variant: Variant, workers: int
) -> dict[str, Server]:
    concurrency = {"WEB_CONCURRENCY": str(workers)}
    skeleton_env = {"ENVIRONMENT": "production", **compose_environment(project), **concurrency}
    bare_env = dict(concurrency)
    if variant.has("ml_model"):
        bare_env[bare_apps.MODEL_DIR_ENV] = str(project / "models")
    bare = make_bare_project(project, variant, workers)
    return {
        "bare": stack.enter_context(serve(bare, bare_env, HEALTHZ)),
        "skeleton": stack.enter_context(serve(project, skeleton_env, HEALTHZ)),
    }


def process_group(leader: int) -> list[list[str]]:
    """The /proc stat fields of the processes in the group ``leader`` started (after the name)."""
    group = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name is in parentheses and may hold spaces: split after it.
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[2]) == leader:  # state, ppid, pgrp, ...
            group.append(fields)
    return group


def group_cpu_ticks(leader: int) -> int:
    return sum(int(fields[11]) + int(fields[12]) for fields in process_group(leader))


def machine_busy_ticks() -> int:
    """CPU ticks the machine spent in processes, or stolen by the hypervisor, from /proc/stat.

    Interrupt time is left out: loopback traffic is handled there, for no process in particular.
    """
    user, nice, system, _idle, _iowait, _irq, _softirq, steal = (
        int(value) for value in Path("/proc/stat").read_text(encoding="ascii").split()[1:9]
    )
    return user + nice + system + steal


def check_same_workers(servers: dict[str, Server]) -> None:
    sizes = {name: len(process_group(server.process.pid)) for name, server in servers.items()}
    if len(set(sizes.values())) != 1:
        msg = f"the servers run different numbers of processes ({sizes}): WEB_CONCURRENCY ignored?"
        raise LoadTestError(msg)


# --- signing in for the predict API -----------------------------------------------------------


class SignUpForm(HTMLParser):
    """The form of a sign-up page that has a password field: its action, hidden and named inputs."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.action = ""
        self.hidden: dict[str, str] = {}
        self._form_action: str | None = None
        self._names_by_id: dict[str, str] = {}
        # A label points at an input by its id (``for``) or holds it: ("id", ...) or ("name", ...).
        self._targets: dict[str, tuple[str, str]] = {}
        self._label: list[str] | None = None
        self._target = ("id", "")
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form_action = attributes.get("action", "")
        elif tag == "label":
            self._label, self._target = [], ("id", attributes.get("for", ""))
        elif tag == "input":
            self._add_input(attributes)

    def _add_input(self, attributes: dict[str, str]) -> None:
        name, kind = attributes.get("name", ""), attributes.get("type", "text").lower()
        if kind == "hidden" and name:
            self.hidden[name] = attributes.get("value", "")
        if kind == "password" and self._form_action is not None:
            self.action = self._form_action
        if "id" in attributes:
            self._names_by_id[attributes["id"]] = name
        if self._label is not None and self._target == ("id", ""):
            self._target = ("name", name)

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form_action = None
        elif tag == "label" and self._label is not None:
            self._targets[normalise_label("".join(self._label))] = self._target
            self._label = None

    def field(self, label: str) -> str:
        """The name of the input labelled ``label``."""
        kind, value = self._targets.get(normalise_label(label), ("name", ""))
        name = self._names_by_id.get(value, "") if kind == "id" else value
        if not name:
            known = ", ".join(sorted(self._targets)) or "none"
            msg = f"the sign-up form has no input labelled {label!r} ({known})"
            raise LoadTestError(msg)
        return name


def normalise_label(text: str) -> str:
    return " ".join(text.split()).rstrip(":*").strip().casefold()


def expect_status(response: httpx.Response, step: str, statuses: tuple[int, ...]) -> None:
    if response.status_code not in statuses:
        msg = f"{step} answered {response.status_code}, not {statuses}: {response.text[:500]}"
        raise LoadTestError(msg)


def keep_cookies(cookies: dict[str, str], response: httpx.Response) -> None:
    """Production cookies are Secure, which an HTTP client keeps off plain HTTP: keep them here."""
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        cookies.update({name: morsel.value for name, morsel in jar.items()})


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items() if value)


def session_sign_in(sign_up_path: str) -> Callable[[str], dict[str, str]]:
    """Sign up through the framework's form (with its CSRF token): the session cookie."""

    def sign_in(base_url: str) -> dict[str, str]:
        cookies: dict[str, str] = {}
        page = httpx.get(base_url + sign_up_path, timeout=30)
        expect_status(page, f"GET {sign_up_path}", (200,))
        keep_cookies(cookies, page)
        form = SignUpForm(page.text)
        data = {
            **form.hidden,
            form.field("Username"): USERNAME,
            form.field("Password"): PASSWORD,
            form.field("Password confirmation"): PASSWORD,
        }
        url = urljoin(base_url + sign_up_path, form.action)
        response = httpx.post(
            url, data=data, headers={"Cookie": cookie_header(cookies)}, timeout=30
        )
        expect_status(response, f"POST {sign_up_path} (signing up)", (302, 303))
        keep_cookies(cookies, response)
        # Flask-Login's strong session protection ties the session to the client's User-Agent.
        return {"Cookie": cookie_header(cookies), "User-Agent": page.request.headers["User-Agent"]}

    return sign_in


def token_sign_in(base_url: str) -> dict[str, str]:
    """Register through the JSON API, then get a bearer token (OAuth2 password flow)."""
    credentials = {"username": USERNAME, "password": PASSWORD}
    register = httpx.post(f"{base_url}/api/auth/register", json=credentials, timeout=30)
    expect_status(register, "POST /api/auth/register", (200, 201))
    token = httpx.post(f"{base_url}/api/auth/token", data=credentials, timeout=30)
    expect_status(token, "POST /api/auth/token", (200,))
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


SIGN_IN: dict[str, Callable[[str], dict[str, str]]] = {
    "flask": session_sign_in("/auth/register"),
    "fastapi": token_sign_in,
    "django": session_sign_in("/accounts/signup/"),
}


def predict_request(variant: Variant, base_url: str) -> Request:
    """One instance of the model's features, with what the skeleton needs to let it through."""
    headers = SIGN_IN[variant.framework](base_url) if variant.has("auth") else {}
    model = httpx.get(f"{base_url}/api/model", headers=headers, timeout=30)
    expect_status(model, "GET /api/model", (200,))
    instance = dict.fromkeys(model.json()["feature_names"], 1.0)
    headers["Content-Type"] = "application/json"
    body = json.dumps({"instances": [instance]})
    return Request("POST", PREDICT, body, tuple(headers.items()))


def endpoints(variant: Variant, skeleton: Server, failures: list[str]) -> dict[str, Request]:
    requests = {HEALTHZ: Request("GET", HEALTHZ)}
    if variant.has("ml_model"):
        try:
            requests[PREDICT] = predict_request(variant, skeleton.base_url)
        except STEP_ERRORS as error:
            failures.append(f"{variant.framework} {PREDICT}: not measured: {error}")
    return requests


def check_answers(server: Server, request: Request) -> None:
    """One request first: wrk counts 4xx and 5xx as errors, but not a redirect."""
    response = httpx.request(
        request.method,
        server.base_url + request.path,
        content=request.body or None,
        headers=dict(request.headers),
        timeout=30,
    )
    expect_status(response, f"{request.method} {request.path}", (200,))


# --- wrk --------------------------------------------------------------------------------------


def find_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is not installed: install the Debian package `wrk` (apt-get install wrk)")
    return found


def lua_string(text: str) -> str:
    """A Lua long-bracket string literal, which needs no escapes."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def write_script(request: Request, path: Path) -> Path:
    lines = [f"wrk.method = {lua_string(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {lua_string(request.body)}")
    # The spaces matter: "[[" would open a long string.
    lines += [f"wrk.headers[ {lua_string(k)} ] = {lua_string(v)}" for k, v in request.headers]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_wrk(load: Load, server: Server, path: str, script: Path) -> Sample:
    """One run of wrk against ``path`` of ``server``, sending the request the script describes."""
    command = [
        load.wrk,
        f"--connections={load.connections}",
        f"--threads={load.threads}",
        f"--duration={load.duration}s",
        "--latency",
        f"--script={script}",
        server.base_url + path,
    ]
    before, start = CpuClock.read(server), time.monotonic()
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=load.duration + 60, check=False
    )
    after, elapsed = CpuClock.read(server), time.monotonic() - start
    # wrk reports an error in its script on stderr, then runs anyway with a plain GET.
    if result.returncode != 0 or result.stderr:
        msg = f"wrk failed: {explain(result)}"
        raise LoadTestError(msg)
    sample = parse_wrk(result.stdout)
    server_seconds = after.server - before.server
    other_seconds = after.machine - before.machine - server_seconds
    other_seconds -= after.children - before.children
    return replace(
        sample,
        cpu_us_per_request=server_seconds / max(sample.requests, 1) * 1e6,
        other_cores=max(other_seconds / elapsed, 0.0),
    )


def parse_wrk(output: str) -> Sample:
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    count = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if not rate or not count:
        msg = f"no request count or Requests/sec in wrk's output:\n{output}"
        raise LoadTestError(msg)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_statuses = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(count) for count in socket_errors.groups()) if socket_errors else 0
    errors += int(bad_statuses.group(1)) if bad_statuses else 0
    return Sample(
        int(count.group(1)),
        float(rate.group(1)),
        percentile(output, 50),
        percentile(output, 99),
        errors,
    )


def percentile(output: str, percent: int) -> float:
    """A latency percentile of wrk --latency, in milliseconds."""
    found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)$", output, re.MULTILINE)
    if not found:
        msg = f"no {percent}% latency in wrk's output:\n{output}"
        raise LoadTestError(msg)
    return float(found.group(1)) * UNIT_MS[found.group(2)]


# --- one framework ----------------------------------------------------------------------------


def measure_framework(
    args: argparse.Namespace, variant: Variant, root: Path, failures: list[str]
) -> list[Row]:
    progress(f"{variant.id}: baking, syncing and running the release steps")
    project = bake(args.template, variant, root)
    sync(project, variant)
    release(project, variant, {})
    with ExitStack() as stack:
        servers = start_servers(stack, project, variant, args.workers)
        requests = endpoints(variant, servers["skeleton"], failures)
        scripts = {
            path: write_script(request, project.parent / f"{path.strip('/').replace('/', '-')}.lua")
            for path, request in requests.items()
        }
        warm_up(args.load, servers, requests, scripts)
        check_same_workers(servers)
        rows = [Row(variant.framework, path) for path in requests]
        for round_number in range(1, args.rounds + 1):
            for row in rows:
                progress(f"{variant.id} round {round_number} {row.endpoint}")
                measure_pair(args, servers, row, scripts[row.endpoint])
        show_logs_of_errors(rows, servers)
    return rows


def show_logs_of_errors(rows: list[Row], servers: dict[str, Server]) -> None:
    for name in {name for row in rows for name in SERVERS if row.errors(name)}:
        progress(
            f"{rows[0].framework} {name} had errors; the end of its log:\n{servers[name].output()}"
        )


def measure_pair(
    args: argparse.Namespace, servers: dict[str, Server], row: Row, script: Path
) -> None:
    """Run bare then skeleton, again while other work took more than --max-other-cores; keep
    the quietest pair."""
    attempts = [run_pair(args.load, servers, row.endpoint, script)]
    while len(attempts) <= args.max_repeats and pair_noise(attempts[-1]) > args.max_other_cores:
        attempts.append(run_pair(args.load, servers, row.endpoint, script))
    row.repeats += len(attempts) - 1
    for name, sample in min(attempts, key=pair_noise).items():
        row.samples[name].append(sample)


def pair_noise(pair: dict[str, Sample]) -> float:
    """The most CPU other work took during either run of the pair (cores)."""
    return max(sample.other_cores for sample in pair.values())


def run_pair(load: Load, servers: dict[str, Server], path: str, script: Path) -> dict[str, Sample]:
    pair = {}
    for name in SERVERS:
        pair[name] = run_wrk(load, servers[name], path, script)
        progress(f"  {name}: {pair[name]}")
    return pair


def warm_up(
    load: Load, servers: dict[str, Server], requests: dict[str, Request], scripts: dict[str, Path]
) -> None:
    """One good answer from each endpoint of each server, then a short untimed run."""
    short = Load(load.wrk, load.connections, load.threads, WARM_UP_SECONDS)
    for server in servers.values():
        for path, request in requests.items():
            check_answers(server, request)
            run_wrk(short, server, path, scripts[path])


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the report -------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    header = [
        "| framework | endpoint | bare req/s | skeleton req/s | ratio | p50 ms (skeleton / bare) "
        "| p99 ms (skeleton / bare) | errors, all runs (skeleton / bare) "
        "| server CPU µs/request (skeleton / bare) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    return "\n".join(header + [table_line(row) for row in rows])


def table_line(row: Row) -> str:
    return (
        f"| {row.framework} | `{row.endpoint}` "
        f"| {row.median('bare', 'requests_per_s'):,.0f} "
        f"| {row.median('skeleton', 'requests_per_s'):,.0f} | {row.ratio:.2f} "
        f"| {row.median('skeleton', 'p50_ms'):.2f} / {row.median('bare', 'p50_ms'):.2f} "
        f"| {row.median('skeleton', 'p99_ms'):.2f} / {row.median('bare', 'p99_ms'):.2f} "
        f"| {row.errors('skeleton')} / {row.errors('bare')} "
        f"| {row.median('skeleton', 'cpu_us_per_request'):.0f} "
        f"/ {row.median('bare', 'cpu_us_per_request'):.0f} |"
    )


def noise(rows: list[Row], max_other_cores: float) -> str:
    spreads = ", ".join(
        f"{row.framework} {row.endpoint} {row.spread('bare'):.0%} / {row.spread('skeleton'):.0%}"
        for row in rows
    )
    busiest = max(row.other_cores() for row in rows)
    repeats = sum(row.repeats for row in rows)
    return (
        f"req/s spread over the rounds, (max - min) / median, bare / skeleton: {spreads}.\n"
        f"Other work on the machine used up to {busiest:.2f} cores during a kept run; "
        f"{repeats} pairs were run again because it used more than {max_other_cores} cores."
    )


def problems(rows: list[Row], min_ratio: float) -> list[str]:
    found = [
        f"{row.framework} {row.endpoint} {name}: {row.errors(name)} errors"
        for row in rows
        for name in SERVERS
        if row.errors(name)
    ]
    found += [
        f"{row.framework} {row.endpoint}: skeleton/bare {row.ratio:.2f} < {min_ratio}"
        for row in rows
        if row.endpoint == HEALTHZ and row.ratio < min_ratio
    ]
    return found


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])


# --- the command ------------------------------------------------------------------------------


def variants(args: argparse.Namespace) -> Iterator[Variant]:
    """Each web framework of the template with its yes/no options on, but those turned --off."""
    answers = json.loads((args.template / "cookiecutter.json").read_text(encoding="utf-8"))
    options = [name for name, value in answers.items() if isinstance(value, bool)]
    unknown = set(args.off) - set(options)
    if unknown:
        sys.exit(f"--off {', '.join(sorted(unknown))}: the template's options are {options}")
    on = tuple((name, name not in args.off) for name in options)
    for framework in answers["framework"]:
        if framework in WEB_FRAMEWORKS and framework in args.frameworks:
            yield Variant(framework, on, answers["python_version"][0])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, default=TEMPLATE_DIR, help="template to bake")
    parser.add_argument(
        "--frameworks", nargs="+", choices=sorted(WEB_FRAMEWORKS), default=sorted(WEB_FRAMEWORKS)
    )
    parser.add_argument("--off", nargs="+", default=[], help="options to bake turned off")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per server (3)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="WEB_CONCURRENCY (cores)"
    )
    parser.add_argument("--min-ratio", type=float, default=0.9, help="/healthz target (0.9)")
    parser.add_argument(
        "--max-other-cores",
        type=float,
        default=0.25,
        help="run a pair again when other work used more CPU than this meanwhile (0.25)",
    )
    parser.add_argument("--max-repeats", type=int, default=2, help="per round (2)")
    args = parser.parse_args()
    args.template = args.template.resolve()
    args.load = Load(find_wrk(), args.connections, args.threads, args.duration)
    return args


def exit_on_sigterm(signum: int, _frame: FrameType | None) -> NoReturn:
    """SIGTERM ends the run like Ctrl-C: the servers' process groups are stopped on the way out."""
    progress("terminated: stopping the servers and removing the bakes")
    sys.exit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    args = parse_args()
    measured = list(variants(args))
    rows: list[Row] = []
    failures: list[str] = []
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="load-test-") as tmp:
        root = Path(tmp)
        make_config(root)
        for variant in measured:
            try:
                rows += measure_framework(args, variant, root, failures)
            except STEP_ERRORS as error:
                failures.append(f"{variant.id}: {type(error).__name__}: {error}")
    if rows:
        print(table(rows))
        print()
    print(
        f"Variants {', '.join(variant.id for variant in measured)}; "
        f"wrk {args.connections} connections, {args.threads} threads, {args.duration} s per run, "
        f"medians of {args.rounds} interleaved rounds; WEB_CONCURRENCY={args.workers} for both; "
        f"load average {load_before} before, {load_average()} after"
    )
    if rows:
        print(noise(rows, args.max_other_cores))
    failed = failures + problems(rows, args.min_ratio)
    for failure in failed:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
