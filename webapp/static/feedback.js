/* The editors' loop on the site: "这个回答有帮助吗？" votes (templates/_feedback.html)
 * and, after a search without an answer, which article the merchant opened
 * (navigator.sendBeacon, so the click is recorded even as the page unloads). */
(function () {
  "use strict";

  function randomToken() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function setUpVote(form) {
    var token = randomToken();
    var yes = form.querySelector(".feedback-yes");
    var no = form.querySelector(".feedback-no");
    var more = form.querySelector(".feedback-comment");
    var comment = form.querySelector("textarea");
    var thanks = form.querySelector(".feedback-thanks");
    function vote(helpful, text) {
      yes.setAttribute("aria-pressed", String(helpful));
      no.setAttribute("aria-pressed", String(!helpful));
      return fetch(form.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ article_id: form.dataset.articleId, helpful: helpful, token: token,
                               search_id: form.dataset.searchId || null, comment: text || null, channel: "page" })
      }).then(function (response) { return response.json(); })
        .then(function (reply) {
          thanks.textContent = reply && reply.ok ? "谢谢您的反馈！" : ((reply && reply.error && reply.error.message) || "反馈没有送达");
        })
        .catch(function () { thanks.textContent = "反馈没有送达，请稍后再试。"; });
    }
    yes.addEventListener("click", function () { more.hidden = true; vote(true); });
    no.addEventListener("click", function () { more.hidden = false; vote(false); comment.focus(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      vote(false, comment.value.trim()).then(function () { more.hidden = true; });
    });
    form.hidden = false;
  }

  function setUpClicks(marker) {
    var searchId = marker.dataset.searchId;
    if (!searchId || !navigator.sendBeacon) { return; }
    var links = document.querySelectorAll("main a[href]");
    var rank = 0;
    Array.prototype.forEach.call(links, function (anchor) {
      var match = /\/articles\/([^/?#]+)$/.exec(anchor.pathname);
      if (!match || anchor.origin !== location.origin) { return; }
      var position = ++rank;
      anchor.addEventListener("click", function () {
        navigator.sendBeacon(marker.dataset.endpoint, JSON.stringify({
          search_id: searchId, article_id: decodeURIComponent(match[1]), rank: position, channel: "page"
        }));
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.feedback"), setUpVote);
    var marker = document.getElementById("search-event");
    if (marker && marker.dataset.answered === "false") { setUpClicks(marker); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
