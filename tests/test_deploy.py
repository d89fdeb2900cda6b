"""The deployment files in deploy/ name only settings finbot reads and commands it has (they cannot be run here:
no Docker, no systemd), so a renamed setting or command fails here instead of on someone's server."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.cli.main import COMMANDS
from bot.config import Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
# Read by click options rather than Settings; POSTGRES_* and FINBOT_WEBHOOK_URL are compose's own variables.
OTHER_VARIABLES = {"FINBOT_WEBHOOK_SECRET"}


def settings_names() -> set[str]:
    return {field.alias for field in Settings.model_fields.values() if field.alias} | OTHER_VARIABLES


def test_compose_services_run_finbot_commands_with_real_settings() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "valkey", "chroma", "ingest", "receiver", "worker"} <= set(services)
    for name in ("ingest", "receiver", "worker"):
        assert services[name]["command"][0] in COMMANDS, name
    env = services["worker"]["environment"]
    unknown = {k for k in env if k.startswith(("FINBOT_", "CHROMA_", "TELEGRAM_"))} - settings_names()
    assert unknown == set()
    assert {"FINBOT_STATE_URL", "FINBOT_CACHE_URL", "CHROMA_HOST"} <= set(env)  # shared services, not local files
    assert env["FINBOT_STATE_URL"].startswith("postgresql://") and env["FINBOT_CACHE_URL"].startswith("redis://")


def test_the_systemd_unit_runs_finbot_serve() -> None:
    unit = (DEPLOY / "finbot.service").read_text(encoding="utf-8")
    command = re.search(r"^ExecStart=\S*/finbot (\w+)", unit, flags=re.M)
    assert command is not None and command.group(1) == "serve"


def test_env_example_lists_every_setting() -> None:
    example = (DEPLOY.parent / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert settings_names() - listed == set()
