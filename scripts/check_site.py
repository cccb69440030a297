"""Load every page of the built docs site in headless Chromium and check what a reader would see.

    python scripts/check_site.py [SITE] [--expect _site_src/expect.json] [--require-figures beats,align]

For each page Chromium renders (after its scripts ran) the DOM is read back: the page must show the API blocks
(`div.api` with a heading and a signature), the figures (`img.nb-figure`, decoded by the browser: natural width > 0)
and the output tables (`div.nb-table`) that scripts/nb2md.py put in it, and every internal link (page and anchor) must resolve. Exits 1 on any failure.
"""
import argparse, json, re, shutil, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse, unquote

# injected into a temporary copy of each page: records whether every image really decoded
PROBE = ('<script>window.addEventListener("load",()=>{for(const i of document.images)'
         '{i.setAttribute("data-natural-width",i.naturalWidth)}document.body.setAttribute("data-probe","done")})</script>')


def chromium():
    for c in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(c): return c
    sys.exit('error: no chromium found (Debian: apt-get install -y chromium)')


class DOM(HTMLParser):
    "ids, links, API blocks, figures of a rendered page"
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.figures, self.api, self.probe = set(), [], [], [], False
        self.tables, self._tab_depth = 0, None
        self._api_depth, self._div_depth, self._cur = None, 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        if tag == 'a' and 'name' in a: self.ids.add(a['name'])
        if tag == 'body' and a.get('data-probe') == 'done': self.probe = True
        if tag == 'a' and a.get('href'): self.links.append(a['href'])
        if tag == 'img' and 'nb-figure' in (a.get('class') or '').split():
            self.figures.append((a.get('src'), int(a.get('data-natural-width') or 0)))
        if tag == 'div':
            self._div_depth += 1
            if 'nb-table' in (a.get('class') or '').split() and self._tab_depth is None: self._tab_depth = self._div_depth
            if 'api' in (a.get('class') or '').split() and self._api_depth is None:
                self._api_depth, self._cur = self._div_depth, {'heading': None, 'code': False}
        if tag == 'table' and self._tab_depth is not None: self.tables += 1
        if self._cur is not None:
            if tag in ('h2', 'h3', 'h4') and self._cur['heading'] is None: self._cur['heading'] = a.get('id')
            if tag in ('pre', 'code'): self._cur['code'] = True

    def handle_endtag(self, tag):
        if tag == 'div':
            if self._tab_depth == self._div_depth: self._tab_depth = None
            if self._api_depth == self._div_depth:
                self.api.append(self._cur)
                self._api_depth, self._cur = None, None
            self._div_depth -= 1


def render(browser, page):
    r = subprocess.run([browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                        '--allow-file-access-from-files', '--virtual-time-budget=5000', '--dump-dom', page.as_uri()],
                       capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout


def main(site, expect=None, require_figures='', require_tables=''):
    site = Path(site).resolve()
    pages = sorted(p for p in site.glob('*.html') if p.name != '404.html')
    if not pages: sys.exit(f'error: {site}: no pages (build the site first: scripts/build_docs.sh)')
    exp = json.loads(Path(expect).read_text()) if expect else {}
    browser = chromium()
    tmp = Path(tempfile.mkdtemp(prefix='editorbot-site-check-'))
    try:
        copy = tmp / 'site'
        shutil.copytree(site, copy)
        for p in pages:
            f = copy / p.name
            f.write_text(f.read_text().replace('</body>', PROBE + '</body>', 1))
        with ThreadPoolExecutor(2) as ex: done = list(ex.map(lambda p: render(browser, copy / p.name), pages))
    finally: shutil.rmtree(tmp, ignore_errors=True)
    doms, errors = {}, []
    for p, (rc, html) in zip(pages, done):
        d = DOM()
        d.feed(html)
        doms[p.name] = d
        if rc != 0 or not d.probe: errors.append(f'{p.name}: Chromium did not finish loading the page (rc {rc})')
    n_api = n_fig = n_links = 0
    for p in pages:
        d, e = doms[p.name], exp.get(p.stem, {})
        bad_api = [a['heading'] for a in d.api if not (a['heading'] and a['code'])]
        if bad_api: errors.append(f'{p.name}: API blocks without a heading or a signature: {bad_api}')
        if len(d.api) < e.get('api', 0): errors.append(f'{p.name}: {len(d.api)} API blocks shown, {e["api"]} expected')
        if len(d.figures) < e.get('figures', 0): errors.append(f'{p.name}: {len(d.figures)} figures shown, {e["figures"]} expected')
        if d.tables < e.get('tables', 0): errors.append(f'{p.name}: {d.tables} output tables shown, {e["tables"]} expected')
        for src, w in d.figures:
            if w <= 0: errors.append(f'{p.name}: figure {src} did not render')
        n_api, n_fig = n_api + len(d.api), n_fig + len(d.figures)
        for href in d.links:
            u = urlparse(href)
            if u.scheme in ('http', 'https', 'mailto', 'data', 'javascript'):
                if 'editorbot.github.io' in href: errors.append(f'{p.name}: link to the published site instead of this one: {href}')
                continue
            path = unquote(u.path)
            target = (p.parent / path).resolve() if path else p
            if u.scheme == 'file': target = Path(path)
            if target.is_dir(): target = target / 'index.html'
            n_links += 1
            if not target.exists(): errors.append(f'{p.name}: broken link {href}'); continue
            if u.fragment and target.suffix == '.html':
                td = doms.get(target.name) if target.parent == site else None
                if td is not None and unquote(u.fragment) not in td.ids: errors.append(f'{p.name}: broken anchor {href}')
    for name in filter(None, require_figures.split(',')):
        if name + '.html' not in doms: errors.append(f'{name}.html: page missing')
        elif not doms[name + '.html'].figures: errors.append(f'{name}.html: shows no figure')
    for name in filter(None, require_tables.split(',')):
        if name + '.html' not in doms: errors.append(f'{name}.html: page missing')
        elif not doms[name + '.html'].tables: errors.append(f'{name}.html: shows no output table')
    print(f'{len(pages)} pages loaded in Chromium: {n_api} API blocks, {n_fig} figures, {sum(d.tables for d in doms.values())} output tables, {n_links} internal links checked')
    for e in errors: print('FAILED:', e)
    if errors: sys.exit(1)
    print('site check passed')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default=str(Path(__file__).resolve().parent.parent / '_site_local'))
    ap.add_argument('--expect', default=None, help="nb2md's expect.json: API blocks and figures per page")
    ap.add_argument('--require-figures', default='', help='pages (comma-separated names) that must show a figure')
    ap.add_argument('--require-tables', default='', help='pages (comma-separated names) that must show an output table')
    a = ap.parse_args()
    main(a.site, a.expect, a.require_figures, a.require_tables)
