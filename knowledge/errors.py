"""Knowledge-base errors. Each carries its `code`, HTTP `status` and Chinese `message`; `hint` is advice
for the command line (which command helps), shown only there."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base of every error the knowledge base raises on purpose."""

    code = "knowledge_error"
    status = 400
    field: str | None = None

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message + hint)  # the command line shows both

    def details(self) -> dict[str, object]:
        return {}


class EmbedderMismatch(KnowledgeError):
    code = "embedder_mismatch"
    status = 409

    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"向量索引是用嵌入模型「{built_with}」建立的，当前配置为「{configured}」，两者不能混用。",
            hint="请改回原模型，或运行 `gonghui reindex` 用新模型重建索引。",
        )
        self.built_with = built_with
        self.configured = configured


class UnknownEmbedder(KnowledgeError):
    code = "unknown_embedder"

    def __init__(self, spec: str, reason: str = "") -> None:
        super().__init__(f"无法使用嵌入模型「{spec}」{('：' + reason) if reason else ''}。")


class DocumentNotFound(KnowledgeError):
    code = "not_found"
    status = 404

    def __init__(self, doc_id: object) -> None:
        super().__init__(f"没有编号为 {doc_id} 的文档。", hint="可用 `gonghui docs` 查看现有文档。")


class VectorStoreUnavailable(KnowledgeError):
    code = "vector_store_unavailable"
    status = 503

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"无法连接向量库 {where}：{reason}")


class StoreBusy(KnowledgeError):
    """Another process kept the catalogue's write lock past the busy timeout (and its retries)."""

    code = "busy"
    status = 503

    def __init__(self, path: str) -> None:
        super().__init__(f"文档库正被另一个进程写入（{path}），等待超时，请稍后再试。")
        self.path = path
