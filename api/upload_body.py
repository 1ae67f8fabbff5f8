"""An uploaded file read at the HTTP edge: in blocks, refused (413) as soon as it passes the limit, and
refused (422) when empty — the same words for documents, plans to extract and any other upload."""

from __future__ import annotations

from starlette.datastructures import UploadFile  # FastAPI's UploadFile and a form's parts alike

from api.errors import ApiError

READ_BLOCK = 1024 * 1024


async def read_upload(file: UploadFile, limit: int) -> bytes:
    data = bytearray()
    while block := await file.read(READ_BLOCK):
        data += block
        if len(data) > limit:
            raise ApiError(
                413,
                "too_large",
                f"文件超过 {limit // (1024 * 1024) or 1} MB 的上限，请拆分或压缩后再上传。",
                field="file",
            )
    if not data:
        raise ApiError(422, "invalid", "上传的文件是空的。", field="file")
    return bytes(data)
