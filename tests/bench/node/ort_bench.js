// Times onnxruntime on one model, as eval_bench_main does for the reference
// evaluator.
//
//   node ort_bench.js MODEL INPUTS_DIR OUTPUTS_DIR WARMUP RUNS THREADS
//
// INPUTS_DIR/inputs.json lists the feeds: [{"name", "dtype", "shape",
// "file"}], each file the raw little-endian elements. THREADS is the
// intra-op thread count; 0 leaves onnxruntime's default (one thread per
// core). The outputs of the last run go to OUTPUTS_DIR as raw files listed
// in outputs.json in the same form. The last line printed is JSON:
// {"median_ms": ..., "min_ms": ..., "runs": ...}.
'use strict';

const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  int32: Int32Array,
};

function readFeeds(folder) {
  const listed = JSON.parse(fs.readFileSync(path.join(folder, 'inputs.json'), 'utf8'));
  const feeds = {};
  for (const input of listed) {
    const TypedArray = ARRAYS[input.dtype];
    if (!TypedArray) throw new Error(`input '${input.name}': unsupported dtype ${input.dtype}`);
    const bytes = fs.readFileSync(path.join(folder, input.file));
    // Copy into a fresh, aligned buffer: a Buffer may start at any offset.
    const data = new TypedArray(bytes.byteLength / TypedArray.BYTES_PER_ELEMENT);
    new Uint8Array(data.buffer).set(bytes);
    feeds[input.name] = new ort.Tensor(input.dtype, data, input.shape);
  }
  return feeds;
}

function writeOutputs(results, names, folder) {
  const listed = [];
  names.forEach((name, k) => {
    const tensor = results[name];
    const file = `output_${k}.bin`;
    const data = tensor.data;
    fs.writeFileSync(path.join(folder, file),
                     Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    listed.push({name, dtype: tensor.type, shape: tensor.dims, file});
  });
  fs.writeFileSync(path.join(folder, 'outputs.json'), JSON.stringify(listed));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

async function main() {
  const [model, inputs, outputs, warmup, runs, threads] = process.argv.slice(2);
  const options = {};
  if (Number(threads) > 0) {
    options.intraOpNumThreads = Number(threads);
    options.interOpNumThreads = 1;
    options.executionMode = 'sequential';
  }
  const session = await ort.InferenceSession.create(model, options);
  const feeds = readFeeds(inputs);
  const times = [];
  let results;
  for (let r = 0; r < Number(warmup) + Number(runs); ++r) {
    const start = process.hrtime.bigint();
    results = await session.run(feeds);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r >= Number(warmup)) times.push(ms);
  }
  if (outputs) writeOutputs(results, session.outputNames, outputs);
  console.log(JSON.stringify({median_ms: median(times), min_ms: Math.min(...times),
                              runs: times.length}));
}

main().catch((error) => {
  console.error(`ort_bench: ${error.message}`);
  process.exit(1);
});
