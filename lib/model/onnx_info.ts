/**
 * @module
 * Reads an ONNX model's graph inputs and outputs (names, element types and
 * shapes) straight from its protobuf bytes, without loading it into a
 * runtime: enough to check a manifest against the graph at start-up, in
 * milliseconds and on the main thread. Only the fields on the way are
 * decoded (ModelProto.graph → GraphProto.input/output/initializer →
 * ValueInfoProto.type.tensor_type.shape.dim); the weights are skipped.
 */

/** One graph input or output. */
export interface OnnxValueInfo {
  name: string;
  /** ONNX TensorProto.DataType (1 = float32); 0 when not a tensor or unset. */
  elemType: number;
  /** Each dimension: a fixed size, a symbolic name (`"batch"`), or null when unknown. */
  dims: (number | string | null)[] | null;
}

/** What {@link readOnnxGraphInfo} finds. */
export interface OnnxGraphInfo {
  /** The graph's real inputs (initializers listed as inputs are left out). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** The bytes are not an ONNX model this reader can follow. */
export class OnnxFormatError extends Error {
  override name = "OnnxFormatError";
}

/** Names of ONNX element types, for messages. */
export const ONNX_TYPES: Record<number, string> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  6: "int32",
  7: "int64",
  10: "float16",
  11: "float64",
  16: "bfloat16",
};

type Field = { no: number; wire: number; int: number; bytes?: Uint8Array };

/** Iterates the fields of one protobuf message. */
function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (pos >= buf.length) throw new OnnxFormatError("truncated varint");
      const b = buf[pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new OnnxFormatError("varint too long");
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no === 0) throw new OnnxFormatError("field number 0");
    if (wire === 0) yield { no, wire, int: varint() };
    else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) throw new OnnxFormatError("truncated field");
      pos += n;
      yield { no, wire, int: 0 };
    } else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) {
        throw new OnnxFormatError("truncated message");
      }
      yield { no, wire, int: 0, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else throw new OnnxFormatError(`unsupported wire type ${wire}`);
  }
}

const text = new TextDecoder();

/** An int64 varint read as a Number: values past 2^53 (negative ones) are unknown. */
function dimValue(n: number): number | null {
  return n > Number.MAX_SAFE_INTEGER ? null : n;
}

function valueInfo(buf: Uint8Array): OnnxValueInfo {
  const info: OnnxValueInfo = { name: "", elemType: 0, dims: null };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) info.name = text.decode(f.bytes);
    if (f.no !== 2 || !f.bytes) continue; // TypeProto
    for (const t of fields(f.bytes)) {
      if (t.no !== 1 || !t.bytes) continue; // TypeProto.Tensor
      for (const tt of fields(t.bytes)) {
        if (tt.no === 1 && tt.wire === 0) info.elemType = tt.int;
        if (tt.no !== 2 || !tt.bytes) continue; // TensorShapeProto
        info.dims = [];
        for (const d of fields(tt.bytes)) {
          if (d.no !== 1 || !d.bytes) continue; // Dimension
          let dim: number | string | null = null;
          for (const v of fields(d.bytes)) {
            if (v.no === 1 && v.wire === 0) dim = dimValue(v.int);
            if (v.no === 2 && v.bytes) dim = text.decode(v.bytes);
          }
          info.dims.push(dim);
        }
      }
    }
  }
  return info;
}

/**
 * The graph inputs and outputs of an `.onnx` file's bytes. Throws
 * {@link OnnxFormatError} when the bytes are not a model with a graph.
 *
 * @example
 * ```ts
 * const info = readOnnxGraphInfo(await Deno.readFile("static/model/pet_unet.onnx"));
 * info.inputs[0]; // { name: "input", elemType: 1, dims: [1, 3, 176, 176] }
 * ```
 */
export function readOnnxGraphInfo(bytes: Uint8Array): OnnxGraphInfo {
  let graph: Uint8Array | undefined;
  let irVersion = 0;
  for (const f of fields(bytes)) {
    if (f.no === 1 && f.wire === 0) irVersion = f.int;
    if (f.no === 7 && f.bytes) graph = f.bytes;
  }
  if (!graph || irVersion < 1) {
    throw new OnnxFormatError("no ONNX graph found in the file");
  }
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const initializers = new Set<string>();
  for (const f of fields(graph)) {
    if (!f.bytes) continue;
    if (f.no === 11) inputs.push(valueInfo(f.bytes));
    else if (f.no === 12) outputs.push(valueInfo(f.bytes));
    else if (f.no === 5) {
      // TensorProto: only its name (field 8); the weights are skipped.
      for (const t of fields(f.bytes)) {
        if (t.no === 8 && t.bytes) initializers.add(text.decode(t.bytes));
      }
    }
  }
  return {
    inputs: inputs.filter((i) => !initializers.has(i.name)),
    outputs,
  };
}
