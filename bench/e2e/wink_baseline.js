// The baseline of pipeline_bench.py: wink-nlp (with its English lite web model) reads the same .txt files
// and finds sentences, tokens and entities. Prints one JSON line: documents, bytes, seconds.
'use strict';
const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

function listTexts(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTexts(p));
    else if (entry.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

const texts = listTexts(process.argv[2]).map((p) => fs.readFileSync(p, 'utf8'));
const nlp = winkNLP(model);
const its = nlp.its;
let bytes = 0;
let sink = 0;
const start = process.hrtime.bigint();
for (const text of texts) {
  bytes += Buffer.byteLength(text, 'utf8');
  const doc = nlp.readDoc(text);
  sink += doc.sentences().length() + doc.tokens().length() + doc.entities().out(its.detail).length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ documents: texts.length, bytes, seconds, checksum: sink }));
