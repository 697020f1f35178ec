// binhdang dashboard: the only script. Sorts tables by a header click and applies the
// period and unit choosers at once; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.sortable")) {
    table.querySelectorAll("thead th").forEach((th, index) => {
      th.tabIndex = 0;
      const sort = () => sortBy(table, th, index);
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
    });
  }
  for (const id of ["choice", "unit", "poll"]) {
    const select = document.getElementById(id);
    if (select) select.addEventListener("change", () => select.form.submit());
  }
});

function cellValue(row, index, numeric) {
  const cell = row.children[index];
  const text = cell.dataset.value ?? cell.textContent.trim();
  return numeric ? parseFloat(text.replace(/\./g, "").replace(",", ".")) || 0 : text;
}

function sortBy(table, th, index) {
  const numeric = th.dataset.type === "number";
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const collator = new Intl.Collator(document.documentElement.lang || "vi");
  rows.sort((a, b) => {
    const x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
    const order = numeric ? x - y : collator.compare(x, y);
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}
