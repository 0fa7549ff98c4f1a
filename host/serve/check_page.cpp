#include <factpipe/serve/check_page.hpp>

namespace factpipe::serve {

// Plain HTML and a little script, no external resources: the service never reaches out, nor does its page.
// A dropped or chosen web page (.html, .htm, .html.gz) is sent as it is (Content-Type text/html, its bytes
// untouched whatever their charset) and the service extracts its article as `factpipe run` does.
// The report comes back as the HTML report `factpipe run --format html` writes and is shown in a sandboxed
// frame (no scripts run in it; the page reads its height).
const std::string& check_page_html() {
  static const std::string page = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factpipe: check an article</title>
<style>
  body { font: 16px/1.45 system-ui, sans-serif; margin: 0; background: #f6f6f4; color: #1d1d1b; }
  header, main { max-width: 70rem; margin: 0 auto; padding: 0 1rem; }
  header h1 { font-size: 1.4rem; margin: 1.2rem 0 0.2rem; }
  header p { margin: 0 0 1rem; color: #555; }
  form { display: grid; gap: 0.6rem; }
  label { font-weight: 600; font-size: 0.9rem; }
  input[type=text], input[type=password], textarea { width: 100%; box-sizing: border-box; font: inherit;
    padding: 0.45rem; border: 1px solid #bbb; border-radius: 4px; background: #fff; }
  textarea { min-height: 16rem; resize: vertical; }
  textarea.drop { outline: 3px dashed #2b6cb0; }
  .row { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; }
  .row > div { flex: 1 1 14rem; }
  button { font: inherit; font-weight: 600; padding: 0.5rem 1.4rem; border: 0; border-radius: 4px;
    background: #2b6cb0; color: #fff; cursor: pointer; }
  button:disabled { background: #8aa9cc; cursor: wait; }
  #status { color: #555; min-height: 1.4em; }
  #error { color: #9b1c1c; white-space: pre-wrap; min-height: 1.4em; }
  iframe { width: 100%; min-height: 30rem; border: 1px solid #ccc; background: #fff; margin: 1rem 0 3rem; }
</style>
</head>
<body>
<header>
  <h1>Check an article</h1>
  <p>Paste the text of a news article, or drop a saved web page (.html) or a .txt file on the box. The
     claims, quotations and the evidence found for each claim appear below. Nothing leaves this service.</p>
</header>
<main>
  <form id="form">
    <div class="row">
      <div><label for="doc-id">Name (optional)</label><input type="text" id="doc-id" placeholder="article"></div>
      <div><label for="title">Title (optional)</label><input type="text" id="title"></div>
      <div><label for="file">Or open a file</label>
        <input type="file" id="file" accept=".html,.htm,.gz,.txt,text/html,text/plain"></div>
    </div>
    <label for="text">Article text</label>
    <textarea id="text" placeholder="Paste the article here, or drop a web page (.html) or a .txt file"></textarea>
    <div class="row">
      <div><label for="token">Access token (when the service needs one)</label>
        <input type="password" id="token" autocomplete="off"></div>
      <div><button type="submit" id="check">Check</button></div>
    </div>
    <div id="status" role="status"></div>
    <div id="error" role="alert"></div>
  </form>
  <iframe id="report" title="report" sandbox="allow-same-origin" hidden></iframe>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const text = $("text"), status = $("status"), error = $("error"), report = $("report"), button = $("check");

// A web page chosen or dropped: its bytes, sent as they are when Check is pressed (pasting text drops it).
let page = null;
const isPage = (file) => /\.(html?|html?\.gz)$/i.test(file.name) || file.type === "text/html";
const isText = (file) => /\.txt$/i.test(file.name) || file.type === "text/plain";
const stem = (name) => name.replace(/\.(txt|html?|html?\.gz)$/i, "");

function loadFile(file) {
  if (!file) return;
  if (!isPage(file) && !isText(file)) {
    error.textContent = file.name + ": only web pages (.html, .htm, .html.gz) and .txt files can be read here";
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    if (!$("doc-id").value) $("doc-id").value = stem(file.name);
    error.textContent = "";
    if (isPage(file)) {
      page = { name: file.name, bytes: reader.result };
      text.value = "";
      status.textContent = file.name + ": a web page of " + Math.ceil(reader.result.byteLength / 1024) +
        " KB; its article is extracted when you press Check (or paste text instead)";
    } else {
      page = null;
      text.value = reader.result;
      status.textContent = file.name + ": " + text.value.length + " characters";
    }
  };
  reader.onerror = () => { error.textContent = file.name + ": cannot read the file"; };
  if (isPage(file)) reader.readAsArrayBuffer(file); else reader.readAsText(file);
}
$("file").addEventListener("change", (e) => loadFile(e.target.files[0]));
text.addEventListener("input", () => { if (page && text.value) { page = null; status.textContent = ""; } });
text.addEventListener("dragover", (e) => { e.preventDefault(); text.classList.add("drop"); });
text.addEventListener("dragleave", () => text.classList.remove("drop"));
text.addEventListener("drop", (e) => {
  e.preventDefault();
  text.classList.remove("drop");
  if (e.dataTransfer.files.length) loadFile(e.dataTransfer.files[0]);
});

report.addEventListener("load", () => {
  const doc = report.contentDocument;
  if (doc && doc.documentElement) report.style.height = (doc.documentElement.scrollHeight + 20) + "px";
});

$("form").addEventListener("submit", async (e) => {
  e.preventDefault();
  error.textContent = "";
  if (!page && !text.value.trim()) { error.textContent = "Paste an article or drop a web page first."; return; }
  const id = $("doc-id").value.trim();
  let url = "v1/check?format=html", headers = {}, body;
  if (page) {
    // The page's own bytes: the service finds the charset, the article, its title and authors.
    headers["Content-Type"] = "text/html";
    body = page.bytes;
    if (id) url += "&id=" + encodeURIComponent(id);
  } else {
    const doc = { text: text.value };
    if (id) doc.id = id;
    if ($("title").value.trim()) doc.meta = { title: $("title").value.trim() };
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(doc);
  }
  if ($("token").value) headers["Authorization"] = "Bearer " + $("token").value;
  button.disabled = true;
  status.textContent = "Checking…";
  const started = performance.now();
  try {
    const res = await fetch(url, { method: "POST", headers, body });
    const answer = await res.text();
    if (!res.ok) {
      let message = answer;
      try { message = JSON.parse(answer).error; } catch (_) {}
      error.textContent = "Error " + res.status + ": " + message;
      status.textContent = "";
      return;
    }
    report.hidden = false;
    report.srcdoc = answer;
    status.textContent = "Checked in " + ((performance.now() - started) / 1000).toFixed(1) + " s.";
  } catch (err) {
    error.textContent = "The service did not answer: " + err;
    status.textContent = "";
  } finally {
    button.disabled = false;
  }
});
</script>
</body>
</html>
)HTML";
  return page;
}

}  // namespace factpipe::serve
