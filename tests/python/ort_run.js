// Runs one model in onnxruntime-node and prints its outputs as JSON.
//
//   NODE_PATH=<node_modules> node ort_run.js MODEL NAME=INPUT [NAME=INPUT ...]
//
// Each INPUT is a .npy file (little-endian float32, float64, int64 or int32,
// C order) or a .json file {"dtype", "shape", "data"}. onnxruntime runs with
// one thread. Printed: [{"name", "dtype", "shape", "data"}] with data
// flattened; int64 values become numbers (exact below 2**53).
'use strict';

const fs = require('fs');
const ort = require('onnxruntime-node');

const ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  int32: Int32Array,
};
const NPY_DTYPES = {'<f4': 'float32', '<f8': 'float64', '<i8': 'int64', '<i4': 'int32'};

function readNpy(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${file}: not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.toString('latin1', start, start + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const dtype = descr && NPY_DTYPES[descr[1]];
  if (!dtype) throw new Error(`${file}: unsupported dtype in header ${header.trim()}`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${file}: Fortran order`);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1]
      .split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const body = bytes.subarray(start + headerLength);
  // Copy into a fresh, aligned buffer: the body may start at any offset.
  const data = new ARRAYS[dtype](body.byteLength / ARRAYS[dtype].BYTES_PER_ELEMENT);
  new Uint8Array(data.buffer).set(body);
  return new ort.Tensor(dtype, data, shape);
}

function readJson(file) {
  const {dtype, shape, data} = JSON.parse(fs.readFileSync(file, 'utf8'));
  const TypedArray = ARRAYS[dtype];
  if (!TypedArray) throw new Error(`${file}: unsupported dtype ${dtype}`);
  const values = dtype === 'int64' ? data.map(BigInt) : data;
  return new ort.Tensor(dtype, TypedArray.from(values), shape);
}

function plain(value) {
  return typeof value === 'bigint' ? Number(value) : value;
}

async function main() {
  const [model, ...inputs] = process.argv.slice(2);
  if (!model || inputs.length === 0) {
    throw new Error('usage: ort_run.js MODEL NAME=FILE.npy|FILE.json ...');
  }
  const feeds = {};
  for (const input of inputs) {
    const eq = input.indexOf('=');
    const name = input.slice(0, eq);
    const file = input.slice(eq + 1);
    feeds[name] = file.endsWith('.json') ? readJson(file) : readNpy(file);
  }
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const results = await session.run(feeds);
  const printed = session.outputNames.map((name) => {
    const tensor = results[name];
    return {name, dtype: tensor.type, shape: tensor.dims, data: Array.from(tensor.data, plain)};
  });
  process.stdout.write(JSON.stringify(printed));
}

main().catch((error) => {
  console.error(`ort_run: ${error.message}`);
  process.exit(1);
});
