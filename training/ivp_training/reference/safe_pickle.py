"""Reading NVlabs network pickles without executing anything from the file.

A ``network-snapshot-*.pkl`` is a plain ``pickle.dump`` of a dict whose networks are ``torch_utils.persistence``
objects: each is a call ``_reconstruct_persistent_obj(meta)`` where ``meta`` holds the class's SOURCE CODE, its
name and its ``__dict__`` (parameters, buffers, sub-modules, init args). ``pickle.load`` would import and run that
source. Here every global the file names is looked up in a short allow-list of DATA constructors (tensors rebuilt
from their bytes by our own code, plain containers); the persistence call becomes a ``PersistentRecord`` (class
name, init args/kwargs, state) and nothing else; any other global is refused with its name before anything of it
runs. Tensors inside such a pickle are legacy ``torch.save`` streams (``torch.storage._load_from_bytes``), which
are parsed here with the same restrictions.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import re
import struct
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Tuple

import torch

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001


class RefusedPickle(ValueError):
    """The file names something this reader will not run."""


@dataclass
class PersistentRecord:
    """What a ``torch_utils.persistence`` reconstruct call holds, as data: nothing of its source is run."""
    class_name: str
    source_sha256: str
    init_args: tuple
    init_kwargs: dict
    state: dict = field(repr=False)

    def attr(self, name: str, where: str = "") -> Any:
        if name not in self.state:
            raise RefusedPickle(f"the pickle's {self.class_name}{' ' + where if where else ''} lacks '{name}'")
        return self.state[name]

    def module(self, name: str) -> "PersistentRecord":
        sub = self.state.get("_modules", {}).get(name)
        if not isinstance(sub, PersistentRecord):
            raise RefusedPickle(f"the pickle's {self.class_name} has no sub-network '{name}'")
        return sub

    def tensors(self) -> Dict[str, torch.Tensor]:
        """Parameters and buffers of this network and its sub-networks, named like a state_dict."""
        out: Dict[str, torch.Tensor] = {}
        for kind in ("_parameters", "_buffers"):
            for k, v in (self.state.get(kind) or {}).items():
                if isinstance(v, torch.Tensor):
                    out[k] = v
        for k, sub in (self.state.get("_modules") or {}).items():
            if isinstance(sub, PersistentRecord):
                out.update({f"{k}.{n}": t for n, t in sub.tensors().items()})
        return out


class PlainDict(dict):
    """Stands in for dict subclasses such as ``dnnlib.util.EasyDict``: the items, none of the behaviour."""


def _persistent_record(meta: Any) -> PersistentRecord:
    if not isinstance(meta, dict) or meta.get("type") != "class":
        raise RefusedPickle("a torch_utils.persistence call without a class record")
    state = meta.get("state")
    if not isinstance(state, dict):
        raise RefusedPickle(f"the persistence record of {meta.get('class_name')} has no state")
    src = meta.get("module_src") or ""
    return PersistentRecord(class_name=str(meta.get("class_name")),
                            source_sha256=hashlib.sha256(src.encode("utf-8", "replace")).hexdigest(),
                            init_args=tuple(state.get("_init_args") or ()),
                            init_kwargs=dict(state.get("_init_kwargs") or {}), state=state)


def _storage_dtype(name: str) -> torch.dtype:
    dtypes = {"FloatStorage": torch.float32, "HalfStorage": torch.float16, "DoubleStorage": torch.float64,
              "BFloat16Storage": torch.bfloat16, "LongStorage": torch.int64, "IntStorage": torch.int32,
              "ShortStorage": torch.int16, "CharStorage": torch.int8, "ByteStorage": torch.uint8,
              "BoolStorage": torch.bool}
    return dtypes[name]


@dataclass(frozen=True)
class _StorageType:
    dtype: torch.dtype


@dataclass
class _Storage:
    """Raw bytes of one storage and its element type."""
    dtype: torch.dtype
    data: bytes

    def tensor(self) -> torch.Tensor:
        if not self.data:
            return torch.empty(0, dtype=self.dtype)
        return torch.frombuffer(bytearray(self.data), dtype=self.dtype)


def _rebuild_tensor(storage: Any, offset: int, size: tuple, stride: tuple, *_ignored) -> torch.Tensor:
    if not isinstance(storage, _Storage):
        raise RefusedPickle("a tensor whose storage is not a plain byte storage")
    flat = storage.tensor()
    if len(size) == 0:
        return flat[offset].clone()
    return torch.as_strided(flat, tuple(size), tuple(stride), offset).clone()


def _rebuild_parameter(data: Any, *_ignored) -> torch.Tensor:
    if not isinstance(data, torch.Tensor):
        raise RefusedPickle("a parameter that does not hold a tensor")
    return data


class _NumpyDtype:
    """Stands in for ``numpy.dtype`` in a pickle: keeps the type code and byte order, nothing else. Only numeric
    and boolean codes are accepted."""

    def __init__(self, code, align=False, copy=True):
        code = str(code)
        if not re.fullmatch(r"[<>|=]?[fiub][0-9]{0,2}|bool|float(16|32|64)|u?int(8|16|32|64)", code):
            raise RefusedPickle(f"refused: numpy values of type {code!r:.20} (only numbers are read)")
        self.code, self.order = code, "<"

    def __setstate__(self, state):
        if isinstance(state, tuple) and len(state) > 1 and state[1] in ("<", ">", "|", "="):
            self.order = state[1]


def _numpy_scalar(dtype, data=None):
    """A numpy scalar (e.g. a gain computed with np.sqrt in the reference code) as a Python number."""
    import numpy as np
    if not isinstance(dtype, _NumpyDtype) or not isinstance(data, (bytes, bytearray)):
        raise RefusedPickle("refused: a numpy scalar without a numeric type and its bytes")
    order = "<" if dtype.order in ("|", "=") else dtype.order
    arr = np.frombuffer(bytes(data), dtype=np.dtype(dtype.code).newbyteorder(order), count=1)
    return arr[0].item()


def _make_set(items=()):
    return set(items)


def _make_frozenset(items=()):
    return frozenset(items)


class _Restricted(pickle.Unpickler):
    """Resolves globals only from ``allowed``; everything else is refused by name."""

    def __init__(self, f, allowed: Dict[Tuple[str, str], Any]):
        super().__init__(f)
        self._allowed = allowed

    def find_class(self, module: str, name: str):
        hit = self._allowed.get((module, name))
        if hit is None:
            raise RefusedPickle(f"refused: the file calls {module}.{name}, which is not a tensor or plain data "
                                "constructor (nothing was run)")
        return hit

    def persistent_load(self, pid):
        raise RefusedPickle("refused: unexpected persistent id in a network pickle")


_STORAGE_NAMES = ["FloatStorage", "HalfStorage", "DoubleStorage", "BFloat16Storage", "LongStorage", "IntStorage",
                  "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage"]


class _LegacyStorageUnpickler(_Restricted):
    """The object pickle inside a legacy ``torch.save`` stream: storages are persistent ids."""

    def __init__(self, f):
        super().__init__(f, {("torch", n): _StorageType(_storage_dtype(n)) for n in _STORAGE_NAMES})
        self.keys: Dict[str, _Storage] = {}

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage" and isinstance(pid[1], _StorageType)):
            raise RefusedPickle(f"refused: unexpected persistent id {pid!r:.80}")
        if len(pid) > 5 and pid[5] is not None:
            raise RefusedPickle("refused: storage views are not supported")
        key = str(pid[2])
        if key not in self.keys:
            self.keys[key] = _Storage(pid[1].dtype, b"")
        return self.keys[key]


def _plain_load(f) -> Any:
    return _Restricted(f, {}).load()


def _load_legacy_storage(blob: bytes) -> _Storage:
    """Parses the legacy ``torch.save`` stream of one storage: magic, protocol, system info, the storage's
    persistent id, the key list, then per key an int64 element count and the raw little-endian bytes."""
    if not isinstance(blob, (bytes, bytearray)):
        raise RefusedPickle("a tensor storage that is not bytes")
    f = io.BytesIO(blob)
    if _plain_load(f) != LEGACY_MAGIC or _plain_load(f) != LEGACY_PROTOCOL:
        raise RefusedPickle("a tensor storage in an unknown serialisation format")
    info = _plain_load(f)
    if isinstance(info, dict) and info.get("little_endian") is False:
        raise RefusedPickle("big-endian tensor storages are not supported")
    up = _LegacyStorageUnpickler(f)
    obj = up.load()
    keys = _plain_load(f)
    if not isinstance(obj, _Storage) or not isinstance(keys, list):
        raise RefusedPickle("a tensor storage stream that holds something else than one storage")
    for key in keys:
        st = up.keys.get(str(key))
        if st is None:
            raise RefusedPickle(f"a tensor storage stream lists an unknown key {key!r:.40}")
        (numel,) = struct.unpack("<q", f.read(8))
        nbytes = numel * torch.empty(0, dtype=st.dtype).element_size()
        data = f.read(nbytes)
        if len(data) != nbytes:
            raise RefusedPickle("a tensor storage is truncated")
        st.data = data
    return obj


def _allowed_globals() -> Dict[Tuple[str, str], Callable]:
    allowed: Dict[Tuple[str, str], Any] = {
        ("collections", "OrderedDict"): OrderedDict,
        ("builtins", "set"): _make_set,
        ("builtins", "frozenset"): _make_frozenset,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
        ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
        ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
        ("torch.storage", "_load_from_bytes"): _load_legacy_storage,
        ("torch_utils.persistence", "_reconstruct_persistent_obj"): _persistent_record,
        ("dnnlib.util", "EasyDict"): PlainDict,
    }
    for np_core in ("numpy.core.multiarray", "numpy._core.multiarray"):
        allowed[(np_core, "scalar")] = _numpy_scalar
    allowed[("numpy", "dtype")] = _NumpyDtype
    return allowed


def load_network_pickle(path) -> Dict[str, Any]:
    """The snapshot's top-level dict with every network as a PersistentRecord. Raises RefusedPickle naming the
    first global outside the allow-list; nothing from the file is imported or executed."""
    with open(path, "rb") as f:
        try:
            obj = _Restricted(f, _allowed_globals()).load()
        except RefusedPickle:
            raise
        except Exception as e:  # a malformed file fails inside pickle or torch with many exception types
            raise RefusedPickle(f"not a readable network pickle: {type(e).__name__}: {str(e)[:200]}") from None
    if not isinstance(obj, dict):
        raise RefusedPickle(f"the pickle holds a {type(obj).__name__}, not a snapshot dict (G_ema, ...)")
    return obj
