// Names for Material's widgets that screen readers would otherwise announce without one.
(function () {
  function name() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }
  if (window.document$) window.document$.subscribe(name);
  else document.addEventListener("DOMContentLoaded", name);
})();
