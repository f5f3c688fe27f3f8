// Tap counters for the spot survey: each "+1" adds one vehicle to its class.
(function () {
  document.querySelectorAll(".p-plus").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-target"));
      var n = parseInt(input.value, 10);
      input.value = String((isNaN(n) ? 0 : n) + 1);
    });
  });
})();
