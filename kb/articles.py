"""Article model, loading and validation.

An article is `articles/<category>/<id>.md`: YAML front matter between `---`
lines, then the Markdown body. Loading validates every file and reports every
problem as `file: field: problem`, so a broken article never reaches the index.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
import yaml

from kb.sanitize import clean_html, unsafe_in_body

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The article schema: field name -> (expected kind, required). Defined once;
# validation, the index and the docs in README all follow it.
FIELDS: dict[str, tuple[str, bool]] = {
    "id": ("slug", True),
    "question": ("text", True),
    "aliases": ("text_list", False),
    # Questions that share the article's words but ask something it (and the
    # FAQ) does not answer: known non-answers, kept apart from the phrasings.
    "near_misses": ("text_list", False),
    "category": ("text", True),
    "tags": ("text_list", False),
    "calculators": ("slug_list", False),
    "related": ("slug_list", False),
    "summary": ("text", True),
    "updated": ("date", True),
}


@dataclass(frozen=True)
class Article:
    """One knowledge-base article, validated, with its body rendered to HTML."""

    id: str
    question: str
    aliases: tuple[str, ...]
    near_misses: tuple[str, ...]
    category: str
    tags: tuple[str, ...]
    calculators: tuple[str, ...]
    related: tuple[str, ...]
    summary: str
    updated: dt.date
    body: str
    html: str
    path: str


class ArticleError(Exception):
    """Raised when an article file is broken; names the file and the field."""

    def __init__(self, path: str, field: str, problem: str):
        super().__init__(f"{path}: {field}: {problem}")
        self.path = path
        self.field = field
        self.problem = problem

    def __reduce__(self):
        # Rebuilt from its parts when a worker process sends it back.
        return ArticleError, (self.path, self.field, self.problem)


class ArticleSetError(Exception):
    """Raised when loading finds broken articles; `errors` lists every one of them."""

    def __init__(self, errors: list[ArticleError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


# The C loader parses front matter several times faster than the pure-Python
# one, with the same results; PyYAML builds without libyaml fall back.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_markdown_lock = threading.Lock()


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # Building a Markdown instance costs as much as converting a short
    # article, so one is reused (reset between conversions, under a lock).
    # Tables align columns with `align`, not `style`: no style attribute is
    # ever kept by the sanitiser.
    md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html",
                           extension_configs={"extra": {"tables": {"use_align_attribute": True}}})
    # Articles are Markdown only: dropping the raw-HTML handlers makes any
    # `<tag>` in a body show as text instead of reaching the page.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _render_unsanitised(body: str) -> str:
    with _markdown_lock:
        md = _markdown()
        try:
            return md.convert(body)
        finally:
            md.reset()


def render_markdown(body: str) -> str:
    """Render an article body to sanitised HTML.

    Raw HTML in the source is escaped, not passed through; links other than
    http, https, mailto and relative ones, and attributes Markdown does not
    produce itself (such as attr_list's `{: onclick=... }`), are removed.
    """
    return clean_html(_render_unsanitised(body))


def check_body(path: str, body: str, first_line: int = 1) -> str:
    """Render a body, refusing unsafe links and attributes; returns the sanitised HTML.

    `first_line` is the file's line number of the body's first line, so the
    error names the line to fix in the file.
    """
    rendered = _render_unsanitised(body)
    unsafe = unsafe_in_body(body, rendered)
    if unsafe:
        line, problem = unsafe
        where = f"第 {line + first_line - 1} 行：" if line is not None else ""
        raise ArticleError(path, "body", where + problem)
    return clean_html(rendered)


def split_front_matter(path: str, text: str) -> tuple[dict, str]:
    """Split a file into its front-matter mapping and its body."""
    text = text.lstrip("\ufeff")
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        raise ArticleError(path, "front matter", "文件开头缺少以 --- 包围的 YAML 头信息")
    try:
        data = yaml.load(match.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"第 {where.line + 2} 行" if where is not None else ""
        raise ArticleError(path, "front matter", f"YAML 格式错误{line}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ArticleError(path, "front matter", "YAML 头信息必须是键值对")
    return data, text[match.end():]


def _check_field(path: str, name: str, kind: str, value) -> object:
    def fail(problem: str):
        raise ArticleError(path, name, problem)

    if kind in ("text", "slug"):
        if not isinstance(value, str) or not value.strip():
            fail("必须是非空文本")
        value = value.strip()
        if kind == "slug" and not ID_PATTERN.match(value):
            fail(f"「{value}」不是合法的编号（只能用小写字母、数字和连字符）")
        return value
    if kind in ("text_list", "slug_list"):
        if value is None:
            return ()
        if not isinstance(value, list):
            fail("必须是列表")
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                fail("列表中的每一项都必须是非空文本")
            item = item.strip()
            if kind == "slug_list" and not ID_PATTERN.match(item):
                fail(f"「{item}」不是合法的编号")
            if item in items:
                fail(f"「{item}」重复出现")
            items.append(item)
        return tuple(items)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        fail("必须是日期，格式 YYYY-MM-DD")
    raise AssertionError(kind)


def parse_article(path: str, text: str) -> Article:
    """Parse and validate one article file's text; raises ArticleError."""
    data, body = split_front_matter(path, text)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ArticleError(path, unknown[0], f"未知字段（允许的字段：{'、'.join(FIELDS)}）")
    values = {}
    for name, (kind, required) in FIELDS.items():
        if name not in data:
            if required:
                raise ArticleError(path, name, "缺少必填字段")
            values[name] = ()
            continue
        values[name] = _check_field(path, name, kind, data[name])
    stem = Path(path).stem
    if values["id"] != stem:
        raise ArticleError(path, "id", f"编号「{values['id']}」与文件名「{stem}.md」不一致")
    if values["id"] in values["related"]:
        raise ArticleError(path, "related", "文章不能关联自己")
    if not body.strip():
        raise ArticleError(path, "body", "正文为空")
    first_line = text.count("\n") - body.count("\n") + 1
    html = check_body(path, body, first_line)
    return Article(body=body.strip(), html=html, path=path, **values)


def phrasing_key(text: str) -> str:
    """The form in which two phrasings count as the same question.

    Spaces (ASCII and full-width) and trailing question marks are ignored.
    """
    return re.sub(r"[\s\u3000]+", "", text).rstrip("?？")


def _near_miss_clashes(articles: list[Article]) -> list[ArticleError]:
    """A near miss must not be any article's question or alias: that would label one question two ways."""
    phrasings: dict[str, tuple[Article, str]] = {}
    for article in articles:
        phrasings.setdefault(phrasing_key(article.question), (article, "问题"))
        for alias in article.aliases:
            phrasings.setdefault(phrasing_key(alias), (article, "别名"))
    errors = []
    for article in articles:
        own = {phrasing_key(p): kind for p, kind in
               [(article.question, "问题"), *((a, "别名") for a in article.aliases)]}
        for miss in article.near_misses:
            key = phrasing_key(miss)
            if key in own:
                where = f"本文的{own[key]}"
            elif key in phrasings:
                other, kind = phrasings[key]
                where = f"{other.path} 的{kind}"
            else:
                continue
            errors.append(ArticleError(
                article.path, "near_misses",
                f"「{miss}」与{where}相同：同一个问法不能既有答案又算未回答"))
    return errors


def article_paths(articles_dir: Path) -> list[Path]:
    """Return the article files under a directory, in a stable order."""
    return sorted(p for p in Path(articles_dir).glob("*/*.md") if not p.name.startswith("."))


def read_article(job: tuple[Path, str]) -> Article | ArticleError:
    """Read and parse one article file; returns its ArticleError instead of raising it.

    `job` is the file and the name errors show for it: one argument, so a
    process pool can map this over many files.
    """
    path, shown = job
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ArticleError(shown, "file", "不是 UTF-8 编码的文本")
    try:
        return parse_article(shown, text)
    except ArticleError as err:
        return err


def load_articles(articles_dir: Path, calculators: Mapping[str, Iterable[str]] | Iterable[str] = (),
                  map_files=map, paths: list[Path] | None = None) -> list[Article]:
    """Load and cross-check every article; raises ArticleSetError listing all problems.

    `calculators` are the ids articles may link to; as a mapping of each id
    to the articles that calculator cites, those articles must exist too.
    `map_files(read_article, jobs)` reads the files in order: the built-in
    map, or a process pool's imap to read them in parallel. `paths` are the
    files `article_paths(articles_dir)` lists, when the caller has listed them.
    """
    calculator_ids = set(calculators)
    articles_dir = Path(articles_dir)
    errors: list[ArticleError] = []
    articles: list[Article] = []
    seen: dict[str, str] = {}
    jobs = []
    for path in article_paths(articles_dir) if paths is None else paths:
        shown = str(path.relative_to(articles_dir.parent)) if articles_dir.parent in path.parents else str(path)
        jobs.append((path, shown))
    for result in map_files(read_article, jobs):
        if isinstance(result, ArticleError):
            errors.append(result)
            continue
        article = result
        if article.id in seen:
            errors.append(ArticleError(article.path, "id", f"编号「{article.id}」与 {seen[article.id]} 重复"))
            continue
        seen[article.id] = article.path
        articles.append(article)
    for article in articles:
        for calc in article.calculators:
            if calc not in calculator_ids:
                errors.append(ArticleError(article.path, "calculators", f"计算器「{calc}」不存在"))
        for rel in article.related:
            if rel not in seen:
                errors.append(ArticleError(article.path, "related", f"关联文章「{rel}」不存在"))
    if isinstance(calculators, Mapping):
        for calc, cited in calculators.items():
            for missing in [a for a in cited if a not in seen]:
                errors.append(ArticleError(f"计算器 {calc}", "articles", f"引用的文章「{missing}」不存在"))
    errors.extend(_near_miss_clashes(articles))
    if not articles and not errors:
        errors.append(ArticleError(str(articles_dir), "articles", "目录下没有任何文章"))
    if errors:
        raise ArticleSetError(errors)
    return articles
