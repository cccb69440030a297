"""Turn nbdev's processed notebooks (`_proc/`, written by `nbdev_proc_nbs`) into a MkDocs source folder.

    python scripts/nb2md.py [--proc _proc] [--out _site_src]

Each notebook becomes one Markdown page named after its quarto `output-file` (so nbdev's doc links, which point at
`position.html#frame_grid` on the published site, point at the same page and anchor here); show_doc outputs become
`div.api` blocks, figures `img.nb-figure`, output tables `div.nb-table`. Writes OUT/docs/ and OUT/mkdocs.yml (the repository's
mkdocs.yml plus the navigation in notebook order). Needs no quarto and runs no notebook.
"""
import argparse, base64, json, re, shutil, sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _settings():
    import configparser
    c = configparser.ConfigParser()
    c.read(ROOT / 'settings.ini')
    d = c['DEFAULT']
    return d['doc_host'].rstrip('/') + d['doc_baseurl'].rstrip('/') + '/', d['git_url'].rstrip('/')


def _directives(src):
    "(directives dict, source without the leading `#|` lines)"
    lines, d = src.splitlines(), {}
    i = 0
    while i < len(lines) and (lines[i].startswith('#|') or not lines[i].strip()):
        m = re.match(r'#\|\s*([\w-]+)\s*:?\s*(.*)', lines[i])
        if m: d[m.group(1).lower()] = m.group(2).strip().lower()
        i += 1
    return d, '\n'.join(lines[i:]).strip('\n')


def _text(x): return ''.join(x) if isinstance(x, list) else (x or '')


class Page:
    def __init__(self, nb_path, pages, site_url, git_url):
        self.path, self.pages, self.site_url, self.git_url = Path(nb_path), pages, site_url, git_url
        self.nb = json.loads(self.path.read_text())
        self.meta = {}
        cells = self.nb['cells']
        if cells and cells[0]['cell_type'] == 'raw':
            src = _text(cells[0]['source']).strip()
            if src.startswith('---'): self.meta = yaml.safe_load(src.strip('-\n')) or {}
        self.name = Path(self.meta.get('output-file', self.path.stem + '.html')).stem
        self.title = self.meta.get('title') or self.path.stem

    def link(self, m):
        "rewrite a link target: the published site's pages and the notebooks' names -> this site's pages"
        url = m.group(2)
        if url.startswith(self.site_url): url = url[len(self.site_url):]
        base, _, anchor = url.partition('#')
        if base.endswith('.ipynb') and '/' not in base: base = self.pages.get(Path(base).stem, base)
        if '/' not in base and (base if not base.endswith('.html') else Path(base).stem) in self.pages.values():
            base = (base if not base.endswith('.html') else Path(base).stem) + '.md'   # nbdev links a module as `models.pointer` or `models.pointer.html`
        return f'{m.group(1)}({base}{"#" + anchor if anchor else ""})'

    def fix_links(self, md): return re.sub(r'(\]\s*)\(([^)\s]+)\)', self.link, md)

    def api(self, md):
        "a show_doc output: its heading gets nbdev's anchor (the name in lower case, dots kept)"
        md = re.sub(r'^(#{2,4}) (\S+)\s*$', lambda m: f'{m.group(1)} {m.group(2)} {{#{m.group(2).lower()}}}', md, flags=re.M)
        return f'<div class="api" markdown>\n\n{self.fix_links(md.strip())}\n\n</div>'

    def outputs(self, cell, i, figdir):
        out = []
        self.n_api = getattr(self, 'n_api', 0)
        self.n_fig = getattr(self, 'n_fig', 0)
        self.n_tab = getattr(self, 'n_tab', 0)
        for j, o in enumerate(cell.get('outputs', [])):
            t = o['output_type']
            if t == 'stream':
                txt = _text(o['text']).rstrip()
                if txt: out.append(f'```text\n{txt}\n```')
            elif t in ('execute_result', 'display_data'):
                d = o.get('data', {})
                if 'text/markdown' in d and 'show_doc(' in _text(cell['source']):
                    out.append(self.api(_text(d['text/markdown'])))
                    self.n_api += 1
                elif 'text/markdown' in d:                                    # a table printed as Markdown
                    out.append(f'<div class="nb-table" markdown>\n\n{self.fix_links(_text(d["text/markdown"]).strip())}\n\n</div>')
                    self.n_tab += 1
                elif 'image/png' in d:
                    fn = f'{self.name}_{i}_{j}.png'
                    (figdir / fn).write_bytes(base64.b64decode(_text(d['image/png'])))
                    out.append(f'![figure: {self.title}](figures/{fn}){{: .nb-figure }}')
                    self.n_fig += 1
                elif 'image/svg+xml' in d:
                    fn = f'{self.name}_{i}_{j}.svg'
                    (figdir / fn).write_text(_text(d['image/svg+xml']))
                    out.append(f'![figure: {self.title}](figures/{fn}){{: .nb-figure }}')
                    self.n_fig += 1
                elif 'text/html' in d:
                    out.append(f'<div class="nb-table" markdown="0">\n{_text(d["text/html"]).strip()}\n</div>')
                    self.n_tab += 1
                elif 'text/plain' in d: out.append(f'```text\n{_text(d["text/plain"]).rstrip()}\n```')
        return out

    def markdown(self, figdir):
        parts = [f'# {self.title}']
        if self.meta.get('description'): parts.append(f'> {self.meta["description"]}')
        for i, c in enumerate(self.nb['cells']):
            src = _text(c['source'])
            if c['cell_type'] == 'raw': continue
            if c['cell_type'] == 'markdown':
                if 'AUTOGENERATED! DO NOT EDIT' in src: continue
                parts.append(self.fix_links(src))
                continue
            d, code = _directives(src)
            if d.get('include') == 'false': continue
            if d.get('echo') != 'false' and code.strip(): parts.append(f'```python\n{code}\n```')
            if d.get('output') != 'false': parts += self.outputs(c, i, figdir)
        return '\n\n'.join(parts) + '\n'


def main(proc='_proc', out='_site_src'):
    proc, out = Path(proc), Path(out)
    nbs = sorted(p for p in proc.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    if not nbs: sys.exit(f'error: {proc}: no processed notebooks (run nbdev_proc_nbs first)')
    site_url, git_url = _settings()
    # notebook stem -> page name, so that links between notebooks and nbdev's doc links both resolve
    pages = {}
    for p in nbs: pages[p.stem] = Page(p, {}, site_url, git_url).name
    if out.exists(): shutil.rmtree(out)
    docs = out / 'docs'
    figdir = docs / 'figures'
    figdir.mkdir(parents=True)
    nav, expect, texts = [], {}, {}
    for p in nbs:
        pg = Page(p, pages, site_url, git_url)
        texts[pg.name] = pg.markdown(figdir)
        expect[pg.name] = dict(api=getattr(pg, 'n_api', 0), figures=getattr(pg, 'n_fig', 0), tables=getattr(pg, 'n_tab', 0))
        entry = {pg.title: f'{pg.name}.md'}
        if pg.name == 'index': nav.insert(0, {'Home': 'index.md'})
        else: nav.append(entry)
    # nbdev links every exported name, also methods and private helpers that no show_doc renders: such a link goes to the
    # class's block (`framegrid.features` -> `framegrid`), else to the page
    anchors = {n: set(re.findall(r'\{#([^}\s]+)\}', t)) for n, t in texts.items()}
    def fix(m):
        page, anchor = m.group(1), m.group(2)
        have = anchors.get(page)
        if not have or anchor in have or not re.fullmatch(r'[\w.]+', anchor): return m.group(0)
        while '.' in anchor:
            anchor = anchor.rsplit('.', 1)[0]
            if anchor in have: return f'({page}.md#{anchor})'
        return f'({page}.md)'
    for n, t in texts.items(): (docs / f'{n}.md').write_text(re.sub(r'\(([\w.-]+)\.md#([^)\s]+)\)', fix, t))
    shutil.copy(ROOT / 'scripts' / 'docs_extra.css', docs / 'extra.css')
    cfg = {'INHERIT': str((ROOT / 'mkdocs.yml').resolve()), 'docs_dir': 'docs', 'nav': nav}
    (out / 'mkdocs.yml').write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True))
    (out / 'expect.json').write_text(json.dumps(expect, indent=1))   # what scripts/check_site.py must find
    print(f'{len(nbs)} pages, {len(list(figdir.iterdir()))} figures -> {out}')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--proc', default=str(ROOT / '_proc'), help="nbdev's processed notebooks")
    ap.add_argument('--out', default=str(ROOT / '_site_src'), help='the MkDocs source folder to write (replaced)')
    a = ap.parse_args()
    main(a.proc, a.out)
