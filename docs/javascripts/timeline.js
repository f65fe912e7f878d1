// Filter a timeline by entity without leaving the page. Progressive enhancement:
// without JavaScript the full timeline is shown. Runs on every (instant) page view.
(function () {
  function enhance() {
    document.querySelectorAll(".nb-timeline[data-entities]").forEach(function (timeline) {
      if (timeline.dataset.enhanced) return;
      timeline.dataset.enhanced = "true";
      var label = document.createElement("label");
      label.textContent = "Show only: ";
      var select = document.createElement("select");
      select.appendChild(new Option("everyone", ""));
      timeline.dataset.entities.split("|").forEach(function (pair) {
        var parts = pair.split("=");
        select.appendChild(new Option(parts.slice(1).join("="), parts[0]));
      });
      select.addEventListener("change", function () {
        timeline.querySelectorAll(".nb-tl-item").forEach(function (marker) {
          var ids = marker.dataset.entities.split(" ");
          marker.closest("li").hidden = select.value !== "" && ids.indexOf(select.value) < 0;
        });
      });
      label.appendChild(select);
      label.className = "nb-timeline-filter";
      timeline.insertBefore(label, timeline.firstChild);
    });
  }
  if (window.document$) window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();
