// The batch page: send the files to /v1/batch, read the JSONL stream as reports finish (progress),
// show a ranked, sortable table (each report one click away) and offer CSV, XLSX and JSONL.
"use strict";
(function () {
  const form = document.getElementById("batch-form");
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const label = document.getElementById("file-name");
  const table = document.getElementById("ranked");
  const body = table.querySelector("tbody");
  const progress = document.getElementById("progress");
  const status = document.getElementById("status");
  const problem = document.getElementById("problem");
  let reports = [];
  let sortKey = "rank";
  let descending = false;

  const show = () => {
    const n = input.files.length;
    const names = Array.from(input.files, (f) => f.name);
    // One file: the input shows its name; several: list them (the input only counts them).
    label.textContent = n < 2 ? "" : n > 4 ? names.slice(0, 4).join(", ") + " and " + (n - 4) + " more" : names.join(", ");
  };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => {
    e.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });

  // The library's ranking comes from /v1/rank once every report is in; until then the rows are
  // shown by score, unranked.
  let order = null;

  function ranked() {
    if (order) return order.map((o) => ({ r: reports[o.position], rank: o.rank, note: o.note }));
    const byScore = reports.slice().sort((a, b) => (b.score ? b.score.overall : -1) - (a.score ? a.score.overall : -1));
    return byScore.map((r) => ({ r, rank: null, note: "" }));
  }

  function row(item) {
    const r = item.r;
    const held = (r.credentials || []).filter((c) => c.status === "held" || c.status === "apprentice");
    let note = "";
    if (r.error) note = r.error.code + ": " + r.error.message;
    else if (item.note) note = item.note;
    else if (r.match && r.match.missing.length) {
      const m = r.match.missing;
      note = "missing: " + m.slice(0, 3).join(", ") + (m.length > 3 ? " and " + (m.length - 3) + " more" : "");
    }
    else if (r.domain && !r.domain.medical_coding) note = "not a medical-coding resume";
    if (r.duplicate_of && r.duplicate_of.length) note += (note ? "; " : "") + "duplicate of " + r.duplicate_of.join("; ");
    return {
      rank: item.rank, name: (r.candidate && r.candidate.name) || r.file,
      stage: r.stage ? r.stage.level : "error", score: r.score ? r.score.overall : null,
      fit: r.match ? r.match.score : null, years: r.error ? null : r.experience.years,
      credentials: held.map((c) => c.id).join(" "), note, report: r,
    };
  }

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function render() {
    const rows = ranked().map(row);
    if (sortKey !== "rank" || descending) rows.sort((a, b) => {
      const x = a[sortKey], y = b[sortKey];
      if (x === y) return 0;
      if (x === null || x === "") return 1;
      if (y === null || y === "") return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
    const fit = reports.some((r) => r.match);
    table.querySelectorAll(".fit-col").forEach((th) => { th.hidden = !fit; });
    body.replaceChildren();
    for (const r of rows) {
      const tr = document.createElement("tr");
      if (r.report.error) tr.className = "error";
      cell(tr, r.rank === null ? (order ? "–" : "…") : r.rank, "num");
      cell(tr, r.name);
      cell(tr, r.stage);
      cell(tr, r.score, "num score");
      if (fit) cell(tr, r.fit, "num");
      cell(tr, r.years, "num");
      cell(tr, r.credentials);
      cell(tr, r.note, "mute");
      const td = document.createElement("td");
      const open = document.createElement("button");
      open.type = "button";
      open.textContent = "Report";
      open.addEventListener("click", () => {
        const f = document.getElementById("open-report");
        f.elements.report.value = JSON.stringify(r.report);
        f.submit();
      });
      td.appendChild(open);
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  table.querySelectorAll("th[data-key]").forEach((th) => th.addEventListener("click", () => {
    const key = th.dataset.key;
    descending = key === sortKey ? !descending : ["score", "fit", "years"].includes(key);
    sortKey = key;
    table.querySelectorAll("th[data-key]").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    render();
  }));

  function jsonl() { return reports.map((r) => JSON.stringify(r)).join("\n") + "\n"; }

  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  document.querySelectorAll("[data-export]").forEach((b) => b.addEventListener("click", async () => {
    const fmt = b.dataset.export;
    if (fmt === "jsonl") { save(new Blob([jsonl()], { type: "application/x-ndjson" }), "candidates.jsonl"); return; }
    const res = await fetch("/v1/export/" + fmt, { method: "POST", body: jsonl(), headers: { "Content-Type": "application/x-ndjson" } });
    if (!res.ok) { problem.textContent = "Export failed (" + res.status + ")"; problem.hidden = false; return; }
    save(await res.blob(), "candidates." + fmt);
  }));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    problem.hidden = true;
    if (!input.files.length) { problem.textContent = "Choose at least one resume or a .zip."; problem.hidden = false; return; }
    const data = new FormData();
    for (const f of input.files) data.append(f.name.toLowerCase().endsWith(".zip") ? "zip" : "files", f);
    const job = document.getElementById("job").files[0];
    if (job) data.append("job", job);
    if (form.elements.as_of.value) data.append("as_of", form.elements.as_of.value);
    const button = document.getElementById("run");
    button.disabled = true;
    reports = [];
    order = null;
    document.getElementById("results").hidden = false;
    document.getElementById("downloads").hidden = true;
    status.textContent = "Sending…";
    try {
      const res = await fetch("/v1/batch", { method: "POST", body: data });
      if (!res.ok) {
        const err = await res.json().catch(() => ({ error: { message: res.statusText } }));
        throw new Error(err.error ? err.error.message : res.statusText);
      }
      const total = Number(res.headers.get("X-Batch-Total")) || 1;
      const skipped = JSON.parse(res.headers.get("X-Batch-Skipped") || "[]");
      const note = document.getElementById("skipped");
      note.hidden = !skipped.length;
      note.textContent = skipped.length ? "Skipped: " + skipped.map((s) => s.name + " (" + s.reason + ")").join("; ") : "";
      progress.max = total;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (value) buffer += decoder.decode(value, { stream: true });
        let nl;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) reports.push(JSON.parse(line));
        }
        progress.value = reports.length;
        status.textContent = "Analysed " + reports.length + " of " + total;
        render();
        if (done) break;
      }
      const ranking = await fetch("/v1/rank", { method: "POST", body: jsonl(), headers: { "Content-Type": "application/x-ndjson" } });
      if (ranking.ok) { order = await ranking.json(); render(); }
      const failed = reports.filter((r) => r.error).length;
      status.textContent = reports.length + " analysed" + (failed ? ", " + failed + " could not be read" : "");
      document.getElementById("downloads").hidden = false;
    } catch (err) {
      status.textContent = "Stopped";
      problem.textContent = err.message;
      problem.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();
