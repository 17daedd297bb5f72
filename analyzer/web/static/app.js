// The single-resume page: a dropped file goes into the form's file input and the form is sent.
"use strict";
(function () {
  const drop = document.getElementById("drop");
  const input = document.getElementById("file");
  const form = document.getElementById("one-form");
  if (!drop || !input || !form) return;
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => {
    e.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (!e.dataTransfer.files.length) return;
    input.files = e.dataTransfer.files;
    form.requestSubmit();
  });
  form.addEventListener("submit", () => {
    const button = document.getElementById("analyse");
    button.disabled = true;
    button.textContent = "Analysing…";
  });
})();
