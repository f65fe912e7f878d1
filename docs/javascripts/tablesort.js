// Sort index tables by a column when its header is clicked (or activated from the keyboard).
// Progressive enhancement: without JavaScript the table keeps its order by name.
// Runs on every page view, including Material's instant navigation.
(function () {
  function cellValue(row, index) {
    var cell = row.cells[index];
    var time = cell && cell.querySelector("time");
    if (time) return time.getAttribute("datetime");
    var data = cell && cell.querySelector("data");
    if (data) return parseFloat(data.getAttribute("value"));
    return cell ? cell.textContent.trim().toLowerCase() : "";
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance() {
    document.querySelectorAll(".nb-sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "true";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        button.addEventListener("click", function () { sortBy(table, index, th); });
        th.textContent = "";
        th.appendChild(button);
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(enhance); // Material's page-load observable (instant navigation)
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
