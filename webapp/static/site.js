// Progressive enhancement for the help center: autocomplete on the search box.
// The pages work without this file; it only offers completions from /api/suggest.
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;

  function enhance(input) {
    var form = input.form;
    var url = input.getAttribute("data-suggest-url");
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    input.parentNode.appendChild(list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      input.value = item.text;
      close();
      form.submit();
    }

    function render(suggestions) {
      items = suggestions.slice();
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        appendMarked(option, item.text, item.marks || []);
        // mousedown, not click: it fires before the input loses focus.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      active = -1;
      if (items.length && document.activeElement === input) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (controller) { controller.abort(); }
      if (!query) { render([]); return; }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) { render(data.suggestions || []); }
        })
        .catch(function () { /* aborted or offline: the plain form still works */ });
    }

    // While a Chinese input method composes, the box holds pinyin letters:
    // ask for completions only once the characters are committed.
    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; clearTimeout(timer); });
    input.addEventListener("compositionend", function () {
      composing = false;
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) { return; }
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (composing || event.isComposing || event.keyCode === 229) { return; }
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  // The matched parts of a completion in <mark>, built as nodes (never as HTML).
  function appendMarked(parent, text, marks) {
    var last = 0;
    marks.forEach(function (span) {
      if (span[0] < last || span[1] > text.length) { return; }
      parent.appendChild(document.createTextNode(text.slice(last, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      parent.appendChild(mark);
      last = span[1];
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // "/" focuses the search box, as on most help centers, unless the merchant is typing.
  function slashFocusesSearch(event) {
    var box = document.getElementById("q");
    var target = event.target;
    if (!box || event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    event.preventDefault();
    box.focus();
    box.select();
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
    document.addEventListener("keydown", slashFocusesSearch);
    var copy = document.querySelector(".copy-link");
    if (copy && navigator.clipboard) { enableCopy(copy); }
  }

  // "复制链接" on a calculator result: the page's address holds the inputs.
  function enableCopy(button) {
    var status = button.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(location.href.split("#")[0]).then(function () {
        status.textContent = "链接已复制，可以粘贴给同事。";
      }, function () {
        status.textContent = "无法自动复制，请复制浏览器地址栏中的网址。";
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
