"""Knowledge-base errors; messages are Chinese because adapters show them to users as they are."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base of every error the knowledge base raises on purpose."""


class EmbedderMismatch(KnowledgeError):
    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"向量索引是用嵌入模型「{built_with}」建立的，当前配置为「{configured}」，两者不能混用。"
            f"请改回原模型，或运行 `gonghui reindex` 用新模型重建索引。"
        )
        self.built_with = built_with
        self.configured = configured


class UnknownEmbedder(KnowledgeError):
    def __init__(self, spec: str, reason: str = "") -> None:
        super().__init__(f"无法使用嵌入模型「{spec}」{('：' + reason) if reason else ''}。")


class DocumentNotFound(KnowledgeError):
    def __init__(self, doc_id: object) -> None:
        super().__init__(f"没有编号为 {doc_id} 的文档，可用 `gonghui docs` 查看现有文档。")


class VectorStoreUnavailable(KnowledgeError):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"无法连接向量库 {where}：{reason}")
