"""An XSS corpus and a checker that an HTML page contains nothing executable from it."""

from html.parser import HTMLParser

VECTORS = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    "<script/src=data:,alert(1)></script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<script type="text/javascript">alert(1)</script>',
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<p onclick=alert(1)>click</p>",
    '<a href="/" onfocus=alert(1) autofocus>x</a>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    # javascript: and friends, encoded and mixed case
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    # Markdown link and image tricks
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "![img](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert(1)>",
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
    # SVG, MathML, iframes, objects
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    # style
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="expression(alert(1))">x</p>',
    # broken and nested tags
    "<img src=x onerror=alert(1)",
    '<a href="javascript:alert(1)"',
    "<<img src=x onerror=alert(1)>>",
    '<img """><script>alert(1)</script>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # vectors inside table cells
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "| a |\n|---|\n| [x](javascript:alert(1)) |",
    # vectors in a heading, which labels every cell of its column (articles/table_cards.py)
    '| <img src=x onerror=alert(1)> | "><script>alert(1)</script> | c |\n'
    "|---|---|---|\n| 1 | 2 | 3 |",
    '<table class="table-cards"><tr><td data-label=\'"><img src=x onerror=alert(1)>\' '
    "onclick=alert(1)>x</td></tr></table>",
    # template and attribute breakouts
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "{{ 7*7 }}{% debug %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "meta",
    "link",
    "frame",
    "frameset",
    "applet",
    "audio",
    "video",
    "source",
    "input",
    "textarea",
    "select",
    "details",
    "marquee",
    "noscript",
    "template",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
SITE_INPUT_TYPES = {"search", "number", "checkbox", "submit", "hidden", "text", "radio"}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        href = attributes.get("href") or ""
        site_own = (
            # the site's own deferred scripts, stylesheet, icon and GET forms
            (tag == "script" and (attributes.get("src") or "").startswith("/static/"))
            # JSON-LD data blocks are never executed; their JSON is escaped for the script
            # context (articles/structured_data.py), which the corpus tests exercise.
            or (tag == "script" and attributes.get("type") == "application/ld+json")
            or (
                tag == "link"
                and attributes.get("rel") in {"stylesheet", "icon", "canonical", "alternate"}
                and href.startswith(("/", "http://testserver/"))
            )
            or (tag == "meta" and "http-equiv" not in attributes)
            or (tag == "input" and attributes.get("type") in SITE_INPUT_TYPES)
            or tag == "select"
        )
        if tag in DANGEROUS_TAGS and not site_own:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style":
                self.problems.append(f"{tag}[style]")
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"}:
                cleaned = "".join((value or "").split()).lower()
                if cleaned.startswith(DANGEROUS_SCHEMES) or name == "srcdoc":
                    self.problems.append(f"{tag}[{name}={value!r}]")
        if tag == "form" and not (attributes.get("action") or "/").startswith("/"):
            self.problems.append(f"form[action={attributes.get('action')!r}]")


def executable_parts(html: str) -> list[str]:
    """What in this HTML could run script; [] when the page is inert."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems
