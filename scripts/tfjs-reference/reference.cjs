// Runs the original nsfwjs MobileNetV2 (TF.js graph model) on TF.js's pure-JavaScript CPU backend and writes its
// outputs as the reference the ONNX conversion is tested against (tests/GenreBlazor.Vision.Tests).
//
//   node reference.cjs --model <dir with model.min.js> --out <fixtures dir> [--posters <dir> --poster-count N --poster-out <dir>]
//
// Synthetic inputs are generated here from a seeded PRNG and saved as raw RGB bytes (224*224*3, row-major HWC);
// the tensor fed to the model is byte / 255, exactly what the C# test feeds ONNX Runtime. Poster inputs (optional,
// never committed) are decoded with jpeg-js, scaled to [0, 1] and resized with tf.image.resizeBilinear
// (alignCorners = true, as nsfwjs does), then saved as raw float32.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');

const SIZE = 224;
const TAPS = {
  features: { node: 'feature_vector/SpatialSqueeze', pooled: false },
  probabilities: { node: 'prediction/Softmax', pooled: false },
  block_28x28_pooled: { node: 'MobilenetV2/expanded_conv_5/add', pooled: true },
  block_14x14_pooled: { node: 'MobilenetV2/expanded_conv_12/add', pooled: true },
  block_7x7_pooled: { node: 'MobilenetV2/expanded_conv_16/project/BatchNorm/FusedBatchNormV3', pooled: true },
};

function parseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

// mulberry32: a tiny seeded PRNG so the synthetic images are the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function image(fill) {
  const bytes = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = fill(x, y);
      const i = (y * SIZE + x) * 3;
      bytes[i] = Math.max(0, Math.min(255, Math.round(r)));
      bytes[i + 1] = Math.max(0, Math.min(255, Math.round(g)));
      bytes[i + 2] = Math.max(0, Math.min(255, Math.round(b)));
    }
  }
  return bytes;
}

function syntheticInputs() {
  const noise = random(1);
  const shapes = random(2);
  const background = [30 + 60 * shapes(), 20 + 40 * shapes(), 60 + 120 * shapes()];
  const discs = Array.from({ length: 9 }, () => ({
    x: SIZE * shapes(), y: SIZE * shapes(), r: 10 + 50 * shapes(), c: [255 * shapes(), 255 * shapes(), 255 * shapes()],
  }));
  const boxes = Array.from({ length: 5 }, () => ({
    x: SIZE * shapes(), y: SIZE * shapes(), w: 20 + 80 * shapes(), h: 8 + 30 * shapes(), c: [255 * shapes(), 255 * shapes(), 255 * shapes()],
  }));
  return [
    {
      name: 'gradient_rings',
      bytes: image((x, y) => {
        const r = Math.hypot(x - 112, y - 112);
        return [(x / 223) * 255, (y / 223) * 255, 128 + 127 * Math.sin(r / 8)];
      }),
    },
    { name: 'uniform_noise', bytes: image(() => [256 * noise(), 256 * noise(), 256 * noise()]) },
    {
      name: 'poster_like_shapes',
      bytes: image((x, y) => {
        let colour = background.map((c, k) => c + 40 * Math.sin((x + 2 * y + 50 * k) / 37));
        for (const d of discs) if (Math.hypot(x - d.x, y - d.y) < d.r) colour = d.c;
        for (const b of boxes) if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) colour = (x + y) % 6 < 3 ? b.c : [250, 250, 240];
        return colour;
      }),
    },
    {
      name: 'checker_gradient',
      bytes: image((x, y) => {
        const on = ((x >> 4) + (y >> 4)) % 2 === 0;
        const t = (x + y) / 446;
        return on ? [255 * t, 200 * (1 - t), 90] : [20, 60 + 150 * t, 255 * (1 - t)];
      }),
    },
  ];
}

function posterInputs(dir, count) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().slice(0, count);
  return files.map((file) => {
    const decoded = jpeg.decode(fs.readFileSync(path.join(dir, file)), { useTArray: true, formatAsRGBA: false });
    const floats = tf.tidy(() => {
      const pixels = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'int32');
      const normalized = pixels.toFloat().div(tf.scalar(255));
      return tf.image.resizeBilinear(normalized, [SIZE, SIZE], true).dataSync().slice();
    });
    return { name: path.basename(file, '.jpg'), floats };
  });
}

async function loadModel(modelDir) {
  const modelJson = require(path.resolve(modelDir, 'model.min.js'));
  const weightSpecs = [];
  const buffers = [];
  for (const group of modelJson.weightsManifest) {
    for (const p of group.paths) buffers.push(Buffer.from(require(path.resolve(modelDir, `${p}.min.js`)), 'base64'));
    weightSpecs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
  return { model, modelJson };
}

function nodeName(modelJson, suffix) {
  const matches = modelJson.modelTopology.node.map((n) => n.name).filter((n) => n === suffix || n.endsWith(`/${suffix}`));
  if (matches.length !== 1) throw new Error(`${matches.length} nodes end with ${suffix}`);
  return matches[0];
}

function run(model, modelJson, floats) {
  const names = Object.keys(TAPS);
  const nodes = names.map((n) => nodeName(modelJson, TAPS[n].node));
  return tf.tidy(() => {
    const input = tf.tensor4d(floats, [1, SIZE, SIZE, 3]);
    const results = model.execute(input, nodes);
    const outputs = {};
    names.forEach((n, i) => {
      const value = TAPS[n].pooled ? tf.mean(results[i], [1, 2]) : results[i];
      outputs[n] = Array.from(value.dataSync());
    });
    return outputs;
  });
}

async function main() {
  const args = parseArgs(process.argv);
  await tf.setBackend('cpu');
  await tf.ready();
  const { model, modelJson } = await loadModel(args.model);
  const cases = [];

  fs.mkdirSync(args.out, { recursive: true });
  for (const input of syntheticInputs()) {
    const file = `${input.name}.rgb`;
    fs.writeFileSync(path.join(args.out, file), input.bytes);
    const floats = Float32Array.from(input.bytes, (b) => b / 255);
    cases.push({ name: input.name, file, encoding: 'rgb8', outputs: run(model, modelJson, floats) });
    console.log(`reference for ${input.name}`);
  }
  writeReference(path.join(args.out, 'tfjs-reference.json'), cases);

  if (args.posters) {
    const posterCases = [];
    fs.mkdirSync(args['poster-out'], { recursive: true });
    for (const input of posterInputs(args.posters, Number(args['poster-count'] || 3))) {
      const file = `${input.name}.f32`;
      fs.writeFileSync(path.join(args['poster-out'], file), Buffer.from(input.floats.buffer));
      posterCases.push({ name: input.name, file, encoding: 'float32', outputs: run(model, modelJson, input.floats) });
      console.log(`reference for poster ${input.name}`);
    }
    writeReference(path.join(args['poster-out'], 'tfjs-reference.json'), posterCases);
  }
}

function writeReference(file, cases) {
  const document = {
    generator: 'scripts/tfjs-reference/reference.cjs',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    model: 'npm nsfwjs@4.3.0 dist/models/mobilenet_v2_mid',
    input: 'float32 NHWC [1, 224, 224, 3], RGB in [0, 1]; rgb8 files hold bytes b, fed as b / 255',
    cases,
  };
  fs.writeFileSync(file, `${JSON.stringify(document)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
