"""Settings from the environment or a .env file (see .env.example for every name)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The knowledge/ folder shipped with the repository: used when ./knowledge does not exist
# (e.g. `finbot ask` run from another directory on an editable install).
BUNDLED_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL")
    telegram_api_base_file_url: str = Field(
        default="https://api.telegram.org/file/bot", alias="TELEGRAM_API_BASE_FILE_URL"
    )
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list, alias="FINBOT_ADMIN_IDS")
    data_dir: Path = Field(default=Path(".finbot"), alias="FINBOT_DATA_DIR")
    knowledge_dir: Path | None = Field(default=None, alias="FINBOT_KNOWLEDGE_DIR")
    embedding: str = Field(default="use", alias="FINBOT_EMBEDDING")
    chroma_host: str | None = Field(default=None, alias="CHROMA_HOST")
    chroma_port: int = Field(default=8000, alias="CHROMA_PORT")
    llm_base_url: str | None = Field(default=None, alias="FINBOT_LLM_BASE_URL")
    llm_model: str | None = Field(default=None, alias="FINBOT_LLM_MODEL")
    llm_api_key: SecretStr | None = Field(default=None, alias="FINBOT_LLM_API_KEY")
    llm_timeout: float = Field(default=20.0, alias="FINBOT_LLM_TIMEOUT")
    # Questions one Telegram user may have waiting; in a flood the oldest beyond it are skipped and named.
    queue_per_user: int = Field(default=5, ge=1, alias="FINBOT_QUEUE_PER_USER")
    retention_days: int = Field(default=90, alias="FINBOT_RETENTION_DAYS")
    # Outbound messages per second, all chats together (Telegram's documented limit for bulk messages is ~30);
    # 0 = no cap of our own (a 429 from Telegram still pauses sending and is retried).
    send_per_second: float = Field(default=30.0, ge=0, alias="FINBOT_SEND_PER_SECOND")
    # Where the bot's records live (bot/telegram/state.py): unset = SQLite in FINBOT_DATA_DIR;
    # postgresql://user:password@host/db for several workers.
    state_url: str | None = Field(default=None, alias="FINBOT_STATE_URL")
    # Short-lived context (conversation memory, button data, skipped flood messages; bot/telegram/cache.py): unset
    # = in the bot process; redis://host:6379/0 for Valkey or Redis shared by several workers.
    cache_url: str | None = Field(default=None, alias="FINBOT_CACHE_URL")
    # Minutes a conversation's context is kept after its last message (follow-ups, a list of debts not saved).
    memory_minutes: float = Field(default=30.0, gt=0, alias="FINBOT_MEMORY_MINUTES")
    # Worker processes that compute answers (each loads the model and index once, ~300 MB): unset = one per core,
    # 0 = threads inside the bot process.
    engine_processes: int | None = Field(default=None, ge=0, alias="FINBOT_ENGINE_PROCESSES")
    # Many workers (docs/deploy.md): the update queue's streams on FINBOT_CACHE_URL (one chat always in the same
    # one; more partitions spread chats over more workers), and how long a silent worker keeps its partitions.
    queue_partitions: int = Field(default=16, ge=1, le=1024, alias="FINBOT_QUEUE_PARTITIONS")
    worker_lease_seconds: float = Field(default=15.0, ge=1, alias="FINBOT_WORKER_LEASE_SECONDS")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # "123, 456" in the environment -> [123, 456]
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            try:
                return [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError(
                    f"FINBOT_ADMIN_IDS must be numeric Telegram user ids separated by commas, got {value!r}"
                ) from exc
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("chroma_host", "llm_base_url", "llm_model", "engine_processes", "state_url", "cache_url",
                     mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def knowledge_path(self) -> Path:
        if self.knowledge_dir is not None:
            return self.knowledge_dir
        local = Path("knowledge")
        return local if local.is_dir() else BUNDLED_KNOWLEDGE

    @property
    def cache_dir(self) -> Path:
        """Files derived from the index (BM25 tables, phrasing vectors, the section classifier), keyed by digests."""
        return Path(self.data_dir) / "cache"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
