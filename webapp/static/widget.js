/* JD shipping-rules help widget. Embed with one tag:
 *   <script src="https://HOST/widget.js" async></script>
 * Optional attributes: data-title, data-position ("right" | "left"),
 * data-accent (a CSS colour), data-api-base (defaults to the script's origin).
 * Everything lives in a shadow root; the only global is window.JDShipHelp. */
(function () {
  "use strict";
  if (window.JDShipHelp) { return; }

  var DEBOUNCE_MS = 250;
  var DEFAULT_ACCENT = "#c81623";

  function findScript() {
    if (document.currentScript) { return document.currentScript; }
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(scripts[i].src)) { return scripts[i]; }
    }
    return null;
  }

  var script = findScript();
  var data = (script && script.dataset) || {};
  // Where the help center is served: the script's own address without "/widget.js"
  // (so a help center mounted under a path prefix works), unless data-api-base says otherwise.
  var scriptBase = script ? new URL(script.src, location.href).href.replace(/\/widget\.js(?:[?#].*)?$/, "") : location.origin;
  var apiBase = (data.apiBase || scriptBase).replace(/\/+$/, "");
  var title = (data.title || "发货规则帮助").slice(0, 40);
  var side = data.position === "left" ? "left" : "right";
  var accent = data.accent && !/[;{}<>\\]/.test(data.accent) && window.CSS && CSS.supports("color", data.accent)
    ? data.accent : DEFAULT_ACCENT;

  // The host page's important rules lose to ours (inner context wins for !important),
  // and `all: initial` stops inherited fonts and colours from leaking in.
  var CSS_TEXT = [
    ":host{all:initial!important;display:block!important;position:fixed!important;",
    "z-index:2147483000!important;bottom:20px!important;" + side + ":20px!important;",
    "top:auto!important;" + (side === "left" ? "right" : "left") + ":auto!important;",
    "width:auto!important;height:auto!important;margin:0!important;padding:0!important;",
    "visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important;",
    "clip-path:none!important;pointer-events:auto!important;contain:none!important;",
    "font:14px/1.6 system-ui,-apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei',",
    "'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif!important;color:#1f2329!important;",
    "text-align:left!important;direction:ltr!important;}",
    "@media (max-width:480px){:host{bottom:12px!important;" + side + ":12px!important;}}",
    "*,*::before,*::after{box-sizing:border-box;}",
    "[hidden]{display:none!important;}",
    "button,input{font:inherit;color:inherit;margin:0;}",
    "a{color:#0b57b0;text-underline-offset:2px;}",
    ":focus-visible{outline:3px solid #1a5fb4;outline-offset:2px;}",
    ".launcher{display:inline-flex;align-items:center;gap:8px;height:48px;padding:0 18px 0 12px;",
    "border:0;border-radius:24px;background:" + accent + ";color:#fff;font-size:15px;font-weight:600;",
    "cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.22);}",
    ".launcher:hover{filter:brightness(1.08);}",
    ".mark{display:inline-grid;place-items:center;width:26px;height:26px;border-radius:50%;",
    "background:#fff;color:" + accent + ";font-weight:700;font-size:16px;line-height:1;}",
    ".panel{position:absolute;bottom:60px;" + side + ":0;display:flex;flex-direction:column;",
    "width:380px;max-width:calc(100vw - 24px);max-height:min(580px,calc(100vh - 100px));",
    "background:#fff;border:1px solid #e3e5e8;border-radius:12px;overflow:hidden;",
    "box-shadow:0 12px 40px rgba(0,0,0,.25);}",
    ".head{display:flex;align-items:center;justify-content:space-between;gap:8px;",
    "padding:10px 10px 10px 16px;background:" + accent + ";color:#fff;}",
    ".title{margin:0;font-size:16px;font-weight:600;}",
    ".close{width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:#fff;",
    "font-size:22px;line-height:1;cursor:pointer;}",
    ".close:hover{background:rgba(255,255,255,.18);}",
    ".close:focus-visible{outline-color:#fff;outline-offset:-3px;}",
    ".search{padding:12px 16px;border-bottom:1px solid #e3e5e8;}",
    ".search input{width:100%;height:44px;padding:0 12px;font-size:16px;border:2px solid #c9ccd1;",
    "border-radius:8px;background:#fff;outline-offset:1px;}",
    ".search input:focus{border-color:" + accent + ";}",
    ".body{flex:1 1 auto;overflow-y:auto;padding:12px 16px;overscroll-behavior:contain;}",
    ".status{margin:0 0 8px;color:#5c6370;font-size:13px;}",
    ".answer{border:1px solid #f0c2c5;border-top:3px solid " + accent + ";border-radius:10px;",
    "padding:10px 12px;margin:0 0 12px;}",
    ".label{display:inline-block;margin:0 0 4px;padding:0 6px;border-radius:4px;",
    "background:#fdf0f0;color:#a3111c;font-size:12px;font-weight:600;}",
    ".answer-q{display:flex;align-items:center;min-height:44px;font-weight:600;font-size:15px;color:#1f2329;text-decoration:none;}",
    ".answer-q:hover{text-decoration:underline;}",
    ".summary{margin:6px 0 8px;}",
    ".calc{margin:8px 0;padding:8px;border:1px solid #ddd;overflow-wrap:anywhere}.calc p{margin:0 0 6px}",
    ".actions{display:flex;flex-wrap:wrap;gap:6px;}",
    ".btn{display:inline-flex;align-items:center;min-height:44px;box-sizing:border-box;padding:4px 12px;border-radius:6px;border:1px solid #f0c2c5;",
    "background:#fdf0f0;color:#a3111c;font-size:13px;font-weight:600;text-decoration:none;}",
    ".btn-main{background:" + accent + ";border-color:" + accent + ";color:#fff;}",
    ".list-title{margin:4px 0 6px;font-size:13px;font-weight:600;color:#5c6370;}",
    ".list{margin:0;padding:0;list-style:none;}",
    ".list li{padding:8px 0;border-top:1px dashed #e3e5e8;}",
    ".list a{display:flex;align-items:center;min-height:44px;font-weight:600;}",
    ".snippet{margin:2px 0 0;color:#5c6370;font-size:13px;}",
    "mark{background:#fff0a8;color:inherit;padding:0 1px;border-radius:2px;}",
    ".foot a{display:inline-flex;align-items:center;min-height:44px;}",
    ".foot{padding:0 16px;border-top:1px solid #e3e5e8;font-size:13px;background:#f6f7f9;}",
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}",
    ".fb{margin:10px 0 0;padding-top:8px;border-top:1px dashed #e3e5e8;font-size:13px;}",
    ".fb button{min-height:44px;margin:0 0 0 6px;padding:4px 12px;border:1px solid #c9ccd1;border-radius:6px;background:#fff;cursor:pointer;}",
    ".fb button[aria-pressed=true]{border-color:" + accent + ";font-weight:600;}",
    ".fb textarea{display:block;width:100%;min-height:60px;margin:6px 0;font:inherit;}.fb-thanks{margin:6px 0 0;}"
  ].join("");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = text; }
    return node;
  }

  // Only http(s) URLs, resolved against the API's address, ever become links.
  function link(url, className, text) {
    var a = el("a", className, text);
    var href;
    try { href = new URL(String(url), apiBase + "/"); } catch (e) { href = null; }
    if (href && /^https?:$/.test(href.protocol)) {
      a.href = href.href;  // the API's paths already carry any prefix the help center is mounted under
    }
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
  function decode(text) {
    return text.replace(/<[^>]*>/g, "").replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (m, ref) {
      if (ref.charAt(0) === "#") {
        var code = ref.charAt(1).toLowerCase() === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, ref.toLowerCase()) ? ENTITIES[ref.toLowerCase()] : m;
    });
  }

  // Rebuild the server's snippet from text and <mark> highlights only; no other markup survives.
  function snippet(html) {
    var p = el("p", "snippet");
    String(html).split(/(<mark>[\s\S]*?<\/mark>)/i).forEach(function (part) {
      var m = /^<mark>([\s\S]*)<\/mark>$/i.exec(part);
      if (m) { p.appendChild(el("mark", null, decode(m[1]))); } else if (part) { p.appendChild(document.createTextNode(decode(part))); }
    });
    return p;
  }

  var host = el("jd-ship-help");
  var root = host.attachShadow({ mode: "open" });
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el("style", null, CSS_TEXT));
  }

  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", "打开" + title);
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "panel");
  var markIcon = el("span", "mark", "?");
  markIcon.setAttribute("aria-hidden", "true");
  launcher.appendChild(markIcon);
  launcher.appendChild(el("span", null, "帮助"));

  var panel = el("div", "panel");
  panel.id = "panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);

  var head = el("div", "head");
  head.appendChild(el("h2", "title", title));
  var closeButton = el("button", "close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", "关闭帮助");
  head.appendChild(closeButton);

  var searchBox = el("div", "search");
  var label = el("label", "vh", "输入您的发货问题");
  label.htmlFor = "q";
  var input = el("input");
  input.id = "q";
  input.type = "search";
  input.autocomplete = "off";
  input.placeholder = "输入问题，如：预售商品没货怎么办";
  input.setAttribute("enterkeyhint", "search");
  searchBox.appendChild(label);
  searchBox.appendChild(input);

  var body = el("div", "body");
  var status = el("p", "status", "用自己的话描述问题，边输入边给出答案。");
  status.setAttribute("role", "status");
  var results = el("div", "results");
  body.appendChild(status);
  body.appendChild(results);

  var foot = el("div", "foot");
  var centerLink = link("/", null, "打开帮助中心");
  foot.appendChild(centerLink);

  panel.appendChild(head);
  panel.appendChild(searchBox);
  panel.appendChild(body);
  panel.appendChild(foot);
  root.appendChild(panel);
  root.appendChild(launcher);

  // answer.calculations (issue 15): the calculators filled in from the question.
  function calculations(items, box) {
    (items || []).forEach(function (c) {
      var d = el("div", "calc"), miss = c.complete ? "" : c.missing.map(function (m) { return m.label; }).join("、");
      [c.title, c.headline || c.note, c.read_text, miss && "还缺：" + miss].forEach(function (t) { if (t) { d.appendChild(el("p", "", t)); } });
      d.appendChild(link(c.url, "btn", c.complete ? "查看计算过程" : "填写计算器（已填好读到的数字）"));
      box.appendChild(d);
    });
  }

  function calculatorButtons(calculators, container) {
    (calculators || []).forEach(function (calc) {
      container.appendChild(link(calc.url, "btn", "计算器：" + calc.title));
    });
  }

  function listSection(heading, items) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("p", "list-title", heading));
    var ul = el("ul", "list");
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(link(item.url, null, item.question));
      if (item.snippet) { li.appendChild(snippet(item.snippet)); }
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    return frag;
  }

  // The editors' loop: votes under the answer, clicks after no answer (POST /api/feedback[/click]).
  // text/plain needs no preflight; credentials are omitted.
  function sendFeedback(path, fields) {
    fields.channel = "widget";
    return fetch(apiBase + "/api/feedback" + path, { method: "POST", credentials: "omit", keepalive: true,
      body: JSON.stringify(fields), headers: { "Content-Type": "text/plain" } }).then(function (r) { return r.json(); });
  }

  function feedbackBox(articleId, searchId) {
    var box = el("div", "fb"), form = el("form"), note = el("textarea"), thanks = el("p", "fb-thanks");
    var token = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b + 256).toString(16).slice(1); }).join("");
    var label = el("label", null, "哪里没帮到您？（可选，最多 300 字）");
    var yes = el("button", null, "有帮助"), no = el("button", null, "没帮助"), submit = el("button", null, "提交说明");
    box.appendChild(el("span", null, "这个回答有帮助吗？"));
    [yes, no].forEach(function (b) { b.type = "button"; b.setAttribute("aria-pressed", "false"); box.appendChild(b); });
    note.maxLength = 300;
    label.appendChild(note);
    form.appendChild(label);
    form.appendChild(submit);
    form.hidden = true;
    box.appendChild(form);
    thanks.setAttribute("role", "status");
    box.appendChild(thanks);
    function vote(helpful, comment) {
      yes.setAttribute("aria-pressed", String(helpful));
      no.setAttribute("aria-pressed", String(!helpful));
      return sendFeedback("", { article_id: articleId, helpful: helpful, token: token, search_id: searchId || null, comment: comment || null })
        .then(function (r) { thanks.textContent = r.ok ? "谢谢您的反馈！" : r.error.message; },
              function () { thanks.textContent = "反馈没有送达，请稍后再试。"; });
    }
    yes.addEventListener("click", function () { form.hidden = true; vote(true); });
    no.addEventListener("click", function () { form.hidden = false; vote(false); note.focus(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      vote(false, note.value.trim()).then(function () { form.hidden = true; });
    });
    return box;
  }

  function render(payload) {
    results.textContent = "";
    var answer = payload.answer;
    if (answer) {
      status.textContent = "找到了直接回答。";
      var card = el("section", "answer");
      card.setAttribute("aria-label", "直接回答");
      card.appendChild(el("p", "label", "直接回答"));
      card.appendChild(link(answer.url, "answer-q", answer.question));
      card.appendChild(el("p", "summary", answer.summary));
      calculations(answer.calculations, card);
      var actions = el("div", "actions");
      actions.appendChild(link(answer.url, "btn btn-main", "查看完整解答"));
      calculatorButtons(answer.calculators, actions);
      card.appendChild(actions);
      card.appendChild(feedbackBox(answer.id, payload.search_id));
      results.appendChild(card);
    }
    // What to show besides the answer is the server's decision (`also`); the widget only renders it.
    var also = payload.also || { kind: "none", items: [] };
    if (!answer) {
      status.textContent = also.kind === "none"
        ? "这个问题不在帮助中心收录的范围内（这里收录的是商家发货规则）。"
        : "没有找到能直接回答的文章，可以换个说法试试。";
      if (payload.support_url) {
        var support = el("p", "support");
        support.appendChild(link(payload.support_url, "btn", "联系人工客服"));
        results.appendChild(support);
      }
    }
    var headings = { related: "其他相关问题", did_you_mean: "您是不是想问" };
    if (headings[also.kind] && also.items.length) {
      results.appendChild(listSection(headings[also.kind], also.items));
    }
    if (!answer && payload.search_id) {
      results.querySelectorAll(".list a").forEach(function (a, i) {
        var id = /\/articles\/([^/?#]+)/.exec(a.pathname);
        if (id) { a.addEventListener("click", function () { sendFeedback("/click", { search_id: payload.search_id, article_id: decodeURIComponent(id[1]), rank: i + 1 }).catch(function () {}); }); }
      });
    }
  }

  var timer = null;
  var controller = null;
  var sequence = 0;
  var lastQuery = "";

  // How many results to show comes from the server's settings (GET /api/limits), asked once.
  var limitsRequest = null;
  function serverLimits() {
    if (!limitsRequest) {
      limitsRequest = fetch(apiBase + "/api/limits", { credentials: "omit", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (payload) {
          if (!payload || !payload.ok) { throw new Error("limits"); }
          return payload.limits;
        })
        .catch(function (error) { limitsRequest = null; throw error; });
    }
    return limitsRequest;
  }

  function search(query) {
    query = String(query == null ? input.value : query).trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    clearTimeout(timer);
    if (controller) { controller.abort(); controller = null; }
    var mine = ++sequence;
    centerLink.href = apiBase + (query ? "/search?q=" + encodeURIComponent(query) : "/");
    if (!query) {
      results.textContent = "";
      status.textContent = "用自己的话描述问题，边输入边给出答案。";
      return;
    }
    // Too long a question gets the server's own message (its limit is a setting).
    status.textContent = "正在查找…";
    body.setAttribute("aria-busy", "true");
    controller = typeof AbortController === "function" ? new AbortController() : null;
    var signal = controller ? controller.signal : undefined;
    serverLimits()
      .then(function (limits) {
        return fetch(apiBase + "/api/search?q=" + encodeURIComponent(query) + "&limit=" + limits.widget_limit + "&channel=widget", {
          credentials: "omit",
          headers: { "Accept": "application/json" },
          signal: signal
        });
      })
      .then(function (response) { return response.json(); })
      .then(function (payload) {
        if (mine !== sequence) { return; }
        body.removeAttribute("aria-busy");
        if (payload && payload.ok) {
          render(payload);
        } else {
          results.textContent = "";
          status.textContent = (payload && payload.error && payload.error.message) || "暂时无法搜索，请稍后再试。";
        }
      })
      .catch(function (error) {
        if (mine !== sequence || (error && error.name === "AbortError")) { return; }
        body.removeAttribute("aria-busy");
        lastQuery = "";
        status.textContent = "暂时无法连接帮助中心，请稍后再试。";
      });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "关闭" + title);
    input.focus();
  }

  function close(returnFocus) {
    if (panel.hidden) { return; }
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "打开" + title);
    if (returnFocus !== false) { launcher.focus(); }
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  closeButton.addEventListener("click", function () { close(); });
  // While a Chinese input method composes, the box holds pinyin letters (yushou):
  // search only once the characters are committed (compositionend).
  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; clearTimeout(timer); });
  input.addEventListener("compositionend", function () {
    composing = false;
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  });
  input.addEventListener("input", function (event) {
    if (composing || event.isComposing) { return; }
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", function (event) {
    if (event.isComposing || composing || event.keyCode === 229) { return; }
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
  // "/" opens the panel only on hosts that opt in with data-shortcut="/": the
  // host page may use "/" itself.
  if (data.shortcut === "/") {
    document.addEventListener("keydown", function (event) {
      var target = event.composedPath ? event.composedPath()[0] : event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) { return; }
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
      event.preventDefault();
      open();
    });
  }
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });

  // Under <html>, not <body>: body-wide rules and transforms on body cannot reach it.
  function mount() { document.documentElement.appendChild(host); }
  if (document.documentElement) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }

  window.JDShipHelp = Object.freeze({
    version: "1.0.0",
    open: open,
    close: close,
    toggle: function () { if (panel.hidden) { open(); } else { close(); } },
    ask: function (question) { open(); input.value = String(question); search(); }
  });
})();
