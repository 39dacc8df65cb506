// Runs models in onnxruntime-node and writes their outputs as JSON.
//
//   NODE_PATH=<node_modules> node ort_run.js MODEL NAME=INPUT [NAME=INPUT ...]
//   NODE_PATH=<node_modules> node ort_run.js --batch MANIFEST.json
//
// The first form runs one model and prints its outputs. The second runs every
// entry of MANIFEST.json, a list of {"model", "inputs": {NAME: INPUT}, "out"},
// in this one process, and writes each entry's result to its "out" file:
// {"outputs": [...]} or, when onnxruntime refuses the model or fails to run
// it, {"error": message}. One failing entry does not stop the others.
//
// Each INPUT is a .npy file (little-endian float32, float64, int64 or int32,
// C order) or a .json file {"dtype", "shape", "data"}; a batch reads each
// file once. onnxruntime runs with one thread. Outputs are
// [{"name", "dtype", "shape", "data"}] with data flattened; int64 values
// become numbers (exact below 2**53).
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
const SESSION_OPTIONS = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

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

// Input tensors by file name: a batch shares a few inputs among many models.
const tensors = new Map();

function readInput(file) {
  if (!tensors.has(file)) {
    tensors.set(file, file.endsWith('.json') ? readJson(file) : readNpy(file));
  }
  return tensors.get(file);
}

// JSON has no NaN or infinities: those become the strings "NaN",
// "Infinity" and "-Infinity", which numpy parses back.
function plain(value) {
  if (typeof value === 'bigint') return Number(value);
  return Number.isFinite(value) ? value : String(value);
}

async function run(model, inputs) {
  const feeds = {};
  for (const [name, file] of Object.entries(inputs)) feeds[name] = readInput(file);
  const session = await ort.InferenceSession.create(model, SESSION_OPTIONS);
  try {
    const results = await session.run(feeds);
    return session.outputNames.map((name) => {
      const tensor = results[name];
      return {name, dtype: tensor.type, shape: tensor.dims, data: Array.from(tensor.data, plain)};
    });
  } finally {
    await session.release();
  }
}

async function runBatch(manifest) {
  const entries = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  for (const {model, inputs, out} of entries) {
    let result;
    try {
      result = {outputs: await run(model, inputs)};
    } catch (error) {
      result = {error: error.message};
    }
    fs.writeFileSync(out, JSON.stringify(result));
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--batch' && args.length === 2) return runBatch(args[1]);
  const [model, ...inputs] = args;
  if (!model || inputs.length === 0) {
    throw new Error('usage: ort_run.js MODEL NAME=FILE.npy|FILE.json ... | --batch MANIFEST.json');
  }
  const named = {};
  for (const input of inputs) {
    const eq = input.indexOf('=');
    named[input.slice(0, eq)] = input.slice(eq + 1);
  }
  process.stdout.write(JSON.stringify(await run(model, named)));
}

main().catch((error) => {
  console.error(`ort_run: ${error.message}`);
  process.exit(1);
});
